import fs from 'node:fs';
import { Mutex, Semaphore } from 'async-mutex';
import type { Logger } from 'pino';
import { JournalWriter, dropCoveredSegments, encodeRecord, readJournal, repairJournal } from './journal.js';
import { commitManifest, readManifest, removeUnreferenced, type Manifest } from './snapshots.js';
import { ReplicaPool, type ReplicasMemory } from './replica-pool.js';
import type { SnapshotResult } from './replica-protocol.js';
import { changeKind, touchedGraphs, type WriteOp } from './write-ops.js';
import { DataDirLock } from './data-dir-lock.js';
import { oxigraphResultsFormat } from './results-formats.js';
import { toStoreError, translated } from './store-errors.js';
import type {
  ChunkSink,
  CommitResult,
  GraphName,
  GraphPatch,
  QueryDataset,
  RenderPart,
  Store,
  StoreCapabilities,
  StoreChange,
  StoreMemory,
  StoreStats,
  WriteOptions,
} from '../store.js';
import type { RegistryChanges } from './write-ops.js';

export interface StoreOptions {
  dataDir: string;
  replicas: number;
  queryTimeoutMs: number;
  maxQuads: number;
  compactJournalBytes: number;
  log: Logger;
  /** What the replicas may hold together (their share of MEMORY_BUDGET_MB); unbounded when absent. */
  memoryBytes?: number;
  /** Run as many of `replicas` as fit `memoryBytes` (ReplicaPool's fitToBudget). */
  replicasFollowBudget?: boolean;
}

const DISK_READERS = 64;

/**
 * The embedded backend of the store interface: Oxigraph in worker-thread replicas over a journal and snapshots in
 * DATA_DIR. A write is applied on one replica, journaled with fdatasync, then sent to the other replicas, and only
 * then acknowledged. Compaction writes the graphs changed since the last snapshot as per-graph files and drops the
 * journal they cover. Replica failures leave it as StoreError (store-errors.ts); media types become Oxigraph's
 * format names here (results-formats.ts).
 */
export class GraphStore implements Store {
  /** Patches are line diffs of the N-Triples the replicas keep; literals come back as written (literal-originals.ts). */
  readonly capabilities: StoreCapabilities = { graphPatches: true, literalOriginals: true, writeLog: true };
  private readonly writes = new Mutex();
  /** Replicas loading from disk share it (weight 1); compaction, which deletes files, takes all of it. */
  private readonly diskReads = new Semaphore(DISK_READERS);
  private readonly journal: JournalWriter;
  private readonly pool: ReplicaPool;
  private seq = 0;
  private quadCount = 0;
  private dirty: Set<GraphName> | 'all' = new Set();
  private compacting: Promise<void> | undefined;
  private manifest: Manifest = { seq: 0, graphs: [] };
  private readonly registry = new Map<string, unknown>();
  private lastWriteAt = 0;
  private opened = false;
  private lock: DataDirLock | undefined;
  private readonly changeListeners: ((change: StoreChange) => void)[] = [];
  /** The graphs each journal record after the snapshot touched, as read at open(); see touchedSince(). */
  private journalTouches: { seq: number; touched: GraphName[] | 'all' }[] = [];
  private openedAt = { manifestSeq: 0, seq: 0 };

  constructor(private readonly options: StoreOptions) {
    this.journal = new JournalWriter(options.dataDir);
    this.pool = new ReplicaPool({
      size: options.replicas,
      dataDir: options.dataDir,
      queryTimeoutMs: options.queryTimeoutMs,
      log: options.log,
      withDiskRead: (work) => this.diskReads.runExclusive(work, 1),
      committedSeq: () => this.seq,
      memoryBytes: options.memoryBytes,
      followBudget: options.replicasFollowBudget,
    });
  }

  get ready(): boolean {
    return this.opened && this.pool.readyCount > 0;
  }

  /** The replicas' memory (see ReplicaPool's memory rule). */
  memory(): StoreMemory & ReplicasMemory {
    return { ...this.pool.memory() };
  }

