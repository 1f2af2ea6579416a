import { WRITE_GRAPH } from './generate-dcat.js';

/** The read query mix and the one-triple writes, shared by the in-process and the HTTP side. */

export interface BenchQuery {
  name: string;
  sparql: string;
  /** Oxigraph's results_format in process. */
  resultsFormat: string;
  /** Accept header over HTTP; the server maps it to the same Oxigraph format. */
  accept: string;
}

const PREFIXES = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
`;
const JSON_RESULTS = 'application/sparql-results+json';

/** `sample`: a dataset the generated data holds (`GeneratedData.sampleDataset`). */
export function queryMix(sample: string): BenchQuery[] {
  const one = `<${sample}>`;
  return [
    {
      name: 'datasets per publisher (GROUP BY)',
      sparql: `${PREFIXES}SELECT ?publisher (COUNT(?ds) AS ?datasets) WHERE { ?ds a dcat:Dataset ; dct:publisher ?publisher } GROUP BY ?publisher ORDER BY DESC(?datasets)`,
      resultsFormat: 'json',
      accept: JSON_RESULTS,
    },
    {
      name: 'keyword = "vatten"@sv',
      sparql: `${PREFIXES}SELECT ?ds WHERE { ?ds dcat:keyword "vatten"@sv }`,
      resultsFormat: 'json',
      accept: JSON_RESULTS,
    },
    {
      name: 'CONTAINS(title, "vatten") LIMIT 20',
      sparql: `${PREFIXES}SELECT ?ds ?title WHERE { ?ds dct:title ?title FILTER(CONTAINS(LCASE(STR(?title)), "vatten")) } LIMIT 20`,
      resultsFormat: 'json',
      accept: JSON_RESULTS,
    },
    {
      name: 'CONSTRUCT one dataset (N-Triples)',
      sparql: `${PREFIXES}CONSTRUCT { ?s ?p ?o } WHERE {
  { BIND(${one} AS ?s) ?s ?p ?o }
  UNION { ${one} dcat:distribution ?s . ?s ?p ?o }
  UNION { ${one} dcat:contactPoint ?s . ?s ?p ?o }
}`,
      resultsFormat: 'nt',
      accept: 'application/n-triples',
    },
    {
      name: 'ASK dataset exists',
      sparql: `${PREFIXES}ASK { ${one} a dcat:Dataset }`,
      resultsFormat: 'json',
      accept: JSON_RESULTS,
    },
  ];
}

/** The i-th one-triple SPARQL update (each inserts a new triple, so none is a no-op). */
export function oneTripleUpdate(i: number): string {
  return `INSERT DATA { GRAPH <${WRITE_GRAPH}> { <${WRITE_GRAPH}/item/${i}> <http://purl.org/dc/terms/title> "n${i}" } }`;
}

/** The small graph the PUT benchmark replaces, and the i-th body for it (one triple). */
export const PUT_GRAPH = `${WRITE_GRAPH}/put`;
export function oneTripleDocument(i: number): string {
  return `<${PUT_GRAPH}/item> <http://purl.org/dc/terms/title> "n${i}" .\n`;
}
