/**
 * The writes the store knows. They are journaled before they are acknowledged and replayed in order after a
 * restart, so each must have the same effect every time it is applied to the same state.
 */

/** The IRI of a named graph, or DEFAULT_GRAPH for the store's default graph. */
export type GraphName = string;
export const DEFAULT_GRAPH: GraphName = '';

export type WriteOp =
  /** Replace a graph's content with these N-Triples (empty text creates an empty graph). */
  | { kind: 'replace-graph'; graph: GraphName; ntriples: string }
  /** RDF-merge these N-Triples into a graph, creating it when absent. */
  | { kind: 'add-to-graph'; graph: GraphName; ntriples: string }
  | { kind: 'drop-graph'; graph: GraphName }
  /** Change part of an existing graph: what a re-PUT of a catalog changes, instead of the whole text again. */
  | ({ kind: 'patch-graph'; graph: GraphName } & GraphPatch)
  /** A deterministic SPARQL Update, replayed as text. */
  | { kind: 'sparql-update'; update: string; baseIri: string }
  /** The effect of a non-deterministic update (NOW(), UUID()…): the new content of every graph it may touch. */
  | { kind: 'replace-graphs'; graphs: { graph: GraphName; ntriples: string | null }[] };

/**
 * The difference between a graph's content and its next content. Triples without blank nodes are removed and added
 * as they are. Blank-node labels differ between the store and any text (Oxigraph renames them on load), so triples
 * with blank nodes move as whole trees: every blank node hanging from one of `trees.roots` (through blank nodes
 * only, at most `trees.depth` deep) is deleted with its triples, and the new trees come in `add`.
 */
export interface GraphPatch {
  /** N-Triples without blank nodes, each in the graph now. */
  remove: string;
  trees: {
    /** IRIs, as N-Triples terms (`<…>`), whose blank-node trees are replaced. */
    roots: string[];
    depth: number;
    /** The N-Triples of those trees as they are now (for the literal bookkeeping and the quad count). */
    ntriples: string;
  };
  /** N-Triples to add: new triples without blank nodes and the new trees of the roots. */
  add: string;
}

/**
 * Small server bookkeeping (catalog records, token hashes) journaled in the same record as the graph write it
 * belongs to, so both survive or neither does. `null` removes a key.
 */
export type RegistryChanges = Record<string, unknown>;

export interface JournalRecord {
  seq: number;
  /** Milliseconds since the epoch when the write was taken (it is acknowledged once journaled). */
  at: number;
  /** Absent for a record that changes only the registry. */
  op?: WriteOp;
  registry?: RegistryChanges;
}

/** Graphs a write touches; 'all' when that cannot be known without evaluating it. */
export function touchedGraphs(op: WriteOp): GraphName[] | 'all' {
  switch (op.kind) {
    case 'replace-graph':
    case 'add-to-graph':
    case 'patch-graph':
    case 'drop-graph':
      return [op.graph];
    case 'replace-graphs':
      return op.graphs.map((g) => g.graph);
    case 'sparql-update':
      return 'all';
  }
}
