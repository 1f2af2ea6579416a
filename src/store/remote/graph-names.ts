import { DEFAULT_GRAPH, type GraphName } from '../store.js';

/**
 * The graphs the backend keeps for itself in the remote store. Virtuoso has no default graph of its own (its default
 * graph is the union of every graph, its system graphs included), so ours is a named graph too.
 */
const OWN = 'urn:x-dataportal-vast:';
export const DEFAULT_GRAPH_STAND_IN = `${OWN}default-graph`;
/** Lists our named graphs: `<graph> a <…Graph>`. Changed in the same update request as the graphs it lists. */
export const GRAPH_LIST = `${OWN}graphs`;
export const LISTED_GRAPH = `${OWN}Graph`;
/**
 * The number of the last write, `<STATE_GRAPH> <WRITE_COUNT> n`, changed in the same update request as the write it
 * counts, so it is durable exactly when the write is (src/records settles against it after a crash).
 */
export const STATE_GRAPH = `${OWN}state`;
export const WRITE_COUNT = `${OWN}writes`;
/** Never written: the dataset of a query that asked for no graphs (Virtuoso takes "none" as "all"). */
export const EMPTY_GRAPH = `${OWN}empty`;
/** A catalog replacement is written here first, then moved over the graph in one step. */
export const STAGING_PREFIX = `${OWN}staging:`;
/** Where literals are written to see what the store makes of them. */
export const SCRATCH_PREFIX = `${OWN}scratch:`;

export function remoteGraph(graph: GraphName): string {
  return graph === DEFAULT_GRAPH ? DEFAULT_GRAPH_STAND_IN : graph;
}

export function isOwnGraph(iri: string): boolean {
  return iri.startsWith(OWN);
}

/** An IRI as a SPARQL/N-Triples term; IRIs reach here from our own code or parsed input, never with `>` in them. */
export function iriTerm(iri: string): string {
  if (/[\s<>"{}|^`\\]/.test(iri)) throw new Error(`not an IRI: ${iri}`);
  return `<${iri}>`;
}
