/**
 * The store interface: everything the rest of the server may ask of a triple store. Routes, the catalog writer, the
 * search index and the CLI use only this module and store-error.ts; a backend (src/store/embedded/ — Oxigraph in
 * worker-thread replicas — or a remote SPARQL store) implements it and is chosen by open-store.ts. Media types go in
 * and serialised bytes come out, so SPARQL results and documents stream from the backend to the socket as text.
 * Backends throw only StoreError (store-error.ts) for what a client or operator should hear about.
 */

/** The IRI of a named graph, or DEFAULT_GRAPH for the store's default graph. */
export type GraphName = string;
export const DEFAULT_GRAPH: GraphName = '';

/** Which graphs a query sees. Absent: the union of our graphs as default graph, each of them as a named graph. */
export interface QueryDataset {
  defaultGraphs?: GraphName[];
  namedGraphs?: GraphName[];
}

/**
 * One piece of a document: a whole graph, or what a CONSTRUCT (which must name the graph itself) gives from it.
 * Either way the literals come out as written, not as the backend stores them.
 */
export interface RenderPart {
  graph: GraphName;
  construct?: string;
}

/**
 * The difference between a graph's content and its next content (see patchGraph). Triples without blank nodes are
 * removed and added as they are. Blank-node labels differ between the store and any text (a store renames them on
 * load), so triples with blank nodes move as whole trees: every blank node hanging from one of `trees.roots`
 * (through blank nodes only, at most `trees.depth` deep) is deleted with its triples, and the new trees come in `add`.
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
 * What a caller may ask of one write. Writes are numbered (`seq`) and made durable one at a time, in seq order.
 */
export interface WriteOptions {
  /**
   * Called with the write's seq once the write is known to apply and before the store makes it durable (never for a
   * write that changes nothing). When it throws, the write is not made. src/records uses it to keep the server's
   * records atomic with their graph write.
   */
  prepare?: (seq: number) => void | Promise<void>;
  /**
   * Called once the write is durable, before onChange() listeners hear of it, so what they read beside the store
   * (the records) already shows it. Must not throw: a failure here cannot undo the write.
   */
  durable?: (seq: number) => void;
}

/** What a backend can do beyond the common interface; callers adapt, routes never ask which backend it is. */
export interface StoreCapabilities {
  /**
   * patchGraph() is offered. The embedded store's patches are line diffs of a graph's N-Triples as it wrote them; a
   * backend that rewrites terms (literals, blank nodes) cannot apply them and leaves this false: callers replace.
   */
  graphPatches: boolean;
  /** Documents give back literals exactly as written (both backends must end up true; see issue 10). */
  literalOriginals: boolean;
  /** touchedSince() can answer from a local write log. */
  writeLog: boolean;
}

/** What an acknowledged write did: 'update' is a SPARQL Update (its graphs are usually 'all'). */
export type ChangeKind = 'replace' | 'add' | 'patch' | 'drop' | 'update';

/** One acknowledged write, as onChange() listeners hear it. */
export interface StoreChange {
  /** The graphs it touched; 'all' when that cannot be known without evaluating it. */
  graphs: GraphName[] | 'all';
  kind: ChangeKind;
  seq: number;
}

export interface StoreStats {
  quads: number;
  /** The last acknowledged write; things persisted beside the store (the dataset index, records) name it. */
  seq: number;
  ready: boolean;
  /** Reads the backend serves at once right now (the embedded store: its ready replicas); absent: no fixed number. */
  readSlots?: number;
  /** Backend-specific figures (shown in /healthz). */
  [k: string]: unknown;
}

export interface CommitResult {
  seq: number;
  /** For single-graph writes: whether the graph existed before. */
  existed: boolean;
  /** False when the write changed nothing (a drop of a missing graph). */
  changed: boolean;
}

/** Memory the backend holds in this process; `queued` is reads waiting for it (a /metrics queue depth). */
export interface StoreMemory {
  bytes: number;
  queued?: number;
  [k: string]: unknown;
}

