import { EU_AUTHORITY } from '../rdf/vocabulary.js';
import type { FacetName } from '../search/dataset-summary.js';
import { ACCESS_RIGHTS } from './access-right.js';
import { THEMES } from './data-theme.js';
import { FILE_TYPES } from './file-type.js';
import { LICENCES } from './licence.js';
import { creativeCommonsLabel } from './creative-commons.js';
import { OTHER_CONCEPTS } from './other-concepts.js';

const IANA_MEDIA_TYPES = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//;

/** The EU authority table behind each facet a dataset's IRIs may come from. */
const TABLES: Partial<Record<FacetName, { prefix: string; labels: Record<string, readonly string[]> }>> = {
  theme: { prefix: `${EU_AUTHORITY}data-theme/`, labels: THEMES },
  format: { prefix: `${EU_AUTHORITY}file-type/`, labels: FILE_TYPES },
  license: { prefix: `${EU_AUTHORITY}licence/`, labels: LICENCES },
  accessRights: { prefix: `${EU_AUTHORITY}access-right/`, labels: ACCESS_RIGHTS },
};

/**
 * What a filter takes for an IRI or literal text: the EU code (TRAN, CSV, PUBLIC) when the IRI is in the EU table
 * of that facet, else the IRI or text itself. Codes are short, stable and readable in a URL.
 */
export function facetValue(facet: FacetName, term: string): string {
  const table = TABLES[facet];
  if (table && term.startsWith(table.prefix)) {
    const code = term.slice(table.prefix.length);
    if (Object.hasOwn(table.labels, code)) return code;
  }
  return term;
}

/** A value's label in `lang`; the value itself when no label is known (a literal's text, an unknown IRI). */
export function facetLabel(facet: FacetName, value: string, lang: 'sv' | 'en'): string {
  const labels = TABLES[facet]?.labels;
  const known = labels && Object.hasOwn(labels, value) ? labels[value] : undefined;
  if (known) return (lang === 'sv' ? known[0] : known.at(-1)) ?? value;
  if (facet === 'license') return creativeCommonsLabel(value, lang) ?? value;
  if (facet === 'format' && IANA_MEDIA_TYPES.test(value)) return value.replace(IANA_MEDIA_TYPES, '');
  return value;
}

/** The IRI a value stands for, so pages can link a code back to its concept. */
export function facetIri(facet: FacetName, value: string): string {
  const table = TABLES[facet];
  return table && Object.hasOwn(table.labels, value) ? `${table.prefix}${value}` : value;
}

/** The label of a concept IRI from whichever EU table holds it (theme, file type, licence, access right). */
export function labelOfIri(iri: string, lang: 'sv' | 'en'): string | undefined {
  const creativeCommons = creativeCommonsLabel(iri, lang);
  if (creativeCommons) return creativeCommons;
  const other = OTHER_CONCEPTS[iri];
  if (other) return lang === 'sv' ? other[0] : other[1];
  for (const facet of Object.keys(TABLES) as FacetName[]) {
    const value = facetValue(facet, iri);
    if (value !== iri) return facetLabel(facet, value, lang);
  }
  return undefined;
}
