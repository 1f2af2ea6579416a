import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { registerTestStore } from './store-backend.js';
import { pino } from 'pino';

const VIRTUOSO = '/usr/bin/virtuoso-t';
const ISQL = '/usr/bin/isql-vt';
/** Small on purpose: reads past it must page, and the suites see truncation without loading 10,000 triples. */
export const VIRTUOSO_RESULT_ROWS = 500;
export const VIRTUOSO_USER = 'dataportal';
export const VIRTUOSO_PASSWORD = 'dataportal-test-secret';

export interface Virtuoso {
  pid: number;
  dir: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Digest-authenticated endpoints, as the backend uses them. */
  queryUrl: string;
  updateUrl: string;
  graphStoreUrl: string;
  /** Run SQL as dba through isql-vt. */
  isql(sql: string): Promise<string>;
}

let shared: Promise<Virtuoso> | undefined;
let running: { child: ChildProcess; dir: string } | undefined;

/**
 * The Virtuoso of this test run: started on first use (one per run, shared by the suites) on 127.0.0.1 with free
 * ports, a database directory and ini of its own, a user with SPARQL update rights, ResultSetMaxRows of
 * VIRTUOSO_RESULT_ROWS. Stopped by PID and its directory removed when the run ends. Without virtuoso-t the calling
 * suite skips with the reason, except in CI (CI=true), where that is a failure: `.ci/run` installs it.
 */
export async function virtuosoOrSkip(context: Mocha.Context): Promise<Virtuoso> {
  if (!fs.existsSync(VIRTUOSO) || !fs.existsSync(ISQL)) {
    const reason = `${VIRTUOSO} is missing (apt-get install -y virtuoso-opensource-7-bin); remote-store tests skipped`;
    if (process.env.CI === 'true') throw new Error(reason);
    console.warn(`      ${reason}`);
    context.skip();
  }
  shared ??= startVirtuoso();
  return shared;
}

/** The run's Virtuoso for TEST_STORE=sparql: there it is required, so a missing one fails rather than skips. */
async function requiredVirtuoso(): Promise<Virtuoso> {
  if (!fs.existsSync(VIRTUOSO) || !fs.existsSync(ISQL)) throw new Error(`TEST_STORE=sparql needs ${VIRTUOSO} (apt-get install -y virtuoso-opensource-7-bin)`);
  shared ??= startVirtuoso();
  return shared;
}

// Test servers on TEST_STORE=sparql each start on an empty store in the run's Virtuoso.
registerTestStore('sparql', async () => {
  const virtuoso = await requiredVirtuoso();
  await emptyVirtuoso(virtuoso);
  return remoteStoreEnv(virtuoso);
});

async function startVirtuoso(): Promise<Virtuoso> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  fs.mkdirSync(path.join(dir, 'www'));
  fs.writeFileSync(path.join(dir, 'virtuoso.ini'), ini(dir, sqlPort, httpPort));
  const child = spawn(VIRTUOSO, ['-f', '-c', path.join(dir, 'virtuoso.ini')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running = { child, dir };
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const origin = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`virtuoso-t exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${origin}/sparql?query=${encodeURIComponent('ASK {}')}`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopVirtuoso();
      throw new Error(`Virtuoso did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const isql = async (sql: string): Promise<string> => {
    const { stdout } = await promisify(execFile)(ISQL, [`127.0.0.1:${sqlPort}`, 'dba', 'dba', `exec=${sql}`]);
    if (/\*\*\* Error/.test(stdout)) throw new Error(`isql: ${stdout}`);
    return stdout;
  };
  await isql(`DB.DBA.USER_CREATE('${VIRTUOSO_USER}', '${VIRTUOSO_PASSWORD}'); GRANT SPARQL_UPDATE TO "${VIRTUOSO_USER}";`);
  return {
    pid: child.pid!,
    dir,
    origin,
    queryUrl: `${origin}/sparql-auth`,
    updateUrl: `${origin}/sparql-auth`,
    graphStoreUrl: `${origin}/sparql-graph-crud-auth`,
    isql,
  };
}

/** The environment that points a server (startTestServer, readConfig) at the run's Virtuoso. */
export function remoteStoreEnv(virtuoso: Virtuoso): Record<string, string> {
  return {
    STORE: 'sparql',
    STORE_QUERY_URL: virtuoso.queryUrl,
    STORE_UPDATE_URL: virtuoso.updateUrl,
    STORE_GRAPH_URL: virtuoso.graphStoreUrl,
    STORE_AUTH: 'digest',
    STORE_USER: VIRTUOSO_USER,
    STORE_PASSWORD: VIRTUOSO_PASSWORD,
    STORE_PAGE_ROWS: String(VIRTUOSO_RESULT_ROWS),
  };
}

/** The backend's settings for the run's Virtuoso (what remoteStoreEnv gives a server, as options). */
export function remoteStoreOptions(virtuoso: Virtuoso, dataDir: string) {
  return {
    queryUrl: virtuoso.queryUrl,
    updateUrl: virtuoso.updateUrl,
    graphStoreUrl: virtuoso.graphStoreUrl,
    credentials: { auth: 'digest' as const, user: VIRTUOSO_USER, password: VIRTUOSO_PASSWORD },
    pageRows: VIRTUOSO_RESULT_ROWS,
    queryTimeoutMs: 30_000,
    dataDir,
    log: pino({ level: 'silent' }),
  };
}

/**
 * Drop every graph the backend lists in the run's Virtuoso, and its default graph, so a suite starts on an empty
 * store: the suites share one instance, and the list of our graphs lives in Virtuoso. Done through the backend itself
 * (DROP ALL reaches our graphs only); graphs written to Virtuoso directly are not ours and stay.
 */
export async function emptyVirtuoso(virtuoso: Virtuoso): Promise<void> {
  const { RemoteStore } = await import('../../src/store/remote/remote-store.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-remote-empty-'));
  const store = new RemoteStore(remoteStoreOptions(virtuoso, dataDir));
  await store.open();
  try {
    await store.update('DROP ALL', 'http://localhost/');
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function ini(dir: string, sqlPort: number, httpPort: number): string {
  const file = (name: string) => path.join(dir, name);
  return `[Database]
DatabaseFile = ${file('virtuoso.db')}
ErrorLogFile = ${file('virtuoso.log')}
LockFile = ${file('virtuoso.lck')}
TransactionFile = ${file('virtuoso.trx')}
xa_persistent_file = ${file('virtuoso.pxa')}
ErrorLogLevel = 7
FileExtend = 200
Striping = 0

[TempDatabase]
DatabaseFile = ${file('virtuoso-temp.db')}
TransactionFile = ${file('virtuoso-temp.trx')}

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 60
DirsAllowed = ${dir}
ServerThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${file('www')}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = ${VIRTUOSO_RESULT_ROWS}
MaxQueryExecutionTime = 30
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Kill our Virtuoso by its PID and remove its directory (a throw-away database needs no clean shutdown). */
function stopVirtuoso(): void {
  if (!running) return;
  const { child, dir } = running;
  running = undefined;
  if (child.exitCode === null && child.pid) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

// One instance for the whole run: stopped after the last suite (a root-level hook), or at exit at the latest.
// Loaded by mocha, or later by a TEST_STORE=sparql server start (store-backend.ts), or by a script outside mocha.
if (typeof after === 'function') after(stopVirtuoso);
process.on('exit', stopVirtuoso);