export type ChunkSink = (chunk: Uint8Array) => Promise<void> | void;

/** Everything the rest of the server may ask of a store. Media types in, serialised bytes out. */
export interface Store {
  readonly capabilities: StoreCapabilities;
  /** True once open() has loaded enough to serve queries (and while it still can). */
  readonly ready: boolean;
  stats(): StoreStats;
  open(onProgress?: (graphs: number, total: number, quads: number) => void): Promise<void>;
  /** Finish the write in progress and release what the backend holds. */
  close(): Promise<void>;

  /** Replace a graph's content with these N-Triples (empty text creates an empty graph). */
  replaceGraph(graph: GraphName, ntriples: string, options?: WriteOptions): Promise<CommitResult>;
  /** RDF-merge these N-Triples into a graph, creating it when absent. */
  addToGraph(graph: GraphName, ntriples: string, options?: WriteOptions): Promise<CommitResult>;
  /** Apply the difference to a graph's next content; the graph must exist. Only when capabilities.graphPatches. */
  patchGraph?(graph: GraphName, patch: GraphPatch, options?: WriteOptions): Promise<CommitResult>;
  dropGraph(graph: GraphName, options?: WriteOptions): Promise<CommitResult>;
  /** A SPARQL 1.1 Update over our graphs. */
  update(update: string, baseIri: string): Promise<CommitResult>;

  /**
   * A SPARQL query, its results serialised in `mediaType` (application/sparql-results+json, …+xml, text/csv,
   * text/tab-separated-values, or an RDF media type for CONSTRUCT/DESCRIBE), streamed to onChunk. A `signal` that
   * aborts stops it when the backend can.
   */
  query(query: string, mediaType: string, baseIri: string, dataset: QueryDataset | undefined, onChunk: ChunkSink, signal?: AbortSignal): Promise<void>;
  /**
   * One document made of several graphs or parts of them, plus `extra` N-Triples (paging links, say), written in one
   * syntax with the literals as submitted. Resolves false when `requireGraph` does not exist.
   */
  render(parts: RenderPart[], mediaType: string, onChunk: ChunkSink, options?: { extra?: string; requireGraph?: GraphName }): Promise<boolean>;
  /** A graph as a document, with the literals exactly as written. Resolves false when the graph does not exist. */
  document(graph: GraphName, mediaType: string, onChunk: ChunkSink): Promise<boolean>;
  /** Small parts of graphs as one N-Triples text, literals as written: descriptions for pages, cached catalog nodes. */
  ntriples(parts: RenderPart[]): Promise<string>;
  /** A small SELECT for the server's own use (paging, listings): the bindings of its SPARQL JSON results. */
  select(query: string, baseIri: string): Promise<Record<string, { type: string; value: string }>[]>;
  graphExists(graph: GraphName): Promise<boolean>;
  listGraphs(): Promise<GraphName[]>;

  /** Called after each acknowledged graph write with what it touched (caches of graph content, the dataset index). */
  onChange(listener: (change: StoreChange) => void): void;
  /**
   * Which graphs the writes after `seq` and up to the start of this process touched, so something persisted beside
   * the store at `seq` (the dataset index) can redo only those; later writes reach onChange() listeners. 'unknown'
   * when the backend cannot tell (then everything is redone).
   */
  touchedSince(seq: number): GraphName[] | 'all' | 'unknown';
  /** When the last write was acknowledged (ms since the epoch; 0 for an empty store). */
  readonly lastWrite: number;
  /** Memory the backend holds in this process (the embedded replicas; about nothing for a remote store). */
  memory(): StoreMemory;

  /**
   * Records an older release kept inside the store (the embedded journal's registry of catalog records and token
   * hashes), for src/records to take over once. Absent or empty for a store that never kept any.
   */
  legacyRecords?(): [string, unknown][];
}

/** Whether the store offers patchGraph(); a caller without it replaces the graph instead. */
export function canPatch(store: Store): store is Store & Required<Pick<Store, 'patchGraph'>> {
  return store.capabilities.graphPatches && typeof store.patchGraph === 'function';
}
