import type { Logger } from 'pino';
import { Replica, ReplicaError, type ReplicaRequestBody } from './replica.js';
import type { InitResult, WriteResult } from './replica-protocol.js';
import type { GraphName, WriteOp } from './write-ops.js';
import { pastShare, threadBytes } from '../../memory/thread-memory.js';
import { queryTimeouts } from '../../metrics/metrics.js';

export class QueryTimeoutError extends Error {}
export class NoReplicaError extends Error {}

interface Options {
  size: number;
  dataDir: string;
  queryTimeoutMs: number;
  log: Logger;
  /** Held while a replica reads the data directory, so compaction never deletes files under it. */
  withDiskRead<T>(work: () => Promise<T>): Promise<T>;
  /** The last acknowledged write, which a new replica loads up to. */
  committedSeq(): number;
  /** What the replicas may hold together (their share of MEMORY_BUDGET_MB); each may hold its part. */
  memoryBytes?: number;
  /**
   * Run as many replicas as fit `memoryBytes`, `size` at most (QUERY_WORKERS not set); otherwise always `size`
   * (see fitToBudget).
   */
  followBudget?: boolean;
}

/**
 * A count of replicas fits the share when each has this much of its size to spare: a write of a large catalog holds
 * its graph twice for a moment (the old and the new quads) and a query's result on top, and a replica past its part
 * is replaced (pastShare), which loads one more copy. Two headrooms, so the count does not flip back and forth: it is
 * raised only when fresh copies (what a loaded replica holds) fit twice over, and lowered once the copies as they are
 * now (the largest: at least what a fresh one would hold, since wasm memory never shrinks) no longer fit with half
 * to spare.
 * Measured at MEMORY_BUDGET_MB=4096 (share 1,843 MB) with 1.25 to lower: two replicas of 760 MB each stayed, and the
 * process passed 4 GiB.
 */
const RAISE_HEADROOM = 2;
const LOWER_HEADROOM = 1.5;

/** The replicas' memory as /healthz and /metrics show it. */
export interface ReplicasMemory {
  /** What each replica may hold before it is replaced. */
  replicaShareBytes: number;
  bytes: number;
  /** A retiring replica has been replaced and ends once its last read is done. */
  replicas: { name: string; ready: boolean; retiring: boolean; heapUsed: number; external: number; freshBytes: number }[];
  /** Replicas replaced by a fresh one for holding more than their share, since the start. */
  recycled: number;
  /** Replicas run now, and at most (QUERY_WORKERS, or its default when the count follows the budget). */
  running: number;
  most: number;
  /** Whether the count follows the budget (QUERY_WORKERS not set). */
  followsBudget: boolean;
  /** Replicas ended without a successor because the store no longer fit the share that many times, since the start. */
  lowered: number;
  /** Reads waiting for a free replica. */
  queued: number;
}

/**
 * Replicas of the store, one per worker thread. Writes go to every replica in journal order; each read goes to one
 * replica that has no other read, so concurrent queries use every core. A read that overruns the timeout has its
 * replica terminated (Oxigraph cannot cancel) and rebuilt from disk while the others keep serving.
 */
export class ReplicaPool {
  private readonly replicas: Replica[] = [];
  private readonly waiting: (() => boolean)[] = [];
  private serial = 0;
  private closing = false;
  /** The replica being replaced for its memory: one at a time, since its successor is a full store copy more. */
  private recycling: Replica | undefined;
  private recycledCount = 0;
  /** How many replicas run: `size`, or fewer when the budget holds fewer copies of the store (see fitToBudget). */
  private running: number;
  private loweredCount = 0;
  /** loadMissing() is at work. */
  private filling = false;

  constructor(private readonly options: Options) {
    // Following the budget, the first replica's size decides whether more are loaded (raised in fitToBudget).
    this.running = options.followBudget && options.memoryBytes !== undefined ? 1 : options.size;
  }

  get readyCount(): number {
    return this.replicas.filter((r) => r.ready && !r.retiring).length;
  }

  /** The replicas the pool runs now (at most QUERY_WORKERS). */
  get size(): number {
    return this.running;
  }

  private get shareBytes(): number {
    return (this.options.memoryBytes ?? Infinity) / this.running;
  }

