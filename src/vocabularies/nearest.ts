import { ADMS, DCAT, DCATAP, DCT } from '../rdf/vocabulary.js';
import { conceptLabel, vocabulary, type Concept } from './skos.js';

/**
 * The nearest valid value for an offending value of a controlled-vocabulary property, when one is obvious: the same
 * IRI with another scheme (https), case or trailing slash; a literal that is a code ("CSV", "csv", "SWE"), a media
 * type ("text/csv"), an ISO 639-1 code ("sv") or a Swedish or English label ("Transport", "Miljö", "svenska"); an
 * IANA media-type IRI given as a format; the same code in an older list (DCAT-AP 2 availability, ADMS status). Nothing is suggested when two concepts would fit equally well.
 */
export interface Suggestion {
  /** The IRI of the concept to use instead. */
  value: string;
  /** Its English label (Swedish, then its code, when there is none). */
  label: string;
  labelSv: string;
}

/** Which lists a property's values come from (DCAT-AP 3 §10, the HVD annex, the licence guidance). */
const PROPERTY_LISTS: Record<string, readonly string[]> = {
  [`${DCT}format`]: ['file-type'],
  [`${DCAT}theme`]: ['data-theme'],
  [`${DCT}accrualPeriodicity`]: ['frequency'],
  [`${DCT}language`]: ['language'],
  [`${DCT}accessRights`]: ['access-right'],
  [`${ADMS}status`]: ['distribution-status'],
  [`${DCATAP}availability`]: ['planned-availability'],
  [`${DCT}type`]: ['adms-publisher-type', 'adms-licence-type'],
  [`${DCATAP}hvdCategory`]: ['hvd-category'],
  [`${DCT}license`]: ['licence'],
};

const IANA_MEDIA_TYPE = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/(.+)$/i;

/** Ways to name a concept, each a lower-cased key → the concepts it names; built once per list. */
interface Index {
  listId: string;
  iri: Map<string, Concept[]>;
  code: Map<string, Concept[]>;
  mediaType: Map<string, Concept[]>;
  iso6391: Map<string, Concept[]>;
  label: Map<string, Concept[]>;
}

const indexes = new Map<string, Index>();

function indexOf(id: string): Index {
  const cached = indexes.get(id);
  if (cached) return cached;
  const index: Index = { listId: id, iri: new Map(), code: new Map(), mediaType: new Map(), iso6391: new Map(), label: new Map() };
  const put = (map: Map<string, Concept[]>, key: string, concept: Concept) => {
    const k = key.trim().toLowerCase();
    const list = map.get(k) ?? [];
    if (!list.includes(concept)) list.push(concept);
    map.set(k, list);
  };
  for (const concept of vocabulary(id).concepts.values()) {
    put(index.iri, comparableIri(concept.iri), concept);
    put(index.code, concept.code, concept);
    if (concept.notation !== undefined) put(index.code, concept.notation, concept);
    for (const m of concept.mediaTypes) put(index.mediaType, m, concept);
    for (const c of concept.iso6391) put(index.iso6391, c, concept);
    for (const l of [concept.labels.sv, concept.labels.en]) if (l !== undefined) put(index.label, l, concept);
  }
  indexes.set(id, index);
  return index;
}

/** An IRI with the differences publishers make by mistake taken out: scheme, case, a trailing slash. */
function comparableIri(iri: string): string {
  return iri.trim().replace(/^https?:\/\//i, 'http://').replace(/\/+$/, '').toLowerCase();
}

/**
 * The nearest valid value for `value` of property `path` (a predicate IRI), or undefined when none is obvious or
 * the value is already valid. `isIri` says whether the value is an IRI (else a literal's lexical form).
 */
export function nearestValue(path: string, value: string, isIri: boolean): Suggestion | undefined {
  const lists = PROPERTY_LISTS[path];
  if (!lists) return undefined;
  const text = value.trim().toLowerCase();
  const media = isIri ? IANA_MEDIA_TYPE.exec(value.trim())?.[1] : value;
  // In order of confidence; the first way that names concepts decides, and only a single concept is obvious.
  const ways: ((index: Index) => Concept[] | undefined)[] = isIri
    ? [
        (i) => i.iri.get(comparableIri(value)),
        (i) => (media ? i.mediaType.get(media.toLowerCase()) : undefined),
        (i) => (i.listId.endsWith(parentSegment(value)) ? i.code.get(lastSegment(value)) : undefined),
      ]
    : [(i) => i.code.get(text), (i) => i.mediaType.get(mediaTypeOnly(text)), (i) => i.iso6391.get(text), (i) => i.label.get(text)];
  for (const way of ways) {
    const found = new Set(lists.flatMap((id) => way(indexOf(id)) ?? []));
    if (found.size === 0) continue;
    if (found.size > 1) return undefined;
    const [concept] = found as Set<Concept> & Iterable<Concept>;
    if (!concept || (isIri && concept.iri === value)) return undefined;
    return { value: concept.iri, label: conceptLabel(concept, 'en'), labelSv: conceptLabel(concept, 'sv') };
  }
  return undefined;
}

/**
 * The last two path segments of an IRI, lower-cased: an older list's IRI names the same code under a folder the
 * current list's id ends with (DCAT-AP 2 `…/r5r/availability/stable` → planned-availability STABLE, ADMS
 * `…/adms/status/Completed` → distribution-status COMPLETED).
 */
function lastSegment(iri: string): string {
  return iri.trim().replace(/\/+$/, '').split('/').at(-1)!.toLowerCase();
}

function parentSegment(iri: string): string {
  return iri.trim().replace(/\/+$/, '').split('/').at(-2)?.toLowerCase() || '\u0000';
}

/** "text/csv; charset=utf-8" → "text/csv". */
function mediaTypeOnly(text: string): string {
  return text.split(';')[0]!.trim();
}
