import os from 'node:os';
import { ManagedPool, type PoolMemory } from '../memory/managed-pool.js';
import type { ParseOutcome, ParseRequest } from './parse.js';

/** Parsing runs in its own small pool so large submissions never stall the event loop or the query replicas. */
export class ParserPool {
  readonly threads = Math.max(1, Math.min(2, os.availableParallelism()));
  private readonly pool: ManagedPool;

  /** `memoryBytes`: what the parser threads may hold together (their share of MEMORY_BUDGET_MB). */
  constructor(options: { memoryBytes?: number } = {}) {
    this.pool = new ManagedPool((options.memoryBytes ?? Infinity) / this.threads, {
      filename: new URL('./parse-worker.js', import.meta.url).href,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
  }

  parse(request: ParseRequest): Promise<ParseOutcome> {
    return this.pool.run<ParseOutcome>(request);
  }

  memory(): PoolMemory {
    return this.pool.memory();
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
