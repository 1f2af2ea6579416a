import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { now, procMemory, sleep, type ProcMemory } from './stats.js';

/** The real server as a child process: start, wait for readiness, read its logs and memory, stop. */

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
export const ADMIN_TOKEN = 'bench-admin-token';

/** One parsed JSON log line of the server (pino: level, time, msg and fields). */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

const running = new Set<ChildProcess>();

export const BENCH_CLIENT_LIMITS = { RATE_LIMIT_PER_MINUTE: '0', COSTLY_RATE_LIMIT_PER_MINUTE: '0', COSTLY_CONCURRENCY_PER_CLIENT: '0', QUERY_TIME_PER_MINUTE_MS: '0' };

/** Env that gives a bench server the per-client limits' defaults back (an empty value is the default, config.ts). */
export const DEFAULT_CLIENT_LIMITS = Object.fromEntries(Object.keys(BENCH_CLIENT_LIMITS).map((name) => [name, '']));

/** Kill every server this process started (used on exit and on errors). */
export function killAllServers(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

export interface ServerOptions {
  dataDir: string;
  logFile: string;
  env?: Record<string, string | undefined>;
}

export class BenchServer {
  readonly url: string;
  /** Milliseconds from spawn until /healthz answered 200. */
  readonly readyMs: number;
  /** Date.now() at spawn, to place the server's own log times (ISO) on the same clock. */
  readonly spawnedAt: number;
  /** Milliseconds from spawn until the server logged that it listens (process start, before the store loads). */
  readonly listenMs: number;
  readonly lines: LogLine[];
  readonly rawOutput: () => string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(init: { url: string; readyMs: number; spawnedAt: number; listenMs: number; lines: LogLine[]; rawOutput: () => string; child: ChildProcess; exited: BenchServer['exited'] }) {
    this.url = init.url;
    this.readyMs = init.readyMs;
    this.spawnedAt = init.spawnedAt;
    this.listenMs = init.listenMs;
    this.lines = init.lines;
    this.rawOutput = init.rawOutput;
    this.child = init.child;
    this.exited = init.exited;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(options: ServerOptions): Promise<BenchServer> {
    const started = now();
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      // The benches are one client sending as fast as it can: per-client limits off unless a bench sets them.
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: options.dataDir, ADMIN_TOKEN, LOG_LEVEL: 'info', ...BENCH_CLIENT_LIMITS, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const log = fs.createWriteStream(options.logFile, { flags: 'a' });
    const lines: LogLine[] = [];
    let raw = '';
    let pending = '';
    const onData = (chunk: Buffer) => {
      const textChunk = chunk.toString('utf8');
      log.write(textChunk);
      raw += textChunk;
      if (raw.length > 4_000_000) raw = raw.slice(-2_000_000);
      pending += textChunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith('{')) {
          try {
            lines.push(JSON.parse(line) as LogLine);
          } catch {
            // not a log line
          }
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => {
        running.delete(child);
        log.end();
        resolve({ code, signal });
      }),
    );

    try {
      const port = await waitFor(() => {
        const listening = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('listening'));
        return (listening?.address as { port?: number } | undefined)?.port;
      }, child, () => raw, 60_000, 'the server to listen');
      const listenMs = now() - started;
      const url = `http://127.0.0.1:${port}`;
      await waitFor(async () => ((await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200 ? true : undefined), child, () => raw, 3_600_000, '/healthz to answer 200', 20);
      return new BenchServer({ url, readyMs: now() - started, spawnedAt, listenMs, lines, rawOutput: () => raw, child, exited });
    } catch (error) {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw error;
    }
  }

  /** The first log line with this message, if any. */
  logLine(message: string): LogLine | undefined {
    return this.lines.find((l) => l.msg === message);
  }

  /** Log lines at level warn (40) or above: what went wrong, verbatim. */
  problems(): LogLine[] {
    return this.lines.filter((l) => (l.level ?? 0) >= 40);
  }

  memory(): ProcMemory | undefined {
    return procMemory(this.pid);
  }

  /**
   * Tried three times: a pooled connection the server has just closed as idle fails at once (seen in the memory bench
   * on a machine at load 20, after a write kept the server's main thread busy).
   */
  async health(): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${this.url}/healthz`);
        return (await res.json()) as Record<string, unknown>;
      } catch (error) {
        if (attempt === 3 || !this.alive) throw error;
        await sleep(500);
      }
    }
  }

  /**
   * Wait until every replica is loaded. The server answers /healthz 200 once the first replica is ready and loads
   * the others after it; until then they compete with whatever is measured. Returns ms from spawn (server clock).
   */
  async allReplicasReady(timeoutMs = 3_600_000): Promise<number> {
    const deadline = now() + timeoutMs;
    for (;;) {
      const health = await this.health();
      if (Number(health.replicasReady) >= Number(health.replicas)) break;
      if (now() > deadline || !this.alive) throw new Error(`replicas not all ready: ${JSON.stringify(health)}`);
      await sleep(100);
    }
    const readyLines = this.lines.filter((l) => l.msg === 'replica ready');
    return Math.max(...readyLines.map((l) => Date.parse(String(l.time)))) - this.spawnedAt;
  }

  /** Cumulative CPU time (ms) of each thread of the server process, from /proc (Linux). */
  threadCpu(): Map<number, number> {
    const cpu = new Map<number, number>();
    try {
      for (const tid of fs.readdirSync(`/proc/${this.pid}/task`)) {
        const stat = fs.readFileSync(`/proc/${this.pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpu.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
      }
    } catch {
      // the process is gone
    }
    return cpu;
  }

  /** SIGTERM and wait for the exit; returns the time it took and how it ended. */
  async stop(timeoutMs = 600_000): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
    const started = now();
    if (this.alive) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ms: now() - started, ...result };
  }
}

/** Poll `probe` until it yields a value; fail early when the child exits. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, child: ChildProcess, output: () => string, timeoutMs: number, what: string, intervalMs = 10): Promise<T> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (code ${child.exitCode}, signal ${child.signalCode}) while waiting for ${what}:\n${tail(output())}`);
    }
    if (now() > deadline) throw new Error(`timed out waiting for ${what}:\n${tail(output())}`);
    await sleep(intervalMs);
  }
}

export function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}

export function journalSegments(dataDir: string): string[] {
  const dir = path.join(dataDir, 'journal');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.log')) : [];
}
