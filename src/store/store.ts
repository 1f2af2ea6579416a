import type { GraphPatch, RegistryChanges } from './write-ops.js';

export type { GraphPatch, RegistryChanges };

export type GraphName = string; // an IRI; DEFAULT_GRAPH = '' is the store's default graph
export const DEFAULT_GRAPH: GraphName = '';

/** Which graphs a query sees. Absent: the union of our graphs as default graph, each of them as a named graph. */
export interface QueryDataset {
  defaultGraphs?: GraphName[];
  namedGraphs?: GraphName[];
}

/** One piece of a document: a whole graph, or what a CONSTRUCT (naming the graph itself) gives from it. */
export interface RenderPart {
  graph: GraphName;
  construct?: string;
}

/** What a backend can do beyond the common interface; callers adapt, routes never ask which backend it is. */
export interface StoreCapabilities {
  /** patchGraph() is offered (the embedded store: line-diff patches of a graph's N-Triples). */
  graphPatches: boolean;
  /** Documents give back literals exactly as written (both backends must end up true; see issue 10). */
  literalOriginals: boolean;
  /** touchedSince() can answer from a local write log. */
  writeLog: boolean;
}

export type ChangeKind = 'replace' | 'add' | 'patch' | 'drop' | 'update';
export interface StoreChange {
  graphs: GraphName[] | 'all';
  kind: ChangeKind;
  seq: number;
}

export interface StoreStats {
  quads: number;
  seq: number;
  ready: boolean;
  /* backend-specific numbers: */ [k: string]: unknown;
}

export interface CommitResult {
  seq: number;
  existed: boolean;
  changed: boolean;
}

/** Everything the rest of the server may ask of a store. Media types in, serialised bytes out. */
export interface Store {
  readonly capabilities: StoreCapabilities;
  readonly ready: boolean;
  stats(): StoreStats;
  open(onProgress?: (graphs: number, total: number, quads: number) => void): Promise<void>;
  close(): Promise<void>;

  replaceGraph(graph: GraphName, ntriples: string, registry?: RegistryChanges): Promise<CommitResult>;
  addToGraph(graph: GraphName, ntriples: string, registry?: RegistryChanges): Promise<CommitResult>;
  /** Only when capabilities.graphPatches. */
  patchGraph?(graph: GraphName, patch: GraphPatch, registry?: RegistryChanges): Promise<CommitResult>;
  dropGraph(graph: GraphName, registry?: RegistryChanges): Promise<CommitResult>;
  /** A SPARQL 1.1 Update over our graphs. */
  update(update: string, baseIri: string): Promise<CommitResult>;

  /** A SPARQL query; results serialised in `mediaType` (application/sparql-results+json, …+xml, text/csv,
   *  text/tab-separated-values, or an RDF media type for CONSTRUCT/DESCRIBE), streamed to onChunk. */
  query(
    query: string,
    mediaType: string,
    baseIri: string,
    dataset: QueryDataset | undefined,
    onChunk: (chunk: Uint8Array) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<void>;
  /** One document of several graphs or parts of them plus `extra` N-Triples, literals as written.
   *  Resolves false when `requireGraph` does not exist. */
  render(
    parts: RenderPart[],
    mediaType: string,
    onChunk: (chunk: Uint8Array) => Promise<void> | void,
    options?: { extra?: string; requireGraph?: GraphName },
  ): Promise<boolean>;
  document(graph: GraphName, mediaType: string, onChunk: (chunk: Uint8Array) => Promise<void> | void): Promise<boolean>;
  ntriples(parts: RenderPart[]): Promise<string>;
  select(query: string, baseIri: string): Promise<Record<string, { type: string; value: string }>[]>;
  graphExists(graph: GraphName): Promise<boolean>;
  listGraphs(): Promise<GraphName[]>;

  /** After each acknowledged write: the graphs it touched (listeners: caches, the dataset index). */
  onChange(listener: (change: StoreChange) => void): void;
  /** Graphs touched after `seq` (see the embedded store's doc); 'unknown' when the backend cannot tell. */
  touchedSince(seq: number): GraphName[] | 'all' | 'unknown';
  readonly lastWrite: number;
  /** Memory the backend holds in this process (the embedded replicas; ~0 for a remote store). */
  memory(): { bytes: number; [k: string]: unknown };

  // Registry (catalog records, token hashes) — stays on the store for now; a later step moves it to its own module.
  writeRegistry(changes: RegistryChanges): Promise<number>;
  registryGet<T>(key: string): T | undefined;
  registryEntries<T>(prefix: string): [string, T][];
}
