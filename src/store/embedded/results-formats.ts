import { GRAPH_FORMATS } from '../../rdf/formats.js';
import { StoreError } from '../store-error.js';

/** Oxigraph's names for the result syntaxes the store interface names by media type. */
const OXIGRAPH_RESULTS_FORMATS = new Map<string, string>([
  ['application/sparql-results+json', 'json'],
  ['application/sparql-results+xml', 'xml'],
  ['text/csv', 'csv'],
  ['text/tab-separated-values', 'tsv'],
  ...GRAPH_FORMATS.map((f): [string, string] => [f.mediaType, f.oxigraph]),
  ['application/n-quads', 'nq'],
]);

/** The Oxigraph `results_format` for a media type; a type it cannot write is the caller's mistake. */
export function oxigraphResultsFormat(mediaType: string): string {
  const format = OXIGRAPH_RESULTS_FORMATS.get(mediaType);
  if (!format) throw new StoreError('unsupported', `The embedded store cannot write query results as ${mediaType}`);
  return format;
}
