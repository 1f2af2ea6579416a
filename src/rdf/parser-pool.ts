import os from 'node:os';
import { combinedMemory, ManagedPool, type PoolMemory } from '../memory/managed-pool.js';
import type { ParseOutcome, ParseRequest } from './parse.js';
import type { WorkControl } from '../deadlines/work-deadline.js';
import type { ParseTask } from './parse-worker.js';
import type { WorkGate } from '../capacity/work-gate.js';

export interface ParserPoolOptions {
  /** Threads for bodies past QUICK_PARSE_BYTES; default min(2, cores). */
  threads?: number;
  /** A thread of its own for small bodies (default true). */
  quickThread?: boolean;
  /** Bounds the parses waiting for a thread (the public pool's; see capacity/public-work.ts). */
  admission?: WorkGate;
  /** What the parser threads may hold together (their share of MEMORY_BUDGET_MB). */
  memoryBytes?: number;
  /** The threads parse for anonymous work only and run at low priority (capacity/thread-priority.ts). */
  background?: boolean;
}

/**
 * Bodies up to this size parse in a thread of their own, so that a small document (a dry run, a POST of one dataset, a
 * JSON-LD body refused for its remote context) never waits behind a large or slow parse. The pre-parse limits keep
 * a body this small to milliseconds of parsing.
 */
export const QUICK_PARSE_BYTES = 256 * 1024;

/** The parser broke on a document (a WebAssembly trap, or its thread died): a 400 for that input, never a 500. */
export class ParserFailed extends Error {
  constructor(detail: string) {
    super(`The parser failed on this input: ${detail}`);
    this.name = 'ParserFailed';
  }
}

/**
 * Parsing runs in its own small pools so large submissions never stall the event loop or the query replicas: one
 * thread for small bodies, min(2, cores) for the others. A task aborted through its signal (its deadline, or its
 * client gone) leaves the queue, or, when running, has its thread terminated and replaced (Piscina does both).
 * Threads keep to a memory share and are replaced when idle past it (ManagedPool).
 */
export class ParserPool {
  readonly threads: number;
  private readonly pool: ManagedPool;
  private readonly quick: ManagedPool | undefined;
  private readonly admission?: WorkGate;

  constructor(options: ParserPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? Math.min(2, os.availableParallelism()));
    this.admission = options.admission;
    const quickThread = options.quickThread ?? true;
    const perThread = (options.memoryBytes ?? Infinity) / (this.threads + (quickThread ? 1 : 0));
    const filename = new URL('./parse-worker.js', import.meta.url).href;
    const threads = { background: options.background };
    this.pool = new ManagedPool(perThread, { filename, maxThreads: this.threads, idleTimeout: 60_000 }, threads);
    this.quick = quickThread ? new ManagedPool(perThread, { filename, maxThreads: 1, idleTimeout: 60_000 }, threads) : undefined;
  }

  /** Small bodies go straight to the quick thread; the others wait at `admission`, when there is one. */
  parse(request: ParseRequest, control?: WorkControl): Promise<ParseOutcome> {
    if (this.quick && request.bytes.length <= QUICK_PARSE_BYTES) return this.run(this.quick, request, control);
    const run = () => this.run(this.pool, request, control);
    return this.admission ? this.admission.run(run, control?.signal) : run();
  }

  private async run(pool: ManagedPool, request: ParseRequest, control?: WorkControl): Promise<ParseOutcome> {
    const attempt = () => {
      const started = control?.startPort();
      const task: ParseTask = { ...request, started };
      return { task, options: { signal: control?.signal, transferList: started ? [started] : [] } };
    };
    try {
      return await pool.run<ParseOutcome>(attempt);
    } catch (error) {
      if (control?.signal.aborted) throw error;
      // The thread died under the task (out of memory, a crash): Piscina has started another.
      throw new ParserFailed((error as Error).message);
    }
  }

  memory(): PoolMemory {
    return combinedMemory([this.pool, ...(this.quick ? [this.quick] : [])].map((pool) => pool.memory()));
  }

  close(): Promise<void> {
    return Promise.all([this.pool.destroy(), this.quick?.destroy()]).then(() => undefined);
  }
}
