import ox from 'oxigraph';
import jsonld from 'jsonld';

/** Parse a document into N-Triples with literals exactly as written (Oxigraph's parser keeps them). */
export function toNTriples(text: string, format: string, baseIri?: string): string {
  return ox.parse(text, { format, base_iri: baseIri }).map((q) => `${q.toString()} .\n`).join('');
}

/** Canonical N-Quads (RDF Dataset Canonicalization): equal strings mean isomorphic graphs, literals included. */
export async function canonical(ntriples: string): Promise<string> {
  const canonize = jsonld.canonize as unknown as (input: string, options: object) => Promise<string>;
  return canonize(ntriples, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads', format: 'application/n-quads' });
}

export function parse(text: string, format: string, baseIri?: string): ox.Quad[] {
  return ox.parse(text, { format, base_iri: baseIri });
}
