import { GRAPH_FORMATS } from '../rdf/formats.js';
import type { QueryForm } from './query-form.js';

/** Media types offered per query form, the server's preference first, with Oxigraph's name for each. */
const SOLUTION_FORMATS: [string, string][] = [
  ['application/sparql-results+json', 'json'],
  ['application/sparql-results+xml', 'xml'],
  ['text/csv', 'csv'],
  ['text/tab-separated-values', 'tsv'],
];
const BOOLEAN_FORMATS = SOLUTION_FORMATS.slice(0, 2);
const GRAPH_RESULT_FORMATS: [string, string][] = [
  ...GRAPH_FORMATS.map((f): [string, string] => [f.mediaType, f.oxigraph]),
  ['application/n-quads', 'nq'],
];

export function resultFormats(form: QueryForm): Map<string, string> {
  switch (form) {
    case 'SELECT':
      return new Map(SOLUTION_FORMATS);
    case 'ASK':
      return new Map(BOOLEAN_FORMATS);
    case 'CONSTRUCT':
    case 'DESCRIBE':
      return new Map(GRAPH_RESULT_FORMATS);
  }
}

/** Every result media type, for the service description. */
export const ALL_RESULT_MEDIA_TYPES = [...SOLUTION_FORMATS, ...GRAPH_RESULT_FORMATS].map(([type]) => type);
