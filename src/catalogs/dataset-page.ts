import { dcat } from '../rdf/vocabulary.js';

/** SPARQL the union catalog runs; IRIs are written as N-Triples terms (escaped), never spliced raw. */
export const iriTerm = (iri: string) => `<${iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;

/**
 * The description of some datasets in one graph: their own triples, those of their distributions and blank nodes,
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

/** A catalog resource without its member links: enough for a harvester to see the sub-catalog has content. */
export function catalogNodeConstruct(graph: string, catalogIri: string): string {
  const members = ['dataset', 'record', 'service', 'catalog'].map((name) => iriTerm(dcat(name))).join(', ');
  return `CONSTRUCT { ${iriTerm(catalogIri)} ?p ?o } WHERE { GRAPH ${iriTerm(graph)} {
  ${iriTerm(catalogIri)} ?p ?o . FILTER(?p NOT IN (${members}))
} }`;
}
