import { Piscina } from 'piscina';
import os from 'node:os';
import type { ParseOutcome, ParseRequest } from './parse.js';
import type { WorkGate } from '../capacity/work-gate.js';

export interface ParserPoolOptions {
  /** Threads; default min(2, cores). */
  threads?: number;
  /** Bounds the parses waiting for a thread (the public pool's; see capacity/public-work.ts). */
  admission?: WorkGate;
}

/** Parsing runs in its own small pool so large submissions never stall the event loop or the query replicas. */
export class ParserPool {
  readonly threads: number;
  private readonly pool: Piscina;
  private readonly admission?: WorkGate;

  constructor(options: ParserPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? Math.min(2, os.availableParallelism()));
    this.admission = options.admission;
    this.pool = new Piscina({
      filename: new URL('./parse-worker.js', import.meta.url).href,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
  }

  parse(request: ParseRequest): Promise<ParseOutcome> {
    const run = () => this.pool.run(request) as Promise<ParseOutcome>;
    return this.admission ? this.admission.run(run) : run();
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
