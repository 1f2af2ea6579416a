import { dcat } from '../rdf/vocabulary.js';

/** SPARQL the union catalog runs; IRIs are written as N-Triples terms (escaped), never spliced raw. */
export const iriTerm = (iri: string) => `<${iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;

/** A catalog resource without its member links: enough for a harvester to see the sub-catalog has content. */
export function catalogNodeConstruct(graph: string, catalogIri: string): string {
  const members = ['dataset', 'record', 'service', 'catalog'].map((name) => iriTerm(dcat(name))).join(', ');
  return `CONSTRUCT { ${iriTerm(catalogIri)} ?p ?o } WHERE { GRAPH ${iriTerm(graph)} {
  ${iriTerm(catalogIri)} ?p ?o . FILTER(?p NOT IN (${members}))
} }`;
}