  stats(): StoreStats {
    const readyReplicas = this.pool.readyCount;
    return { quads: this.quadCount, seq: this.seq, ready: this.ready, readSlots: readyReplicas, replicas: this.pool.size, replicasReady: readyReplicas };
  }

  async open(onProgress: (graphs: number, total: number, quads: number) => void = () => undefined): Promise<void> {
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    this.lock = DataDirLock.acquire(this.options.dataDir);
    const { droppedBytes, lastSeq } = repairJournal(this.options.dataDir);
    if (droppedBytes) this.options.log.warn({ droppedBytes }, 'dropped a torn record at the end of the journal (a write that was never acknowledged)');
    this.manifest = readManifest(this.options.dataDir);
    await removeUnreferenced(this.options.dataDir, this.manifest);
    this.seq = Math.max(lastSeq, this.manifest.seq);
    for (const [key, value] of Object.entries(this.manifest.registry ?? {})) this.registry.set(key, value);
    for (const record of readJournal(this.options.dataDir, this.manifest.seq)) {
      this.applyRegistry(record.registry);
      if (record.op) {
        this.markDirty(record.op);
        this.journalTouches.push({ seq: record.seq, touched: touchedGraphs(record.op) });
      }
      this.lastWriteAt = record.at;
    }
    this.openedAt = { manifestSeq: this.manifest.seq, seq: this.seq };
    await this.journal.open(this.seq + 1);
    const init = await translated(this.pool.start(onProgress));
    this.quadCount = init.quads;
    this.opened = true;
  }

  replaceGraph(graph: GraphName, ntriples: string, options?: WriteOptions): Promise<CommitResult> {
    return this.commit({ kind: 'replace-graph', graph, ntriples }, undefined, options);
  }

  addToGraph(graph: GraphName, ntriples: string, options?: WriteOptions): Promise<CommitResult> {
    return this.commit({ kind: 'add-to-graph', graph, ntriples }, undefined, options);
  }

  /** Apply the difference to a graph's next content; the graph must exist. */
  patchGraph(graph: GraphName, patch: GraphPatch, options?: WriteOptions): Promise<CommitResult> {
    return this.commit({ kind: 'patch-graph', graph, ...patch }, undefined, options);
  }

  dropGraph(graph: GraphName, options?: WriteOptions): Promise<CommitResult> {
    return this.commit({ kind: 'drop-graph', graph }, undefined, options);
  }

