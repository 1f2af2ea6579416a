import { GRAPH_FORMATS } from '../rdf/formats.js';
import type { QueryForm } from './query-form.js';

/** Media types offered per query form, the server's preference first; the store writes each (src/store/store.ts). */
const SOLUTION_MEDIA_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
const BOOLEAN_MEDIA_TYPES = SOLUTION_MEDIA_TYPES.slice(0, 2);
const GRAPH_RESULT_MEDIA_TYPES = [...GRAPH_FORMATS.map((f) => f.mediaType), 'application/n-quads'];

export function resultMediaTypes(form: QueryForm): string[] {
  switch (form) {
    case 'SELECT':
      return SOLUTION_MEDIA_TYPES;
    case 'ASK':
      return BOOLEAN_MEDIA_TYPES;
    case 'CONSTRUCT':
    case 'DESCRIBE':
      return GRAPH_RESULT_MEDIA_TYPES;
  }
}

/** Every result media type, for the service description. */
export const ALL_RESULT_MEDIA_TYPES = [...SOLUTION_MEDIA_TYPES, ...GRAPH_RESULT_MEDIA_TYPES];
