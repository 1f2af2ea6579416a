import type { Quad, Term } from 'n3';
import { DCAT, DCT } from '../rdf/vocabulary.js';
import { creativeCommonsLabel } from '../vocabularies/creative-commons.js';
import { vocabulary } from '../vocabularies/skos.js';
import { MACHINE_READABLE, NON_PROPRIETARY } from './format-lists.js';
import { IANA_MEDIA_TYPES } from './iana-media-types.js';
import { INDICATORS } from './indicators.js';
import { scoreOf, type DatasetQuality } from './quality.js';

const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/(.+)$/;
const HTTP_URL = /^https?:\/\/[^\s/]+/i;

/** What one indicator asks of one node (the dataset, or one distribution): met or not. */
type Check = (quads: Quad[]) => boolean;

const values = (quads: Quad[], predicate: string): Term[] => quads.filter((q) => q.predicate.value === predicate).map((q) => q.object);
/** A property is stated when it has a value that is not an empty literal. */
const has = (predicate: string): Check => (quads) => values(quads, predicate).some((t) => t.termType !== 'Literal' || t.value.trim() !== '');
/** Some value is an IRI for which `known` holds. */
const hasIri = (predicate: string, known: (iri: string) => boolean): Check => (quads) =>
  values(quads, predicate).some((t) => t.termType === 'NamedNode' && known(t.value));
/** The IRI is a current concept of one of our SKOS lists (`ontologies/vocabularies/{list}.ttl`). */
const inList = (list: string) => (iri: string) => vocabulary(list).concepts.has(iri);
const fileTypeCode = (iri: string) => vocabulary('file-type').concepts.get(iri)?.code;
const ianaMediaType = (iri: string) => IANA_MEDIA_TYPES.has(IANA.exec(iri)?.[1]?.toLowerCase() ?? '');

/** Every format and media type stated is from its vocabulary, and there is at least one. */
const formatFromVocabulary: Check = (quads) => {
  const stated = [...values(quads, `${DCT}format`).map((t) => ({ t, ok: fileTypeCode }) as const), ...values(quads, `${DCAT}mediaType`).map((t) => ({ t, ok: ianaMediaType }) as const)];
  return stated.length > 0 && stated.every(({ t, ok }) => t.termType === 'NamedNode' && Boolean(ok(t.value)));
};
const formatIn = (list: ReadonlySet<string>): Check => hasIri(`${DCT}format`, (iri) => list.has(fileTypeCode(iri) ?? ''));
const knownLicence = (iri: string) => inList('licence')(iri) || creativeCommonsLabel(iri, 'en') !== undefined;

/** How each indicator is checked, by id; `dcatApCompliance` comes from the catalog, not from the description. */
const CHECKS: Record<string, Check> = {
  keywordUsage: has(`${DCAT}keyword`),
  categories: has(`${DCAT}theme`),
  geoSearch: has(`${DCT}spatial`),
  timeBasedSearch: has(`${DCT}temporal`),
  accessUrlAccessibility: hasIri(`${DCAT}accessURL`, (iri) => HTTP_URL.test(iri)),
  downloadUrl: has(`${DCAT}downloadURL`),
  downloadUrlAccessibility: hasIri(`${DCAT}downloadURL`, (iri) => HTTP_URL.test(iri)),
  format: has(`${DCT}format`),
  mediaType: has(`${DCAT}mediaType`),
  formatFromVocabulary,
  nonProprietary: formatIn(NON_PROPRIETARY),
  machineReadable: formatIn(MACHINE_READABLE),
  licenceInformation: has(`${DCT}license`),
  licenceVocabulary: hasIri(`${DCT}license`, knownLicence),
  accessRestrictions: has(`${DCT}accessRights`),
  accessRestrictionsVocabulary: hasIri(`${DCT}accessRights`, inList('access-right')),
  contactPoint: has(`${DCAT}contactPoint`),
  publisher: has(`${DCT}publisher`),
  rights: has(`${DCT}rights`),
  fileSize: has(`${DCAT}byteSize`),
  dateOfIssue: has(`${DCT}issued`),
  modificationDate: has(`${DCT}modified`),
};

/**
 * The MQA of one dataset from its own triples and each of its distributions' triples. `compliant`: whether the
 * catalog's last accepted write passed a DCAT-AP profile (the compliance indicator is the catalog's state, since
 * the gate refuses any catalog with a violation).
 */
export function assessDataset(own: Quad[], distributions: Quad[][], compliant: boolean): DatasetQuality {
  const met = INDICATORS.map((indicator) => {
    if (indicator.level === 'catalog') return compliant ? 1 : 0;
    const check = CHECKS[indicator.id]!;
    switch (indicator.level) {
      case 'dataset':
        return check(own) ? 1 : 0;
      case 'dataset-or-distribution':
        return check(own) || distributions.some(check) ? 1 : 0;
      case 'distribution':
        return distributions.length ? share(distributions.filter(check).length, distributions.length) : 0;
    }
  });
  return { met, score: scoreOf(met) };
}

/** Shares are kept to four decimals: enough for points to one decimal, small to persist. */
const share = (count: number, of: number) => Math.round((count / of) * 10_000) / 10_000;
