import { Piscina } from 'piscina';
import type { ExtractedSummary, ExtractRequest } from './extract.js';

/**
 * One thread of its own: extraction runs in the background, one catalog at a time, and must never take the
 * parser threads a publishing request is waiting for. The thread ends when idle, since writes come in bursts.
 */
export class ExtractPool {
  private readonly pool = new Piscina({
    filename: new URL('./extract-worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 30_000,
  });

  extract(request: ExtractRequest): Promise<ExtractedSummary[]> {
    return this.pool.run(request) as Promise<ExtractedSummary[]>;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