  memory(): ReplicasMemory {
    const replicas = this.replicas.map((r) => ({ name: r.name, ready: r.ready, retiring: r.retiring, heapUsed: r.memory.heapUsed, external: r.memory.external, freshBytes: r.freshBytes }));
    return {
      replicaShareBytes: Math.floor(this.shareBytes),
      bytes: replicas.reduce((sum, r) => sum + r.heapUsed + r.external, 0),
      replicas,
      recycled: this.recycledCount,
      queued: this.waiting.length,
      running: this.running,
      most: this.options.size,
      followsBudget: this.options.followBudget ?? false,
      lowered: this.loweredCount,
    };
  }

  /**
   * Load the first replica and resolve: from then on the store serves. The others load after it, one at a time, in
   * the background (measured: two loads side by side on 2 vCPUs each take about twice as long as one alone, so
   * loading them together would delay readiness to ~2x Oxigraph's own load time). When the count follows the budget,
   * the first replica's size decides how many others are loaded (fitToBudget, called as it reports it).
   */
  async start(onProgress: (graphs: number, total: number, quads: number) => void): Promise<InitResult> {
    const first = await this.spawn(onProgress);
    this.loadMissing();
    return first;
  }

  /** Load replicas one at a time until `running` are up (not awaited: the store serves meanwhile). */
  private loadMissing(): void {
    if (this.filling) return;
    this.filling = true;
    void (async () => {
      while (this.replicas.filter((r) => !r.retiring).length < this.running && !this.closing) {
        await this.spawn().catch((error: Error) => this.options.log.error({ err: error.message }, 'could not start a replica'));
      }
    })().finally(() => {
      this.filling = false;
    });
  }

  /**
   * Apply a write on one replica first: it is the check that the write can be applied (syntax, capacity) and, when
   * asked, captures its effect. Only then is the write journaled and sent to the others (`broadcast`).
   */
  async applyFirst(
    seq: number,
    op: WriteOp,
    maxQuads: number,
    capture?: GraphName[] | 'all',
  ): Promise<{ replica: Replica; result: WriteResult; failed?: undefined } | { replica: Replica; failed: Error }> {
    const replica = await this.acquireReadSlot();
    try {
      const { result } = replica.request<WriteResult>({ type: 'write', seq, op, capture, maxQuads });
      const applied = await result;
      replica.postedSeq = seq;
      return { replica, result: applied };
    } catch (error) {
      // Refusals that leave the replica as it was are thrown; anything else may have left it half-written.
      if (error instanceof ReplicaError && (error.kind === 'capacity' || error.kind === 'syntax' || error.kind === 'unsupported')) throw error;
      return { replica, failed: error as Error };
    } finally {
      this.release(replica);
    }
  }

  /** Post a journaled write to every live replica that has not had it (in order, so no wait is needed). */
  broadcast(seq: number, op: WriteOp): void {
    for (const replica of this.replicas) {
      if (!replica.alive || replica.postedSeq >= seq) continue;
      replica.postedSeq = seq;
      replica.writes++;
      replica
        .request<WriteResult>({ type: 'write', seq, op })
        .result.catch((error: Error) => {
          // A retiring replica may end with writes still queued: its successor has them.
          if (this.closing || replica.retiring) return;
          this.options.log.error({ replica: replica.name, seq, err: error.message }, 'replica failed to apply a journaled write; rebuilding it');
          void this.replace(replica);
        })
        .finally(() => {
          replica.writes--;
          this.wakeOne();
        });
    }
  }

  /** A replica whose state may no longer match the journal (a write failed half-way) is rebuilt from disk. */
  async replace(replica: Replica): Promise<void> {
    await replica.terminate();
  }

