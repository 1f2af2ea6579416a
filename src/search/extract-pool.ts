import { ManagedPool, type PoolMemory } from '../memory/managed-pool.js';
import type { ExtractedSummary, ExtractRequest } from './extract.js';
import type { DescriptionTexts } from './description-text.js';

/** A catalog's summaries and its datasets' descriptions as text, in the same (IRI) order. */
export interface ExtractedCatalog {
  summaries: ExtractedSummary[];
  texts: DescriptionTexts;
}

/**
 * One thread of its own: extraction runs in the background, one catalog at a time, and must never take the
 * parser threads a publishing request is waiting for. The thread ends when idle, since writes come in bursts, and
 * is replaced sooner when it holds more than `memoryBytes` (its share of MEMORY_BUDGET_MB).
 */
export class ExtractPool {
  private readonly pool: ManagedPool;

  constructor(options: { memoryBytes?: number } = {}) {
    this.pool = new ManagedPool(options.memoryBytes ?? Infinity, {
      filename: new URL('./extract-worker.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 30_000,
    });
  }

  extract(request: ExtractRequest): Promise<ExtractedCatalog> {
    return this.pool.run<ExtractedCatalog>(request);
  }

  memory(): PoolMemory {
    return this.pool.memory();
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
