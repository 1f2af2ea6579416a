/**
 * The writes the store knows. They are journaled before they are acknowledged and replayed in order after a
 * restart, so each must have the same effect every time it is applied to the same state.
 */

import type { ChangeKind, GraphName, GraphPatch } from '../store.js';

// The interface's types, which the embedded modules take from here with the operations.
export { DEFAULT_GRAPH, type GraphName, type GraphPatch } from '../store.js';

/**
 * Catalog records and token hashes as releases before 0.6.0 journaled them with the graph writes (`null` removed a
 * key). Still read, so src/records can take them over once; never written.
 */
export type RegistryChanges = Record<string, unknown>;

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

export interface JournalRecord {
  seq: number;
  /** Milliseconds since the epoch when the write was taken (it is acknowledged once journaled). */
  at: number;
  /** Absent for a record that changed only the registry (before 0.6.0). */
  op?: WriteOp;
  /** Before 0.6.0 only. */
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

/** The kind of change listeners hear for a write (a captured update's effect is still an update). */
export function changeKind(op: WriteOp): ChangeKind {
  switch (op.kind) {
    case 'replace-graph':
      return 'replace';
    case 'add-to-graph':
      return 'add';
    case 'patch-graph':
      return 'patch';
    case 'drop-graph':
      return 'drop';
    case 'sparql-update':
    case 'replace-graphs':
      return 'update';
  }
}
