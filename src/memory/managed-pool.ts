import { Piscina } from 'piscina';
import { THREAD_REPORT, type PooledThreadData, type ThreadReport } from './pooled-thread.js';
import { threadBytes } from './thread-memory.js';

type PiscinaOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;
type RunOptions = Parameters<Piscina['run']>[1];

/**
 * Tries of a task whose thread ended under it for its memory (see run()). A fresh thread always finishes the first task
 * it is given (it ends only after a task), so each ending costs a queued task one try while another finishes: a task
 * waits at most as many tries as there are tasks queued with it. Five failed the last of eight parses queued on one
 * thread that ended after each; this bound is only against a loop nobody foresaw.
 */
const MAX_ATTEMPTS = 100;

/** A pool's memory as /healthz and /metrics show it. Bytes are heap plus external (wasm) memory per thread. */
export interface PoolMemory {
  /** What each thread may hold before it is replaced when idle. */
  threadShareBytes: number;
  bytes: number;
  threads: { threadId: number; heapUsed: number; external: number }[];
  /** Threads ended for holding more than their share, since the start. */
  recycled: number;
  /** Tasks waiting for a thread. */
  queued: number;
}

/**
 * A Piscina pool whose threads keep to a memory share: each worker reports what it holds after every task and ends
 * when past its share (src/memory/pooled-thread.ts, which the worker module must call), and Piscina starts a fresh
 * one. The workers run without Atomics waits between tasks so that the ending happens while the thread is idle,
 * not when its next task wakes it (Piscina's default waits block the thread's event loop, and with it the exit and
 * Oxigraph's finalizers). A task handed to a thread in the moment it ends is run again on another: every task of
 * these pools is a pure function of its input.
 */
export class ManagedPool {
  private readonly pool: Piscina;
  private readonly reports = new Map<number, ThreadReport>();
  private recycledThreads = 0;

  constructor(
    readonly shareBytes: number,
    options: PiscinaOptions,
    threads: { background?: boolean } = {},
  ) {
    const workerData: PooledThreadData = { memoryShareBytes: shareBytes, background: threads.background };
    this.pool = new Piscina({ ...options, atomics: 'disabled', workerData });
    this.pool.on('message', (message: unknown) => {
      if (!isReport(message)) return;
      if (message.exiting) {
        this.recycledThreads++;
        this.reports.delete(message.threadId);
      } else {
        this.reports.set(message.threadId, message);
      }
    });
  }

  /**
   * Run a task; `task` (a function) prepares it for each attempt: what a task transfers (a start port) is gone from
   * this thread after the first, and sending it again failed the write with a DataCloneError (a 500, seen at
   * MEMORY_BUDGET_MB=4096 when a validation thread ended for its memory as a write was handed to it).
   */
  async run<T>(task: unknown | (() => { task: unknown; options?: RunOptions }), options?: RunOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const prepared = typeof task === 'function' ? (task as () => { task: unknown; options?: RunOptions })() : { task, options };
      try {
        return (await this.pool.run(prepared.task, prepared.options)) as T;
      } catch (error) {
        if (!endedForMemory(error) || attempt === MAX_ATTEMPTS) throw error;
      }
    }
  }

  memory(): PoolMemory {
    const live = new Set(this.pool.threads.map((thread) => thread.threadId));
    for (const id of this.reports.keys()) if (!live.has(id)) this.reports.delete(id);
    const threads = [...this.reports.values()].map((r) => ({ threadId: r.threadId, heapUsed: r.memory.heapUsed, external: r.memory.external }));
    return {
      threadShareBytes: Math.floor(this.shareBytes),
      bytes: threads.reduce((sum, t) => sum + threadBytes(t), 0),
      threads,
      recycled: this.recycledThreads,
      queued: this.pool.queueSize,
    };
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Several pools' memory as one (a component made of pools: the parser's two, the validator's lanes). */
export function combinedMemory(pools: PoolMemory[]): PoolMemory {
  return {
    threadShareBytes: pools[0]!.threadShareBytes,
    bytes: pools.reduce((sum, pool) => sum + pool.bytes, 0),
    threads: pools.flatMap((pool) => pool.threads),
    recycled: pools.reduce((sum, pool) => sum + pool.recycled, 0),
    queued: pools.reduce((sum, pool) => sum + pool.queued, 0),
  };
}

function isReport(message: unknown): message is ThreadReport {
  return typeof message === 'object' && message !== null && THREAD_REPORT in message;
}

/** Piscina's error for a task whose thread exited with code 0, which only the memory rule does. */
function endedForMemory(error: unknown): boolean {
  return error instanceof Error && error.message === 'worker exited with code: 0';
}
