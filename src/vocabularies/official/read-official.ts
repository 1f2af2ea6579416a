import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { OWL, SKOS } from '../../rdf/vocabulary.js';
import type { VocabularyList } from '../lists.js';
import { parseToNTriples } from '../../rdf/parse.js';

/**
 * What the official code-list files say about one list: its current concepts with their codes, Swedish and English
 * preferred labels and the mappings the nearest-value search uses. Read by the generator
 * (`generate-skos.ts`) and by the test that proves our SKOS files equal the official lists; never at run time.
 */
export interface OfficialConcept {
  iri: string;
  /** skos:notation, or the EU authority code (at:authority-code) for EU tables, which carry no skos:notation. */
  notation?: string;
  labels: { sv?: string; en?: string };
  /** IANA media types the EU file-type table maps the concept to (its "mime-type-cellar" codes). */
  mediaTypes: string[];
  /** ISO 639-1 two-letter codes the EU language table maps the concept to. */
  iso6391: string[];
}

export interface OfficialList {
  version?: string;
  schemeLabels: { sv?: string; en?: string };
  /** Current concepts, sorted by IRI. */
  concepts: OfficialConcept[];
  /** IRIs left out because the official list marks them deprecated. */
  deprecated: string[];
  /** The official files read, relative to the reference directory. */
  files: string[];
}

const AT = 'http://publications.europa.eu/ontology/authority/';
const EUVOC = 'http://publications.europa.eu/ontology/euvoc#';
const DC = 'http://purl.org/dc/elements/1.1/';
const DEPRECATED_STATUS = 'http://publications.europa.eu/resource/authority/concept-status/DEPRECATED';

/** An official file (RDF/XML or Turtle) read with the server's own parser, as RDF/JS quads for the N3 store below. */
export async function parseOfficialFile(file: string): Promise<Quad[]> {
  const mediaType = file.endsWith('.ttl') ? 'text/turtle' : 'application/rdf+xml';
  const parsed = await parseToNTriples({ bytes: fs.readFileSync(file), mediaType, baseIri: `file://${file}` });
  if (!parsed.ok) throw new Error(`${file}: ${parsed.message}${parsed.line === undefined ? '' : ` (line ${parsed.line})`}`);
  return new N3.Parser({ format: 'N-Triples' }).parse(parsed.ntriples) as Quad[];
}

/** Read a list from its official files in `referenceDir` (../shared/reference/vocabularies). */
export async function readOfficialList(list: VocabularyList, referenceDir: string): Promise<OfficialList> {
  const [main, ...additions] = (await Promise.all(list.sources.map((name) => parseOfficialFile(path.join(referenceDir, name))))).map((quads) => new N3.Store(quads));
  if (!main) throw new Error(`${list.id}: no source files`);
  const { namedNode } = N3.DataFactory;
  const scheme = namedNode(list.scheme);
  const values = (store: N3.Store, subject: N3.Term, predicate: string) => store.getObjects(subject, namedNode(predicate), null);
  const literalOf = (store: N3.Store, subject: N3.Term, predicate: string) => values(store, subject, predicate).find((o) => o.termType === 'Literal')?.value;
  const label = (store: N3.Store, subject: N3.Term, lang: string) => {
    const found = values(store, subject, `${SKOS}prefLabel`).filter((o) => o.termType === 'Literal' && (o as N3.Literal).language === lang).map((o) => o.value).sort();
    return found[0];
  };
  const labels = (store: N3.Store, subject: N3.Term) => {
    const sv = label(store, subject, 'sv');
    const en = label(store, subject, 'en');
    return { ...(sv !== undefined ? { sv } : {}), ...(en !== undefined ? { en } : {}) };
  };
  const isDeprecated = (store: N3.Store, subject: N3.Term) =>
    values(store, subject, `${AT}deprecated`).some((o) => o.value === 'true') ||
    values(store, subject, `${OWL}deprecated`).some((o) => o.value === 'true') ||
    values(store, subject, `${EUVOC}status`).some((o) => o.value === DEPRECATED_STATUS);
  const mapped = (store: N3.Store, subject: N3.Term, source: string) =>
    values(store, subject, `${AT}op-mapped-code`)
      .filter((m) => values(store, m, `${DC}source`).some((s) => s.value === source))
      .flatMap((m) => values(store, m, `${AT}legacy-code`).map((c) => c.value))
      .sort();
  const members = (store: N3.Store) => store.getSubjects(namedNode(`${SKOS}inScheme`), scheme, null).filter((s) => s.termType === 'NamedNode');

  const concepts = new Map<string, OfficialConcept>();
  const deprecated = new Set<string>();
  for (const subject of members(main)) {
    if (isDeprecated(main, subject)) {
      deprecated.add(subject.value);
      continue;
    }
    const notation = literalOf(main, subject, `${SKOS}notation`) ?? literalOf(main, subject, `${AT}authority-code`);
    concepts.set(subject.value, {
      iri: subject.value,
      ...(notation !== undefined ? { notation } : {}),
      labels: labels(main, subject),
      mediaTypes: mapped(main, subject, 'mime-type-cellar'),
      iso6391: mapped(main, subject, 'iso-639-1'),
    });
  }
  // Later files (a newer membership-only extract) add codes without labels; they never bring back deprecated ones.
  for (const store of additions) {
    for (const subject of members(store)) {
      if (concepts.has(subject.value) || deprecated.has(subject.value) || isDeprecated(store, subject)) continue;
      concepts.set(subject.value, { iri: subject.value, labels: labels(store, subject), mediaTypes: [], iso6391: [] });
    }
  }
  const version = literalOf(main, scheme, `${OWL}versionInfo`);
  return {
    ...(version !== undefined ? { version } : {}),
    schemeLabels: labels(main, scheme),
    concepts: [...concepts.values()].sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0)),
    deprecated: [...deprecated].sort(),
    files: list.sources,
  };
}
