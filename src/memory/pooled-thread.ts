import { parentPort, threadId } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { measureThread, pastShare, threadBytes, type ThreadMemory } from './thread-memory.js';
import { backgroundThread } from '../capacity/thread-priority.js';
import { collectGarbage } from './collect-garbage.js';

/**
 * The worker's side of a memory-managed pool (see ManagedPool): after each task it reports what it holds and, past
 * its share, ends so that the pool starts a fresh thread. Wasm memory never shrinks, and a JS heap grown for a large
 * task shrinks slowly if at all, so a new thread is how the memory is given back.
 */
export const THREAD_REPORT = 'dpv:thread-memory';

export interface ThreadReport {
  [THREAD_REPORT]: true;
  threadId: number;
  memory: ThreadMemory;
  /** What the thread held when it was fresh. */
  fresh: number;
  /** The thread ends after this report: it held more than its share. */
  exiting: boolean;
}

export interface PooledThreadData {
  memoryShareBytes: number;
  /** The pool does anonymous work only (dry runs): its threads run at low priority (capacity/thread-priority.ts). */
  background?: boolean;
}

if ((Piscina.workerData as Partial<PooledThreadData> | undefined)?.background) backgroundThread();

/** Measured without garbage, as it is compared with what the thread holds after collecting its garbage (afterTask). */
let fresh = freshBytes();

function freshBytes(): number {
  collectGarbage();
  return threadBytes(measureThread());
}

/**
 * What the thread holds now is what any fresh thread of its pool needs to work (a validation thread has compiled a
 * profile), not growth to give back: without this, a share smaller than that need would end the thread after every
 * task, and every task would compile again.
 */
export function markFresh(): void {
  // Without the garbage of the work that made it (compiling a profile leaves as much garbage as it keeps).
  fresh = freshBytes();
}

/**
 * Call at the end of every task, before returning its answer. `keptBytes`: what the thread keeps on purpose under a
 * bound of its own (a validation thread's catalogue indexes), which ending the thread would throw away rather than
 * give back: it counts like what a fresh thread holds.
 */
export function afterTask(options: { keptBytes?: number } = {}): void {
  const data = Piscina.workerData as Partial<PooledThreadData> | undefined;
  const share = data?.memoryShareBytes ?? Infinity;
  const kept = fresh + (options.keptBytes ?? 0);
  let memory = measureThread();
  // Past its share by the counters, which count garbage too: collect it, and end only if still past.
  if (pastShare(threadBytes(memory), share, kept)) {
    collectGarbage();
    memory = measureThread();
  }
  const exiting = pastShare(threadBytes(memory), share, kept);
  const report: ThreadReport = { [THREAD_REPORT]: true, threadId, memory, fresh, exiting };
  parentPort?.postMessage(report);
  // After Piscina has posted the answer (a macrotask after the task's own microtasks): the pool must run without
  // Atomics waits (atomics: 'disabled', see ManagedPool) for this to run before the next task arrives.
  if (exiting) setImmediate(() => process.exit(0));
}
