import type { AppContext } from '../context.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import { allRecords, type CatalogRecord } from '../catalogs/catalog-record.js';
import { iriTerm } from '../catalogs/dataset-page.js';
import { RDF_TYPE } from '../rdf/vocabulary.js';

/**
 * How many blank nodes deep a description follows: dataset → contact point → address, distribution → checksum,
 * dataset → qualified relation → …; DCAT-AP nests at most three, the rest is margin. Each level is one more UNION
 * branch, which fails at once where there is no blank node.
 */
export const BLANK_DEPTH = 5;

/** An IRI some public catalog graph describes (as a subject). */
export interface FoundResource {
  iri: string;
  /** The catalog graph the description is read from. */
  graph: string;
  catalog: CatalogRecord;
  /** Its rdf:types in that graph (dcat:Dataset, dcat:Distribution, foaf:Organization…). */
  types: string[];
}

export interface ResourceDescription extends FoundResource {
  /** The resource's triples and its blank-node closure, with literals as written. */
  ntriples: string;
}

type Reader = Pick<AppContext, 'store' | 'records' | 'config'>;

/** Which public graphs describe an IRI, with its types there: a lookup by subject, cheap at any store size. */
export function describingGraphsQuery(graphs: string[], iri: string): string {
  const subject = iriTerm(iri);
  return `SELECT DISTINCT ?g ?t WHERE {
  VALUES ?g { ${graphs.map(iriTerm).join(' ')} }
  GRAPH ?g { ${subject} ?p ?o }
  OPTIONAL { GRAPH ?g { ${subject} ${iriTerm(RDF_TYPE)} ?t } }
}`;
}

/** A resource's own triples and those of the blank nodes it reaches through blank nodes, up to BLANK_DEPTH. */
export function describeConstruct(graph: string, iri: string): string {
  const subject = iriTerm(iri);
  const branches = [`{ ${subject} ?p ?o . BIND(${subject} AS ?s) }`];
  for (let depth = 1; depth <= BLANK_DEPTH; depth++) {
    const chain: string[] = [];
    let from = subject;
    for (let level = 1; level <= depth; level++) {
      chain.push(`${from} ?p${level} ?b${level} . FILTER(isBlank(?b${level}))`);
      from = `?b${level}`;
    }
    branches.push(`{ ${chain.join(' ')} ${from} ?p ?o . BIND(${from} AS ?s) }`);
  }
  return `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${iriTerm(graph)} {
  ${branches.join('\n  UNION ')}
} }`;
}

/**
 * Finds the public catalog graph that describes an IRI. When several do (a publisher described in each of its
 * catalogs), `preferred` wins, then the first catalog by id, so the same IRI always gives the same description.
 */
export async function findResource(ctx: Reader, iri: string, preferred?: string): Promise<FoundResource | undefined> {
  const records = allRecords(ctx.records).filter((record) => record.public);
  if (!records.length) return undefined;
  const byGraph = new Map(records.map((record) => [catalogGraph(ctx.config.baseUrl, record.id), record]));
  const rows = await ctx.store.select(describingGraphsQuery([...byGraph.keys()], iri), `${ctx.config.baseUrl}/`);
  if (!rows.length) return undefined;
  const types = new Map<string, string[]>();
  for (const row of rows) {
    const graph = row.g!.value;
    if (!types.has(graph)) types.set(graph, []);
    if (row.t?.type === 'uri') types.get(graph)!.push(row.t.value);
  }
  const record = (preferred && records.find((r) => r.id === preferred && types.has(catalogGraph(ctx.config.baseUrl, r.id)))) || records.find((r) => types.has(catalogGraph(ctx.config.baseUrl, r.id)))!;
  const graph = catalogGraph(ctx.config.baseUrl, record.id);
  return { iri, graph, catalog: record, types: types.get(graph)! };
}

/** A resource's description as N-Triples text, for the portal's dataset and distribution pages. */
export async function describeResource(ctx: Reader, iri: string): Promise<ResourceDescription | undefined> {
  const found = await findResource(ctx, iri);
  if (!found) return undefined;
  return { ...found, ntriples: await ctx.store.ntriples([{ graph: found.graph, construct: describeConstruct(found.graph, iri) }]) };
}
