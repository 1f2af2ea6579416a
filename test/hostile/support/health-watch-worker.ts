import { parentPort, workerData } from 'node:worker_threads';

/**
 * Polls /healthz from its own thread, so a test that is busy building a large body cannot delay the polls or their
 * timing. Each poll must answer 200 within `limitMs`; every miss is reported with when and why.
 */
const { url, intervalMs, limitMs } = workerData as { url: string; intervalMs: number; limitMs: number };
let stopped = false;
let polls = 0;
let slowest = 0;
const misses: { at: string; ms: number; why: string }[] = [];

parentPort!.on('message', (message) => {
  if (message === 'stop') stopped = true;
});

while (!stopped) {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(limitMs) });
    await res.arrayBuffer();
    const ms = performance.now() - started;
    if (res.status !== 200) misses.push({ at: new Date().toISOString(), ms, why: `status ${res.status}` });
    else if (ms > limitMs) misses.push({ at: new Date().toISOString(), ms, why: 'slow' });
    slowest = Math.max(slowest, ms);
  } catch (error) {
    misses.push({ at: new Date().toISOString(), ms: performance.now() - started, why: (error as Error).message });
  }
  polls++;
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
parentPort!.postMessage({ polls, slowest, misses });
