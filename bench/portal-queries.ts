import { iriTerm } from '../src/catalogs/dataset-page.js';
import { dcat } from '../src/rdf/vocabulary.js';

/**
 * The SPARQL counterparts of the portal's reads: the same question asked of `/sparql` on the same server, to print
 * beside each page's time. They are what a SPARQL-backed portal would run (text matching with CONTAINS, facets with
 * GROUP BY, paging with ORDER BY/OFFSET/LIMIT), not what the server runs: its pages come from the dataset index.
 */

const PREFIXES = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
`;

/** A SPARQL string literal: the JSON escapes are valid SPARQL ECHAR/UCHAR escapes. */
const literal = (text: string) => JSON.stringify(text);

/** The matching datasets of a search, as a group binding `?d` (repeated in every branch, as SPARQL must). */
export type SearchMatch = { words: string[] } | { graph: string; theme: string };

function matchPattern(match: SearchMatch): string {
  if ('words' in match) {
    // Prefix matching by substring: `skol` finds "Skolenheter", as the index's stemming does.
    const tests = match.words.map((w) => `CONTAINS(LCASE(STR(?text)), ${literal(w.toLowerCase())})`).join(' && ');
    return `{ SELECT DISTINCT ?d WHERE { ?d a dcat:Dataset ; dct:title|dct:description|dcat:keyword ?text . FILTER(${tests}) } }`;
  }
  return `GRAPH ${iriTerm(match.graph)} { ?d a dcat:Dataset } ?d dcat:theme ${iriTerm(match.theme)} .`;
}

/**
 * One search page: the first 20 results (by title, or newest first), the total, and the counts of the five facets
 * (organisation = the catalog graph, theme, format, licence, access rights), one UNION branch each.
 */
export function searchQuery(match: SearchMatch, sort: 'title' | 'modified'): string {
  const m = matchPattern(match);
  const facet = (name: string, pattern: string) =>
    `{ SELECT (${literal(name)} AS ?facet) ?value (COUNT(DISTINCT ?d) AS ?count) WHERE { ${m} ${pattern} } GROUP BY ?value }`;
  const order = sort === 'modified' ? 'ORDER BY DESC(?modified) ?d' : 'ORDER BY ?title ?d';
  return `${PREFIXES}SELECT * WHERE {
  { SELECT ?d ?title ?modified WHERE { ${m} ?d dct:title ?title . FILTER(LANG(?title) = "sv") OPTIONAL { ?d dct:modified ?modified } } ${order} LIMIT 20 }
  UNION { SELECT (COUNT(DISTINCT ?d) AS ?total) WHERE { ${m} } }
  UNION ${facet('organisation', 'GRAPH ?value { ?d a dcat:Dataset }')}
  UNION ${facet('theme', '?d dcat:theme ?value .')}
  UNION ${facet('format', '?d dcat:distribution/dct:format ?value .')}
  UNION ${facet('license', '{ ?d dct:license ?value } UNION { ?d dcat:distribution/dct:license ?value }')}
  UNION ${facet('accessRights', '?d dct:accessRights ?value .')}
}`;
}

/** The home page's figures as COUNT queries, the ten latest changed datasets, and the datasets per catalog. */
export const HOME_QUERY = `${PREFIXES}SELECT * WHERE {
  { SELECT (COUNT(DISTINCT ?d) AS ?datasets) WHERE { ?d a dcat:Dataset } }
  UNION { SELECT (COUNT(DISTINCT ?x) AS ?distributions) WHERE { ?d a dcat:Dataset ; dcat:distribution ?x } }
  UNION { SELECT (COUNT(DISTINCT ?g) AS ?catalogs) WHERE { GRAPH ?g { ?c a dcat:Catalog } } }
  UNION { SELECT (COUNT(DISTINCT ?p) AS ?organisations) WHERE { ?c a dcat:Catalog ; dct:publisher ?p } }
  UNION { SELECT ?latest ?modified WHERE { ?latest a dcat:Dataset ; dct:modified ?modified } ORDER BY DESC(?modified) LIMIT 10 }
  UNION { SELECT ?g (COUNT(?d) AS ?inCatalog) WHERE { GRAPH ?g { ?d a dcat:Dataset } } GROUP BY ?g }
}`;

/**
 * One `/catalog` page: `limit` datasets from `offset` in IRI order (optionally only those modified since a date),
 * with their own triples and their distributions'.
 */
export function catalogPageQuery(offset: number, limit: number, modifiedSince?: string): string {
  const since = modifiedSince ? ` ; dct:modified ?m . FILTER(STR(?m) >= ${literal(modifiedSince)})` : ' .';
  return `${PREFIXES}CONSTRUCT { ?d ?p ?o . ?x ?xp ?xo } WHERE {
  { SELECT ?d WHERE { ?d a dcat:Dataset${since} } ORDER BY ?d OFFSET ${offset} LIMIT ${limit} }
  { ?d ?p ?o } UNION { ?d dcat:distribution ?x . ?x ?xp ?xo }
}`;
}

/**
 * What a SPARQL client asks for the description of some datasets in one graph (the server's /catalog pages read
 * them from the dataset index instead): their own triples, those of their distributions and blank nodes,
 * and one level further of blank nodes (a checksum of a distribution, the address of a contact point).
 */
export function datasetsConstruct(graph: string, datasets: string[]): string {
  // Each branch follows one kind of link, without FILTER EXISTS (evaluated per candidate row in Oxigraph).
  const distribution = iriTerm(dcat('distribution'));
  return `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${iriTerm(graph)} {
  VALUES ?d { ${datasets.map(iriTerm).join(' ')} }
  { ?d ?p ?o . BIND(?d AS ?s) }
  UNION { ?d ${distribution} ?s . ?s ?p ?o }
  UNION { ?d ?p1 ?s . FILTER(isBlank(?s)) ?s ?p ?o }
  UNION { ?d ${distribution} ?x . ?x ?p2 ?s . FILTER(isBlank(?s)) ?s ?p ?o }
  UNION { ?d ?p1 ?x . FILTER(isBlank(?x)) ?x ?p2 ?s . FILTER(isBlank(?s)) ?s ?p ?o }
} }`;
}
