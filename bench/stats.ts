import os from 'node:os';
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Timing and memory helpers shared by the in-process and the HTTP measurements. */

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function now(): number {
  return performance.now();
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = now();
  const value = await work();
  return { ms: now() - started, value };
}

/** Nearest-rank percentile of already measured samples (ms). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: number[]): Summary {
  return {
    runs: samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** Run `work` once untimed (warm-up), then `runs` times timed. */
export async function sample(runs: number, work: () => Promise<unknown> | unknown): Promise<Summary> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timed(work)).ms);
  return summarize(samples);
}

let gcFunction: (() => void) | undefined | null;

/** A full GC when the runtime allows it (turned on at run time, so `node` needs no --expose-gc flag). */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFunction = null;
    }
  }
  gcFunction?.();
}

export interface ProcMemory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size ("high water mark"), bytes. */
  hwm: number;
}

/** VmRSS and VmHWM of a process from /proc (Linux only; undefined elsewhere or when the process is gone). */
export function procMemory(pid: number | 'self'): ProcMemory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Bytes of every file under `dir` (recursively); 0 when it does not exist. */
export function directoryBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    total += entry.isDirectory() ? directoryBytes(full) : fs.statSync(full).size;
  }
  return total;
}

/** A count for tables: 390016 → "390,016". */
export const int = (n: number) => n.toLocaleString('en-US');

/** The 1-minute load average, which every bench reports beside its figures (the machines are shared). */
export const load1 = () => os.loadavg()[0]!;