  /** Called after each acknowledged graph write (caches of graph content and the dataset index listen). */
  onChange(listener: (change: StoreChange) => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * Which graphs the writes after `seq` and up to the start of this process touched, so something persisted beside
   * the store at `seq` (the dataset index) can redo only those; writes after the start reach onChange() listeners.
   * 'unknown' when the journal read at the start no longer covers `seq` (a snapshot has replaced it) or `seq` is
   * from a later state than this store's.
   */
  touchedSince(seq: number): GraphName[] | 'all' | 'unknown' {
    if (seq < this.openedAt.manifestSeq || seq > this.openedAt.seq) return 'unknown';
    const graphs = new Set<GraphName>();
    for (const record of this.journalTouches) {
      if (record.seq <= seq) continue;
      if (record.touched === 'all') return 'all';
      for (const graph of record.touched) graphs.add(graph);
    }
    return [...graphs];
  }

  /**
   * The registry of catalog records and token hashes that releases before 0.6.0 journaled with the writes; read at
   * open and carried by snapshots, never written any more (src/records holds them now).
   */
  legacyRecords(): [string, unknown][] {
    return [...this.registry.entries()];
  }

  /** When the last write was acknowledged (ms since the epoch; 0 for an empty store). */
  get lastWrite(): number {
    return this.lastWriteAt;
  }

  /**
   * A SPARQL Update. One that calls NOW(), RAND(), UUID(), STRUUID() or BNODE() gives another result each time it
   * runs, so it is not replayed as text: its effect (the new content of every graph) is journaled instead.
   */
  update(update: string, baseIri: string): Promise<CommitResult> {
    // The pattern may match inside a string literal; that only costs the slower, still exact, path.
    const deterministic = !/\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(/i.test(update);
    return this.commit({ kind: 'sparql-update', update, baseIri }, deterministic ? undefined : 'all');
  }

  /** `signal` is checked before the query starts: a replica cannot stop Oxigraph once it runs (the timeout does). */
  async query(query: string, mediaType: string, baseIri: string, dataset: QueryDataset | undefined, onChunk: ChunkSink, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const resultsFormat = oxigraphResultsFormat(mediaType);
    await translated(this.pool.read({ type: 'query', query, resultsFormat, dataset, baseIri }, onChunk));
  }

  /** A graph as a document, with the literals exactly as written. Resolves false when the graph does not exist. */
  document(graph: GraphName, mediaType: string, onChunk: ChunkSink): Promise<boolean> {
    return this.render([{ graph }], mediaType, onChunk, { requireGraph: graph });
  }

  /**
   * One document made of several graphs or parts of them, plus `extra` N-Triples (paging links, say), written in
   * one syntax with the literals as submitted. Resolves false when `requireGraph` does not exist.
   */
  async render(
    parts: RenderPart[],
    mediaType: string,
    onChunk: ChunkSink,
    options: { extra?: string; requireGraph?: GraphName } = {},
  ): Promise<boolean> {
    const result = await translated(this.pool.read<{ found: false } | undefined>({ type: 'render', parts, mediaType, ...options }, onChunk));
    return result === undefined;
  }

  /** Small parts of graphs as one N-Triples text, literals as written: descriptions for pages, cached catalog nodes. */
  async ntriples(parts: RenderPart[]): Promise<string> {
    const chunks: Uint8Array[] = [];
    await this.render(parts, 'application/n-triples', (chunk) => void chunks.push(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }

  /** A small SELECT for the server's own use (paging, listings): results parsed from SPARQL JSON. */
  async select(query: string, baseIri: string): Promise<Record<string, { type: string; value: string }>[]> {
    const chunks: Uint8Array[] = [];
    await this.query(query, 'application/sparql-results+json', baseIri, undefined, (chunk) => void chunks.push(chunk));
    const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results: { bindings: Record<string, { type: string; value: string }>[] } };
    return json.results.bindings;
  }

  graphExists(graph: GraphName): Promise<boolean> {
    return translated(this.pool.read<boolean>({ type: 'graph-exists', graph }));
  }

  listGraphs(): Promise<GraphName[]> {
    return translated(this.pool.read<GraphName[]>({ type: 'list-graphs' }));
  }

  /** Finish the write in progress, snapshot what changed (so the next start replays no journal), stop the replicas. */
  async close(): Promise<void> {
    await this.compacting;
    if (this.opened && this.pool.readyCount > 0) await this.compact();
    await this.writes.runExclusive(async () => {
      await this.journal.close();
      await this.pool.close();
      this.lock?.release();
    });
  }

  private applyRegistry(changes: RegistryChanges | undefined): void {
    for (const [key, value] of Object.entries(changes ?? {})) {
      if (value === null) this.registry.delete(key);
      else this.registry.set(key, value);
    }
  }

  private async commit(op: WriteOp, capture?: 'all', options: WriteOptions = {}): Promise<CommitResult> {
    const result = await this.writes.runExclusive(async () => {
      const seq = this.seq + 1;
      const at = Date.now();
      const applying = this.pool.applyFirst(seq, op, this.options.maxQuads, capture);
      applying.catch(() => undefined); // handled below; encoding may finish after it fails
      // While the replica applies the write, encode its journal record (a 52 MB catalog: ~0.3 s of this thread).
      // A captured write is journaled as its effect, known only after it ran.
      let frame: Buffer | undefined;
      if (!capture) {
        await new Promise((resolve) => setImmediate(resolve)); // let the request reach the replica first
        frame = encodeRecord({ seq, at, op });
      }
      let applied: Awaited<ReturnType<ReplicaPool['applyFirst']>>;
      try {
        applied = await applying;
      } catch (error) {
        throw toStoreError(error);
      }
      if (applied.failed) {
        // A graph write that failed half-way may have left the replica between states; updates are transactional.
        if (op.kind !== 'sparql-update') await this.pool.replace(applied.replica);
        throw toStoreError(applied.failed);
      }
      if (!applied.result.existed && op.kind === 'drop-graph') {
        return { seq: this.seq, existed: false, changed: false };
      }
      const journaled: WriteOp = applied.result.captured ? { kind: 'replace-graphs', graphs: applied.result.captured } : op;
      try {
        await options.prepare?.(seq);
      } catch (error) {
        // The first replica has a write that will not be journaled.
        await this.pool.replace(applied.replica);
        throw error;
      }
      try {
        await this.journal.appendFrame(frame ?? encodeRecord({ seq, at, op: journaled }));
        this.lastWriteAt = at;
      } catch (error) {
        // The first replica has a write the journal does not: it must not serve it.
        this.options.log.error({ err: (error as Error).message }, 'journal append failed');
        await this.pool.replace(applied.replica);
        throw error;
      }
      this.seq = seq;
      options.durable?.(seq);
      this.quadCount = applied.result.quads;
      this.pool.broadcast(seq, journaled);
      this.markDirty(journaled);
      const change: StoreChange = { graphs: touchedGraphs(journaled), kind: changeKind(journaled), seq };
      for (const listener of this.changeListeners) listener(change);
      return { seq, existed: applied.result.existed, changed: true };
    });
    if (this.journal.bytesSinceRotation >= this.options.compactJournalBytes) void this.compact();
    return result;
  }

  private markDirty(op: WriteOp): void {
    if (this.dirty === 'all') return;
    const touched = touchedGraphs(op);
    if (touched === 'all') this.dirty = 'all';
    else for (const graph of touched) this.dirty.add(graph);
  }

  /**
   * Snapshot the graphs changed since the last snapshot. The cut is taken under the write lock (journal rotated, the
   * snapshot request queued behind every write before it), the files are written without it.
   */
  compact(): Promise<void> {
    this.compacting ??= this.diskReads
      .runExclusive(async () => {
        const cut = await this.writes.runExclusive(async () => {
          if (this.dirty !== 'all' && this.dirty.size === 0) return undefined;
          const dirty = this.dirty;
          this.dirty = new Set();
          await this.journal.rotate(this.seq + 1);
          // Posted under the lock: the replica takes it after every write up to the cut and before any later one.
          const { result } = await this.pool.post<SnapshotResult>({ type: 'snapshot', dataDir: this.options.dataDir, graphs: dirty === 'all' ? 'all' : [...dirty] });
          return { dirty, seq: this.seq, registry: Object.fromEntries(this.registry), snapshot: result };
        });
        if (!cut) return;
        let snapshot: SnapshotResult;
        try {
          snapshot = await cut.snapshot;
          if (snapshot.seq !== cut.seq) throw new Error(`snapshot taken at ${snapshot.seq}, expected ${cut.seq}`);
        } catch (error) {
          this.restoreDirty(cut.dirty);
          throw error;
        }
        const kept = cut.dirty === 'all' ? [] : this.manifest.graphs.filter((entry) => !(cut.dirty as Set<GraphName>).has(entry.graph));
        const manifest: Manifest = { seq: snapshot.seq, graphs: [...kept, ...snapshot.entries], registry: cut.registry };
        await commitManifest(this.options.dataDir, manifest);
        this.manifest = manifest;
        await dropCoveredSegments(this.options.dataDir, snapshot.seq);
        this.options.log.info({ seq: snapshot.seq, graphs: snapshot.entries.length }, 'snapshot committed');
      }, DISK_READERS)
      .catch((error: Error) => this.options.log.error({ err: error.message }, 'compaction failed; the journal keeps every write'))
      .finally(() => {
        this.compacting = undefined;
      });
    return this.compacting;
  }

  private restoreDirty(dirty: Set<GraphName> | 'all'): void {
    if (dirty === 'all' || this.dirty === 'all') this.dirty = 'all';
    else for (const graph of dirty) this.dirty.add(graph);
  }
}
