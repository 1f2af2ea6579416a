import type { FacetName } from '../search/dataset-summary.js';
import { vocabularyList } from './lists.js';
import { conceptLabel, conceptOf, vocabulary } from './skos.js';
import { creativeCommonsLabel } from './creative-commons.js';
import { OTHER_CONCEPTS } from './other-concepts.js';

const IANA_MEDIA_TYPES = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//;

/** The controlled vocabulary (ontologies/vocabularies/{id}.ttl) behind each facet a dataset's IRIs may come from. */
const FACET_LISTS: Partial<Record<FacetName, string>> = {
  theme: 'data-theme',
  format: 'file-type',
  license: 'licence',
  accessRights: 'access-right',
};

const conceptFor = (facet: FacetName, code: string) => {
  const id = FACET_LISTS[facet];
  return id ? vocabulary(id).concepts.get(`${vocabularyList(id).namespace}${code}`) : undefined;
};

/**
 * What a filter takes for an IRI or literal text: the code (TRAN, CSV, PUBLIC) when the IRI is a current concept of
 * that facet's list, else the IRI or text itself. Codes are short, stable and readable in a URL.
 */
export function facetValue(facet: FacetName, term: string): string {
  const id = FACET_LISTS[facet];
  if (!id) return term;
  const namespace = vocabularyList(id).namespace;
  if (!term.startsWith(namespace)) return term;
  return vocabulary(id).concepts.get(term)?.code ?? term;
}

/** A value's label in `lang`; the value itself when no label is known (a literal's text, an unknown IRI). */
export function facetLabel(facet: FacetName, value: string, lang: 'sv' | 'en'): string {
  const concept = conceptFor(facet, value);
  if (concept) return conceptLabel(concept, lang);
  if (facet === 'license') return creativeCommonsLabel(value, lang) ?? value;
  if (facet === 'format' && IANA_MEDIA_TYPES.test(value)) return value.replace(IANA_MEDIA_TYPES, '');
  return value;
}

/** The IRI a value stands for, so pages can link a code back to its concept. */
export function facetIri(facet: FacetName, value: string): string {
  return conceptFor(facet, value)?.iri ?? value;
}

/** The label of a concept IRI from any of our controlled vocabularies, Creative Commons, or the region's places. */
export function labelOfIri(iri: string, lang: 'sv' | 'en'): string | undefined {
  const creativeCommons = creativeCommonsLabel(iri, lang);
  if (creativeCommons) return creativeCommons;
  const other = OTHER_CONCEPTS[iri];
  if (other) return lang === 'sv' ? other[0] : other[1];
  const concept = conceptOf(iri);
  return concept ? conceptLabel(concept, lang) : undefined;
}
