import { collectGarbage } from './collect-garbage.js';

/** Writes of at least this many characters leave garbage worth a collection of its own (a 10,000-dataset catalog: 53 MB). */
const LARGE_WORK_CHARS = 8 * 1024 * 1024;
/** After the last large write, so that the search index's update that follows it is collected too. */
const QUIET_MS = 2_000;

let timer: NodeJS.Timeout | undefined;

/**
 * Collect the main thread's garbage once large writes have quieted down. A re-PUT of a large catalog leaves hundreds of
 * megabytes of garbage in the main thread (the body as bytes and text, the stored text read back, line sets, the
 * report); V8, whose heap limit follows the machine and not MEMORY_BUDGET_MB, collects it only when its heap has
 * grown far past that. A full collection costs the main thread tens to a few hundred milliseconds, once per burst of
 * large writes. It does not keep the main thread within its share: at MEMORY_BUDGET_MB=4096 (share 818 MB) it still
 * held 1.0-1.8 GB between the writes of 10,000-dataset catalogs (bench/memory-bench.ts, .readme-drafts/memory.md).
 */
export function afterLargeWork(chars: number): void {
  if (chars < LARGE_WORK_CHARS) return;
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    collectGarbage();
  }, QUIET_MS);
  timer.unref();
}
