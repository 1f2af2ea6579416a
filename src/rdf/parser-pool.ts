import { Piscina } from 'piscina';
import os from 'node:os';
import type { ParseOutcome, ParseRequest } from './parse.js';

/** Parsing runs in its own small pool so large submissions never stall the event loop or the query replicas. */
export class ParserPool {
  readonly threads = Math.max(1, Math.min(2, os.availableParallelism()));
  private readonly pool = new Piscina({
    filename: new URL('./parse-worker.js', import.meta.url).href,
    maxThreads: this.threads,
    idleTimeout: 60_000,
  });

  parse(request: ParseRequest): Promise<ParseOutcome> {
    return this.pool.run(request) as Promise<ParseOutcome>;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
