import sparqljs from 'sparqljs';
import { StoreError } from '../store-error.js';

/** Parse SPARQL with sparqljs; a syntax error becomes StoreError 'syntax' with its line and column. */
export function parseSparql(text: string, baseIri: string): sparqljs.SparqlQuery {
  try {
    return new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
  } catch (error) {
    const loc = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash?.loc;
    const message = (error as Error).message.split('\n').filter((l) => !/^[-^\s]*$/.test(l)).join(' ');
    throw new StoreError('syntax', message, loc ? { line: loc.first_line, column: (loc.first_column ?? 0) + 1 } : {});
  }
}

export function iri(value: string): sparqljs.IriTerm {
  return { termType: 'NamedNode', value } as sparqljs.IriTerm;
}

export function generate(parsed: sparqljs.SparqlQuery): string {
  return new sparqljs.Generator().stringify(parsed);
}
