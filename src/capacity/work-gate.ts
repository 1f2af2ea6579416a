import { serviceUnavailable } from '../http/errors.js';

export interface WorkGateOptions {
  /** What the gate guards, for messages ("dry-run parses", "SPARQL queries"). */
  what: string;
  /** Pieces of work running at once; a function when it follows something that changes (the replicas ready). */
  concurrency: number | (() => number);
  /** Pieces of work that may wait for a free place; past it the next gets 503 at once. */
  queueLimit: number;
  /** A piece of work waiting longer than this gets 503 instead of its turn (the server uses QUERY_TIMEOUT_MS). */
  maxWaitMs: number;
}

/** Retry-After of a 503 from a full gate: the queue moves within seconds. */
const RETRY_AFTER_SECONDS = 5;

/** How often waiting work looks again whether a changing concurrency has room for it. */
const RECHECK_MS = 100;

/**
 * A bounded admission: at most `concurrency` pieces of work at once, at most `queueLimit` waiting, none waiting longer
 * than `maxWaitMs`. The queues behind it (a thread pool's, the replicas') have no bound; this is the bound in front of
 * them, so a flood of costly requests is refused fast with 503 instead of queuing for minutes.
 */
export class WorkGate {
  private active = 0;
  private readonly queue: { admit: () => void; timer: NodeJS.Timeout }[] = [];
  private recheck: NodeJS.Timeout | undefined;

  constructor(readonly options: WorkGateOptions) {}

  private get concurrency(): number {
    const { concurrency } = this.options;
    return typeof concurrency === 'number' ? concurrency : concurrency();
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Run `work` when a place is free. Aborting `signal` (its client has gone) while it waits takes it off the queue. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.enter(signal);
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private enter(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const { what, queueLimit, maxWaitMs } = this.options;
    const concurrency = this.concurrency;
    if (this.active < concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.queue.length >= queueLimit) {
      return Promise.reject(
        serviceUnavailable(`The server is busy: ${this.active} ${what} running and ${queueLimit} waiting (PUBLIC_WORK_QUEUE); try again shortly`, RETRY_AFTER_SECONDS, {
          limit: 'PUBLIC_WORK_QUEUE',
          value: queueLimit,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      const abandon = () => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        clearTimeout(entry.timer);
        reject(signal!.reason);
      };
      const entry = {
        // The place is handed over by leave(): `active` stays as it is.
        admit: () => {
          clearTimeout(entry.timer);
          signal?.removeEventListener('abort', abandon);
          resolve();
        },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(entry), 1);
          signal?.removeEventListener('abort', abandon);
          reject(serviceUnavailable(`The server is busy: waited ${maxWaitMs} ms for a place for ${what}; try again shortly`, RETRY_AFTER_SECONDS, { limit: 'QUERY_TIMEOUT_MS', value: maxWaitMs }));
        }, maxWaitMs),
      };
      signal?.addEventListener('abort', abandon, { once: true });
      this.queue.push(entry);
      this.watch();
    });
  }

  private leave(): void {
    const next = this.active <= this.concurrency ? this.queue.shift() : undefined;
    if (next) next.admit();
    else this.active--;
    this.admitWaiting();
  }

  /** Hand free places to waiting work (the concurrency may have grown since they queued). */
  private admitWaiting(): void {
    while (this.queue.length > 0 && this.active < this.concurrency) {
      this.active++;
      this.queue.shift()!.admit();
    }
  }

  /** With a changing concurrency nothing else would wake waiting work when it grows: look again now and then. */
  private watch(): void {
    if (typeof this.options.concurrency === 'number' || this.recheck) return;
    this.recheck = setInterval(() => {
      this.admitWaiting();
      if (this.queue.length === 0) {
        clearInterval(this.recheck);
        this.recheck = undefined;
      }
    }, RECHECK_MS);
    this.recheck.unref();
  }
}
