import { Worker } from 'node:worker_threads';

export interface HealthRecord {
  polls: number;
  slowest: number;
  misses: { at: string; ms: number; why: string }[];
}

/** `/healthz` polled in the background (its own thread) while a family of cases runs; `stop()` gives what it saw. */
export function watchHealth(url: string, options: { intervalMs?: number; limitMs?: number } = {}): { stop(): Promise<HealthRecord> } {
  const worker = new Worker(new URL('./health-watch-worker.js', import.meta.url), {
    workerData: { url, intervalMs: options.intervalMs ?? 100, limitMs: options.limitMs ?? 1000 },
  });
  const result = new Promise<HealthRecord>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const record = await result;
      await worker.terminate();
      return record;
    },
  };
}
