/**
 * How long a publisher's catalogue write takes on a quiet server, and while anonymous clients keep dry runs of a large
 * catalogue in flight (POST /validate). Run it against this build and against an older one (`--main`) to see what the
 * capacity reserved for writes (src/capacity/public-work.ts) changes. Sizes are small by default: the machine is
 * shared.
 *
 *   node dist/bench/capacity-bench.js [--main path/to/dist/src/main.js] [--dry-runs 8] [--dry-run-datasets 2000]
 *     [--datasets 200] [--writes 3]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchOptions, positiveInteger } from './cli-options.js';
import { makeCatalog } from '../test/support/catalogs.js';

interface Options {
  main: string;
  dryRuns: number;
  dryRunDatasets: number;
  datasets: number;
  writes: number;
}

const options = benchOptions<Options>('capacity-bench', (command) =>
  command
    .option('--main <file>', 'the server to start', fileURLToPath(new URL('../src/main.js', import.meta.url)))
    .option('--dry-runs <n>', 'anonymous dry runs in flight at once', positiveInteger, 8)
    .option('--dry-run-datasets <n>', 'datasets in the dry runs\' catalogue', positiveInteger, 2000)
    .option('--datasets <n>', 'datasets in the publisher\'s catalogue', positiveInteger, 200)
    .option('--writes <n>', 'writes measured quiet and under load', positiveInteger, 3),
);

const ADMIN = 'capacity-bench-admin';
const GBG = '2120001355';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-capacity-bench-'));
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, WARM_CATALOGS: 'false', LOG_LEVEL: 'info' };
  // Per-client limits off: this measures capacity, not the limits (an older build ignores these).
  Object.assign(env, { RATE_LIMIT_PER_MINUTE: '0', COSTLY_RATE_LIMIT_PER_MINUTE: '0', COSTLY_CONCURRENCY_PER_CLIENT: '0', PUBLIC_WORK_QUEUE: '64' });
  const child = spawn(process.execPath, [options.main], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await listening(child);
    const token = await publisherToken(url);
    const version = (v: number) => makeCatalog({ orgnr: GBG, name: 'Göteborgs Stad', catalogIri: 'http://e/gbg', datasetBase: 'http://e/gbg/d', datasets: options.datasets, extra: (i) => `<http://purl.org/dc/terms/identifier> "v${v}-${i}"` });
    let v = 0;
    const write = async () => {
      const started = performance.now();
      const res = await fetch(`${url}/catalogs/goteborg`, { method: 'PUT', body: version(++v), headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/turtle' } });
      await res.arrayBuffer();
      if (res.status !== 201 && res.status !== 204) throw new Error(`write answered ${res.status}`);
      return performance.now() - started;
    };
    await write();
    const quiet: number[] = [];
    for (let i = 0; i < options.writes; i++) quiet.push(await write());

    // Two catalogues, which the writes' validator would put in one lane each (it picks a lane by the catalogue's IRI).
    const dryRunOf = (iri: string) => makeCatalog({ orgnr: GBG, name: 'Prov', catalogIri: iri, datasetBase: `${iri}/d`, datasets: options.dryRunDatasets });
    const bodies = [dryRunOf('http://e/prov'), dryRunOf('http://e/test')];
    const started = performance.now();
    const dryRuns = Array.from({ length: options.dryRuns }, async (_, i) => {
      const res = await fetch(`${url}/validate?profile=dcat-ap-se`, { method: 'POST', body: bodies[i % 2], headers: { 'Content-Type': 'text/turtle' } });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    });
    await new Promise((r) => setTimeout(r, 500));
    const loaded: number[] = [];
    for (let i = 0; i < options.writes; i++) loaded.push(await write());
    const writesDoneMs = performance.now() - started;
    const done = await Promise.all(dryRuns);
    const round = (ms: number) => Math.round(ms);
    console.log(
      JSON.stringify({
        main: options.main,
        options,
        quietWritesMs: quiet.map(round),
        loadedWritesMs: loaded.map(round),
        writesDoneAtMs: round(writesDoneMs),
        dryRuns: done.map((d) => `${d.status}@${round(d.ms)}`),
      }),
    );
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function listening(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"address":\{"address":"[^"]+","family":"IPv4","port":(\d+)\}/.exec(output)?.[1];
      if (port && /store loaded; ready/.test(output)) resolve(`http://127.0.0.1:${port}`);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function publisherToken(url: string): Promise<string> {
  const res = await fetch(`${url}/admin/tokens`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ organisation: 'goteborg', role: 'publisher' }) });
  if (res.status !== 201) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

await main();