  /**
   * Run one read on a free replica. The timeout covers evaluation and streaming: a replica still evaluating is
   * terminated; a stream already under way is cancelled.
   */
  async read<T>(body: ReplicaRequestBody, onChunk?: (chunk: Uint8Array) => Promise<void> | void): Promise<T> {
    const replica = await this.acquireReadSlot(this.options.queryTimeoutMs);
    try {
      const { id, result } = replica.request<T>(body, { onChunk });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          queryTimeouts.inc();
          if (replica.isStreaming(id)) replica.cancel(id);
          else void this.replace(replica);
          reject(new QueryTimeoutError(`The query ran longer than the limit of ${this.options.queryTimeoutMs} ms and was stopped`));
        }, this.options.queryTimeoutMs);
      });
      try {
        return await Promise.race([result, timeout]);
      } finally {
        clearTimeout(timer);
        result.catch(() => undefined);
      }
    } finally {
      this.release(replica);
    }
  }

  /** Post a long task (a snapshot) to a free replica without a timeout; the post is done when this resolves. */
  async post<T>(body: ReplicaRequestBody): Promise<{ result: Promise<T> }> {
    const replica = await this.acquireReadSlot();
    const { result } = replica.request<T>(body);
    result.finally(() => this.release(replica)).catch(() => undefined);
    return { result };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.replicas.map((r) => r.terminate()));
  }

  private async spawn(onProgress?: (graphs: number, total: number, quads: number) => void): Promise<InitResult> {
    const replica = new Replica(
      `replica-${++this.serial}`,
      (gone, error) => this.onExit(gone, error),
      (reported) => this.onMemory(reported),
    );
    // Until its init request is posted the replica must get no write: init replays the journal up to that point.
    replica.postedSeq = Number.MAX_SAFE_INTEGER;
    this.replicas.push(replica);
    return this.options.withDiskRead(async () => {
      const untilSeq = this.options.committedSeq();
      replica.postedSeq = untilSeq;
      const { result } = replica.request<InitResult>(
        // A load while another replica serves (the others at start, a rebuild after a query's deadline, a recycle)
        // yields the CPU to the writes that replica serves.
        { type: 'init', dataDir: this.options.dataDir, untilSeq, background: this.readyCount > 0 },
        { onProgress: (p) => onProgress?.(p.graphs, p.totalGraphs, p.quads) },
      );
      const init = await result;
      // Its first memory report follows the load: what a fresh replica of this store holds, which fitToBudget needs.
      await replica.reported();
      replica.ready = true;
      this.fitToBudget(replica);
      this.options.log.info({ replica: replica.name, ...init }, 'replica ready');
      this.wakeOne();
      return init;
    });
  }

  private onExit(replica: Replica, error?: Error): void {
    const index = this.replicas.indexOf(replica);
    if (index >= 0) this.replicas.splice(index, 1);
    // A replica being replaced for its memory already has its successor loading (see recycle()).
    if (this.closing || replica.retiring || replica === this.recycling) return;
    if (error) this.options.log.error({ replica: replica.name, err: error.message }, 'replica stopped unexpectedly');
    // Not when the count was lowered while it ran: the others are all that is run now.
    if (this.replicas.filter((r) => !r.retiring).length >= this.running) return;
    this.options.log.warn({ replica: replica.name }, 'rebuilding replica from disk');
    this.spawn().catch((e: Error) => this.options.log.error({ err: e.message }, 'could not rebuild replica'));
  }

  /**
   * The memory rule (src/memory/thread-memory.ts, pastShare): a replica holding more than its share, and a quarter of
   * its share more than it held once loaded, is replaced. Oxigraph's wasm memory only grows (a large load, a large
   * result, a dropped graph all leave it at its peak), and a replica loaded afresh from the snapshot and journal holds
   * only the store. The fresh replica is loaded first, beside it, so reads go on; the old one then takes no new
   * reads and ends when its last one is done.
   */
  private onMemory(replica: Replica): void {
    const bytes = threadBytes(replica.memory);
    // The first report follows a replica's load (init is its first request): what a fresh replica holds.
    if (replica.freshBytes === 0) {
      replica.freshBytes = bytes;
      return;
    }
    if (this.closing || this.recycling || replica.retiring || !replica.ready || this.replicas.length > this.running) return;
    if (this.fitToBudget()) return;
    if (!pastShare(bytes, this.shareBytes, replica.freshBytes)) return;
    void this.recycle(replica);
  }

  /**
   * With QUERY_WORKERS unset, the replicas run are as many copies of the store as fit their share (RAISE_HEADROOM,
   * LOWER_HEADROOM), one at least: a budget that cannot hold two copies with room to spare runs one, rather than
   * replacing two again and again, each barely past its half (measured at MEMORY_BUDGET_MB=4096 with 2M quads: a
   * fresh replica held 828 MB of a 966 MB half, and they were replaced three times in eight minutes). Decided from
   * a replica's size when it has loaded (`loaded`: raised, or lowered at the start), and from what the replicas
   * hold after each request (lowered as the store grows). Lowering ends the largest replica once its reads are done.
   * Returns whether it lowered the count.
   */
  private fitToBudget(loaded?: Replica): boolean {
    const share = this.options.memoryBytes;
    if (!this.options.followBudget || share === undefined || this.closing || this.recycling) return false;
    const live = this.replicas.filter((r) => r.ready && !r.retiring && r.freshBytes > 0);
    if (loaded) {
      const fit = Math.max(1, Math.min(this.options.size, Math.floor(share / (loaded.freshBytes * RAISE_HEADROOM))));
      if (fit > this.running) {
        this.options.log.info({ replicas: fit, freshBytes: loaded.freshBytes, shareBytes: share }, 'the replicas\' memory share holds more copies of the store: loading more');
        this.running = fit;
        this.loadMissing();
        return false;
      }
    }
    let lowered = false;
    if (this.running > 1 && live.length > 0) {
      // The largest copy: every replica will hold what the one that applied the latest write holds, and its report
      // arrives before the write is sent to the others, so a write that no longer fits twice is applied once.
      // (With the smallest, two replicas each applied the fifth 10,000-dataset catalog before the count was
      // lowered, and the process peaked at 4,319 MB at MEMORY_BUDGET_MB=4096.)
      const copy = Math.max(...live.map((r) => (r === loaded ? r.freshBytes : threadBytes(r.memory))));
      if (this.running * copy * LOWER_HEADROOM > share) {
        this.running--;
        this.loweredCount++;
        lowered = true;
        this.options.log.warn({ replicas: this.running, copyBytes: copy, shareBytes: share }, 'the replicas\' memory share no longer holds this many copies of the store with room to spare: running fewer');
      }
    }
    // More ready than run (lowered now, or while one was being rebuilt): the largest end once their reads are done.
    const ready = live.filter((r) => r.ready);
    while (ready.length > this.running) {
      const largest = ready.reduce((a, b) => (threadBytes(b.memory) > threadBytes(a.memory) ? b : a));
      ready.splice(ready.indexOf(largest), 1);
      this.options.log.info({ replica: largest.name, bytes: threadBytes(largest.memory) }, 'ending a replica the budget does not hold');
      largest.retiring = true;
      this.endIfRetired(largest);
    }
    return lowered;
  }

  private async recycle(old: Replica): Promise<void> {
    this.recycling = old;
    this.options.log.info({ replica: old.name, bytes: threadBytes(old.memory), shareBytes: this.shareBytes, freshBytes: old.freshBytes }, 'replica past its memory share; loading a fresh one to take its place');
    try {
      await this.spawn();
      if (!old.alive) return;
      old.retiring = true;
      this.recycledCount++;
      this.endIfRetired(old);
    } catch (error) {
      this.options.log.error({ replica: old.name, err: (error as Error).message }, 'could not load a fresh replica; the old one keeps serving');
      // The old one may have ended meanwhile (a query timeout) without a rebuild of its own.
      if (!old.alive && !this.closing) this.spawn().catch((e: Error) => this.options.log.error({ err: e.message }, 'could not rebuild replica'));
    } finally {
      this.recycling = undefined;
    }
  }

  private endIfRetired(replica: Replica): void {
    if (replica.retiring && replica.reads === 0) void replica.terminate();
  }

  /** A ready replica with no read in progress, the one with the fewest writes still to apply first. */
  private freeReplica(): Replica | undefined {
    let best: Replica | undefined;
    for (const replica of this.replicas) {
      if (!replica.ready || !replica.alive || replica.retiring || replica.reads > 0) continue;
      if (!best || replica.writes < best.writes) best = replica;
    }
    return best;
  }

  private acquireReadSlot(waitMs?: number): Promise<Replica> {
    const free = this.freeReplica();
    if (free) {
      free.reads++;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) => {
      const timer =
        waitMs === undefined
          ? undefined
          : setTimeout(() => {
              const index = this.waiting.indexOf(attempt);
              if (index >= 0) this.waiting.splice(index, 1);
              reject(new NoReplicaError(`Every query worker stayed busy for ${waitMs} ms; try again later`));
            }, waitMs);
      const attempt = () => {
        const replica = this.freeReplica();
        if (!replica) return false;
        clearTimeout(timer);
        replica.reads++;
        resolve(replica);
        return true;
      };
      this.waiting.push(attempt);
    });
  }

  private release(replica: Replica): void {
    replica.reads = Math.max(0, replica.reads - 1);
    this.endIfRetired(replica);
    this.wakeOne();
  }

  private wakeOne(): void {
    while (this.waiting.length) {
      const attempt = this.waiting[0]!;
      if (!attempt()) return;
      this.waiting.shift();
    }
  }
}

export { ReplicaError };
