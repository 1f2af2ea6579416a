import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testStoreEnv } from './store-backend.js';

const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));
export const ADMIN_TOKEN = 'test-admin-token';

export interface TestServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, no chance to flush. */
  kill(): Promise<void>;
  /** A new server process on the same data directory (and port). */
  restart(env?: Record<string, string>): Promise<TestServer>;
}

export function tempDataDir(prefix = 'dpv-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Start the real server (the built dist/src/main.js) as a child process on a free port and wait until /healthz
 * answers 200, on the store backend TEST_STORE names. Tests talk to it over HTTP only.
 */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string>; port?: number } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const env = {
    ...process.env,
    // The backend TEST_STORE names (test/support/store-backend.ts); a test's own env may still set STORE.
    ...(await testStoreEnv()),
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    // Tests send hundreds of requests a minute from one address; the per-minute limits are tested where they are
    // set (test/capacity/), as is the query time per client. The in-flight limit and the bounded queues keep their
    // defaults.
    RATE_LIMIT_PER_MINUTE: '0',
    COSTLY_RATE_LIMIT_PER_MINUTE: '0',
    QUERY_TIME_PER_MINUTE_MS: '0',
    ...options.env,
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  // A start that fails must not leave the child running: it would hold its port and data directory after the suite.
  const abandon = async (error: Error): Promise<never> => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    throw error;
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not log its listening address in 30 s (it is read from the info-level log, so LOG_LEVEL must be info or debug):\n${output}`)), 30_000);
    const look = () => {
      const match = /"address":\{"address":"[^"]+","family":"IPv4","port":(\d+)\}/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  }).catch(abandon);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) await abandon(new Error(`server not ready in time:\n${output}`));
    await new Promise((r) => setTimeout(r, 50));
  }

  const server: TestServer = {
    url,
    dataDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    restart: (extra) => startTestServer({ dataDir, env: { ...options.env, ...extra }, port }),
  };
  return server;
}

export const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
