import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDataDir } from '../support/server.js';

const LAUNCHER = fileURLToPath(new URL('../../src/demo/run-demo.js', import.meta.url));

interface Demo {
  child: ChildProcess;
  /** Loopback URL to call (the printed one says localhost, which may resolve to ::1). */
  url: string;
  port: number;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * `npm run demo` without the build: the launcher on `dataDir`, resolved when it prints that the demo is ready. One
 * replica and no warming keep the three starts within the suite's time; what is published does not depend on them.
 */
async function startDemo(dataDir: string, port = 0): Promise<Demo> {
  const child = spawn(process.execPath, [LAUNCHER], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_TOKEN: '', BASE_URL: '', WARM_CATALOGS: 'false', QUERY_WORKERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const chosen = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo not ready in time:\n${output}`)), 50_000);
    const look = () => {
      const match = /demo ready: http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Listed {
  id: string;
  datasets: number;
  modified: string;
}

const listCatalogs = async (demo: Demo): Promise<Listed[]> => (await (await fetch(`${demo.url}/catalogs`)).json()) as Listed[];

describe('npm run demo', function () {
  this.timeout(90_000);
  const dataDir = tempDataDir('dpv-demo-');
  let demo: Demo | undefined;
  afterEach(async () => {
    await demo?.stop();
    demo = undefined;
  });

  let first: Listed[] = [];
  // Restarts reuse the first run's port, so BASE_URL (and with it every graph name) stays the same.
  let firstPort = 0;
  it('publishes the region on a fresh data directory through tokens and the gate, and prints where to look', async () => {
    demo = await startDemo(dataDir);
    firstPort = demo.port;
    first = await listCatalogs(demo);
    expect(first).to.have.length(50);
    expect(first.reduce((n, c) => n + c.datasets, 0)).to.equal(2000);
    expect(demo.output()).to.match(/published 50 demo catalogs \(2000 datasets\)/);
    expect(demo.output()).to.match(/admin token for this run[^\n]*\n {2}\S{20,}/);
  });

  it('publishes nothing again after a restart: every catalog keeps its modified time', async () => {
    demo = await startDemo(dataDir, firstPort);
    const again = await listCatalogs(demo);
    expect(demo.output()).to.match(/already published \(50 catalogs/);
    expect(demo.output()).not.to.match(/published \d+ demo catalogs/);
    expect(Object.fromEntries(again.map((c) => [c.id, c.modified]))).to.deep.equal(Object.fromEntries(first.map((c) => [c.id, c.modified])));
  });

  it('finishes an interrupted first run: only the missing catalogs are published', async () => {
    demo = await startDemo(dataDir, firstPort);
    const token = /admin token for this run[^\n]*\n {2}(\S+)/.exec(demo.output())![1]!;
    const removed = await fetch(`${demo.url}/catalogs/skovde`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(removed.status).to.equal(204);
    await demo.stop();
    demo = await startDemo(dataDir, firstPort);
    expect(demo.output()).to.match(/published 1 demo catalogs/);
    const after = await listCatalogs(demo);
    expect(after).to.have.length(50);
    const unchanged = after.filter((c) => c.id !== 'skovde' && c.modified === first.find((f) => f.id === c.id)!.modified);
    expect(unchanged).to.have.length(49);
  });
});
