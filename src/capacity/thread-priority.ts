import fs from 'node:fs';
import os from 'node:os';

/**
 * The scheduling priority of the calling thread (Linux nice values are per thread). Work anyone may ask for —
 * SPARQL queries, dry runs, a replica loading beside one that serves — runs at BACKGROUND_NICE, so that on a busy
 * machine a publisher's parse, validation and write get the CPU first (CFS gives a nice-10 thread about a tenth
 * of a nice-0 thread's share), while on an idle machine nothing changes. Measured with bench/hostile-bench.ts.
 *
 * An unprivileged process may lower a thread's priority but not raise it back (RLIMIT_NICE is 0 by default): a
 * thread that must alternate (a replica serves queries and writes) first checks that it can come back, and when it
 * cannot it stays at normal priority rather than run a publisher's write in the background.
 */
export const BACKGROUND_NICE = 10;

type Mode = 'foreground' | 'background';

let tid: number | undefined | null;
let current: Mode = 'foreground';
let reversible: boolean | undefined;

/** This thread's id as the kernel knows it (not Node's threadId); null where there is no /proc (not Linux). */
function threadTid(): number | null {
  if (tid === undefined) {
    try {
      tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
      if (!Number.isInteger(tid)) tid = null;
    } catch {
      tid = null;
    }
  }
  return tid;
}

function setNice(value: number): boolean {
  const id = threadTid();
  if (id === null) return false;
  try {
    os.setPriority(id, value);
    return true;
  } catch {
    return false;
  }
}

/** Whether this thread may go back to nice 0 after going to the background: tried once, one step down and back. */
function canComeBack(): boolean {
  if (reversible === undefined) reversible = setNice(1) && setNice(0);
  return reversible;
}

/**
 * Run this thread in the background for good (a thread that only ever does anonymous work). No-op where the
 * priority cannot be set.
 */
export function backgroundThread(): void {
  if (setNice(BACKGROUND_NICE)) current = 'background';
}

/**
 * Set this thread's priority for the work it starts now, for a thread that alternates. Background is taken only
 * when foreground can be had again.
 */
export function threadPriorityFor(mode: Mode): void {
  if (mode === current) return;
  if (mode === 'background' && !canComeBack()) return;
  if (setNice(mode === 'background' ? BACKGROUND_NICE : 0)) current = mode;
}
