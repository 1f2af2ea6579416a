import type { Logger } from 'pino';
import { Replica, ReplicaError, type ReplicaRequestBody } from './replica.js';
import type { InitResult, WriteResult } from './replica-protocol.js';
import type { GraphName, WriteOp } from './write-ops.js';

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

  constructor(private readonly options: Options) {}

  get readyCount(): number {
    return this.replicas.filter((r) => r.ready).length;
  }

  get size(): number {
    return this.options.size;
  }

  /**
   * Load the first replica and resolve: from then on the store serves. The others load after it, one at a time, in
   * the background (measured: two loads side by side on 2 vCPUs each take about twice as long as one alone, so
   * loading them together would delay readiness to ~2x Oxigraph's own load time).
   */
  async start(onProgress: (graphs: number, total: number, quads: number) => void): Promise<InitResult> {
    const first = await this.spawn(onProgress);
    void (async () => {
      for (let i = 1; i < this.options.size && !this.closing; i++) {
        await this.spawn().catch((error: Error) => this.options.log.error({ err: error.message }, 'could not start a replica'));
      }
    })();
    return first;
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
          if (this.closing) return;
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
    const replica = new Replica(`replica-${++this.serial}`, (gone, error) => this.onExit(gone, error));
    // Until its init request is posted the replica must get no write: init replays the journal up to that point.
    replica.postedSeq = Number.MAX_SAFE_INTEGER;
    this.replicas.push(replica);
    return this.options.withDiskRead(async () => {
      const untilSeq = this.options.committedSeq();
      replica.postedSeq = untilSeq;
      const { result } = replica.request<InitResult>(
        { type: 'init', dataDir: this.options.dataDir, untilSeq },
        { onProgress: (p) => onProgress?.(p.graphs, p.totalGraphs, p.quads) },
      );
      const init = await result;
      replica.ready = true;
      this.options.log.info({ replica: replica.name, ...init }, 'replica ready');
      this.wakeOne();
      return init;
    });
  }

  private onExit(replica: Replica, error?: Error): void {
    const index = this.replicas.indexOf(replica);
    if (index >= 0) this.replicas.splice(index, 1);
    if (this.closing) return;
    if (error) this.options.log.error({ replica: replica.name, err: error.message }, 'replica stopped unexpectedly');
    this.options.log.warn({ replica: replica.name }, 'rebuilding replica from disk');
    this.spawn().catch((e: Error) => this.options.log.error({ err: e.message }, 'could not rebuild replica'));
  }

  /** A ready replica with no read in progress, the one with the fewest writes still to apply first. */
  private freeReplica(): Replica | undefined {
    let best: Replica | undefined;
    for (const replica of this.replicas) {
      if (!replica.ready || !replica.alive || replica.reads > 0) continue;
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
