import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import { NOTATION_ISO_639_1, NOTATION_MEDIA_TYPE, RDF_TYPE, SKOS } from '../rdf/vocabulary.js';
import { packageRoot } from '../package-root.js';
import { VOCABULARY_LISTS, vocabularyList, type VocabularyList } from './lists.js';

/**
 * Our SKOS files (`ontologies/vocabularies/{id}.ttl`), read at first use: the one source of the portal's labels, the
 * nearest-value search and (through the generated sh:in lists) the validation rules. A list is parsed only when a
 * value from its namespace is first looked up, so the 1.5 MB language list costs nothing to pages that never show
 * a language.
 */
export interface Concept {
  iri: string;
  /** The IRI after the list's namespace (CSV in …/file-type/CSV): what facets and URLs use. */
  code: string;
  /** The list's own code (CSV, SWE, TRAN, LocalAuthority), when it has one. */
  notation?: string;
  labels: { sv?: string; en?: string };
  /** IANA media types the official file-type table maps the concept to. */
  mediaTypes: string[];
  /** ISO 639-1 codes the official language table maps the concept to. */
  iso6391: string[];
}

export interface Vocabulary {
  list: VocabularyList;
  /** Current concepts by IRI, in file order. */
  concepts: Map<string, Concept>;
}

export const VOCABULARIES_DIR = path.join(packageRoot(), 'ontologies', 'vocabularies');

const loaded = new Map<string, Vocabulary>();

/** Parse one SKOS file of ours into concepts (only the statements our generator writes are read). */
export function parseSkos(list: VocabularyList, text: string): Vocabulary {
  const concepts = new Map<string, Concept>();
  const conceptOf = (iri: string) => {
    let concept = concepts.get(iri);
    if (!concept) concepts.set(iri, (concept = { iri, code: iri.slice(list.namespace.length), labels: {}, mediaTypes: [], iso6391: [] }));
    return concept;
  };
  const inScheme = new Set<string>();
  for (const quad of new N3.Parser().parse(text)) {
    const s = quad.subject.value;
    const o = quad.object;
    switch (quad.predicate.value) {
      case RDF_TYPE:
        if (o.value === `${SKOS}Concept`) conceptOf(s);
        break;
      case `${SKOS}inScheme`:
        if (o.value === list.scheme) inScheme.add(s);
        break;
      case `${SKOS}notation`: {
        const concept = conceptOf(s);
        const datatype = o.termType === 'Literal' ? o.datatype.value : '';
        if (datatype === NOTATION_MEDIA_TYPE) concept.mediaTypes.push(o.value);
        else if (datatype === NOTATION_ISO_639_1) concept.iso6391.push(o.value);
        else concept.notation = o.value;
        break;
      }
      case `${SKOS}prefLabel`:
        if (o.termType === 'Literal' && (o.language === 'sv' || o.language === 'en') && concepts.has(s)) conceptOf(s).labels[o.language] = o.value;
        break;
    }
  }
  for (const iri of concepts.keys()) if (!inScheme.has(iri)) concepts.delete(iri);
  return { list, concepts };
}

/** A vocabulary by list id (`file-type`, `language`, …), read once. */
export function vocabulary(id: string): Vocabulary {
  const cached = loaded.get(id);
  if (cached) return cached;
  const list = vocabularyList(id);
  const parsed = parseSkos(list, fs.readFileSync(path.join(VOCABULARIES_DIR, `${id}.ttl`), 'utf8'));
  loaded.set(id, parsed);
  return parsed;
}

/** The concept an IRI names in any of our lists, or undefined (not in a list, or deprecated). */
export function conceptOf(iri: string): Concept | undefined {
  for (const list of VOCABULARY_LISTS) {
    if (!iri.startsWith(list.namespace)) continue;
    const concept = vocabulary(list.id).concepts.get(iri);
    if (concept) return concept;
  }
  return undefined;
}

/** A concept's label in `lang`, falling back to the other language, then to its code. */
export function conceptLabel(concept: Concept, lang: 'sv' | 'en'): string {
  const other = lang === 'sv' ? 'en' : 'sv';
  return concept.labels[lang] ?? concept.labels[other] ?? concept.notation ?? concept.code;
}
