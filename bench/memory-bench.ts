/**
 * Memory over time (issue 9's targets), against the real server (dist/src/main.js, a fresh DATA_DIR under --out),
 * generated catalogs (test/validation/catalog-generator.ts) published by the admin as organisation `goteborg`:
 *
 *   npm run build && node dist/bench/memory-bench.js [--catalogs 5] [--datasets 10000] [--rounds 10] [--budget-mb N]
 *   npm run build && node dist/bench/memory-bench.js --mixed [--minutes 30] [--catalogs 5] [--datasets 10000]
 *
 * Rewrites (default): --catalogs catalogs of --datasets datasets are written, then re-written --rounds rounds with 1%
 * of each catalog's datasets changed (a different 1% each round). The server's RSS is read from /proc after each
 * round, once the dataset index has caught up; /healthz says what each component holds. Targets: RSS under 4 GiB
 * throughout, and the last five rounds within 10% of each other.
 *
 * Mixed (--mixed): the catalogs are written, then 8 clients run for --minutes: two send SPARQL queries, two read
 * catalog documents (Turtle), two read /catalog pages, one re-PUTs catalogs with 1% changed, one POSTs a new dataset
 * into one (the next re-PUT takes it out again, so the store keeps its size). RSS is read every minute. Targets: no
 * request fails, and the mean RSS of the last ten minutes is within 10% of the first ten (of the halves when the run
 * is shorter than 20 minutes).
 *
 * Prints a Markdown table (for bench/RESULTS.md) and writes it with the raw figures to `<out>/memory-bench-<date>.{md,json}`.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BenchServer, ADMIN_TOKEN, killAllServers } from './server-process.js';
import { benchOptions, directory, positiveInteger } from './cli-options.js';
import { int, sleep } from './stats.js';
import { catalogNTriples, datasetNTriples } from '../test/validation/catalog-generator.js';

interface Options {
  catalogs: number;
  datasets: number;
  rounds: number;
  mixed: boolean;
  minutes: number;
  budgetMb?: number;
  out: string;
  keepData: boolean;
}

const options = benchOptions<Options>('node dist/bench/memory-bench.js', (command) =>
  command
    .option('--catalogs <n>', 'catalogs written', positiveInteger, 5)
    .option('--datasets <n>', 'datasets per catalog', positiveInteger, 10_000)
    .option('--rounds <n>', 'rewrite rounds with 1% changed', positiveInteger, 10)
    .option('--mixed', 'run the mixed load instead of the rewrite rounds', false)
    .option('--minutes <n>', 'minutes of mixed load', positiveInteger, 30)
    .option('--budget-mb <n>', "MEMORY_BUDGET_MB for the server (default: the server's own default)", positiveInteger)
    .option('--out <dir>', 'output directory', directory, path.resolve('bench/out'))
    .option('--keep-data', "keep the server's DATA_DIR after the run", false),
);

const GIB = 1024 ** 3;
const MB = 1024 * 1024;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const NT = 'application/n-triples';

function progress(message: string): void {
  process.stderr.write(`[memory-bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const mb = (bytes: number) => `${int(Math.round(bytes / MB))}`;
const spread = (values: number[]) => (Math.max(...values) - Math.min(...values)) / Math.min(...values);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** What a row of the table says: RSS, and what /healthz says each component holds. */
interface Sample {
  label: string;
  rss: number;
  hwm: number;
  replicas: number;
  validation: number;
  parsers: number;
  main: number;
  recycled: number;
  requests?: number;
  errors?: number;
}

interface Components {
  main: { bytes: number };
  replicas: { bytes: number; recycled: number };
  validation: { bytes: number; recycled: number };
  parsers: { bytes: number; recycled: number };
  extraction: { recycled: number };
}

async function sample(server: BenchServer, label: string, extra: Partial<Sample> = {}): Promise<Sample> {
  const health = (await server.health()) as { memory: { components: Components } };
  const c = health.memory.components;
  const memory = server.memory();
  return {
    label,
    rss: memory?.rss ?? NaN,
    hwm: memory?.hwm ?? NaN,
    replicas: c.replicas.bytes,
    validation: c.validation.bytes,
    parsers: c.parsers.bytes,
    main: c.main.bytes,
    recycled: c.replicas.recycled + c.validation.recycled + c.parsers.recycled + c.extraction.recycled,
    ...extra,
  };
}

/** Until every acknowledged write is searchable: the extraction after a write is part of what it costs. */
async function settle(server: BenchServer): Promise<void> {
  for (;;) {
    const health = (await server.health()) as { search?: { state?: string } };
    if (health.search?.state === 'ready') return;
    await sleep(200);
  }
}

/**
 * A connection of its own per request: the server closes an idle keep-alive connection after 5 s, and a client whose
 * event loop was busy generating a 53 MB catalog wrote it on such a connection before it saw it closed (EPIPE; fetch,
 * which pools connections, failed this way from the first PUT on).
 */
function send(url: string, method: string, body?: string, contentType = NT): Promise<number> {
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const headers = bytes === undefined ? admin : { ...admin, 'Content-Type': contentType, 'Content-Length': String(bytes.length) };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

function ids(): string[] {
  const suffixes = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: options.catalogs }, (_, i) => (i === 0 ? 'goteborg' : `goteborg-${suffixes[(i - 1) % 26]}${i > 26 ? i : ''}`));
}

/** Catalog `id` with 1% of its datasets changed in `round` (round 0: as first written). */
function catalogText(baseUrl: string, id: string, round: number): string {
  const changed = Math.max(1, Math.floor(options.datasets / 100));
  const step = Math.floor(options.datasets / changed);
  const datasets = round === 0 ? {} : Object.fromEntries(Array.from({ length: changed }, (_, k) => [k * step + (round % step), { revision: round + 1 }]));
  return catalogNTriples(options.datasets, { base: `${baseUrl}/catalogs/${id}`, title: `Göteborgs Stad ${id}`, datasets: datasets });
}

async function writeAll(server: BenchServer, round: number): Promise<void> {
  for (const id of ids()) {
    const status = await send(`${server.url}/catalogs/${id}`, 'PUT', catalogText(server.url, id, round));
    if (status !== 201 && status !== 204) throw new Error(`PUT ${id} (round ${round}) answered ${status}`);
  }
  await settle(server);
}

async function rewrites(server: BenchServer): Promise<{ samples: Sample[]; verdicts: string[] }> {
  const samples: Sample[] = [await sample(server, 'started')];
  progress(`writing ${options.catalogs} catalogs of ${int(options.datasets)} datasets`);
  await writeAll(server, 0);
  samples.push(await sample(server, 'written'));
  for (let round = 1; round <= options.rounds; round++) {
    progress(`round ${round}/${options.rounds}: re-PUT every catalog with 1% changed`);
    await writeAll(server, round);
    samples.push(await sample(server, `round ${round}`));
  }
  const rounds = samples.slice(2);
  const last = rounds.slice(-5).map((s) => s.rss);
  const peak = Math.max(...samples.map((s) => s.hwm));
  return {
    samples,
    verdicts: [
      `peak RSS ${mb(peak)} MB: ${peak < 4 * GIB ? 'under' : 'NOT under'} 4 GiB`,
      `last ${last.length} rounds spread ${(spread(last) * 100).toFixed(1)}%: ${spread(last) < 0.1 ? 'within' : 'NOT within'} 10%`,
    ],
  };
}

const QUERIES = [
  'PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> SELECT ?d ?t WHERE { ?d a dcat:Dataset ; dct:title ?t } LIMIT 100',
  'PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT (COUNT(?d) AS ?n) WHERE { ?d a dcat:Dataset }',
  'PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?f (COUNT(?x) AS ?n) WHERE { ?x dcat:mediaType|<http://purl.org/dc/terms/format> ?f } GROUP BY ?f',
];

async function mixed(server: BenchServer): Promise<{ samples: Sample[]; verdicts: string[] }> {
  progress(`writing ${options.catalogs} catalogs of ${int(options.datasets)} datasets`);
  await writeAll(server, 0);
  const catalogs = ids();
  const end = Date.now() + options.minutes * 60_000;
  let requests = 0;
  const failures: string[] = [];
  const check = (what: string, status: number, ok: number[]) => {
    requests++;
    if (!ok.includes(status)) failures.push(`${what}: ${status}`);
  };
  const get = async (pathname: string, accept: string) => {
    const res = await fetch(`${server.url}${pathname}`, { headers: { Accept: accept } });
    await res.arrayBuffer();
    check(`GET ${pathname}`, res.status, [200]);
  };
  let round = 1;
  let posted = 0;
  const clients: (() => Promise<void>)[] = [
    async () => get(`/sparql?query=${encodeURIComponent(QUERIES[requests % QUERIES.length]!)}`, 'application/sparql-results+json'),
    async () => get(`/sparql?query=${encodeURIComponent(QUERIES[(requests + 1) % QUERIES.length]!)}`, 'application/sparql-results+json'),
    async () => get(`/catalogs/${catalogs[requests % catalogs.length]}.ttl`, 'text/turtle'),
    async () => get(`/catalogs/${catalogs[(requests + 1) % catalogs.length]}.nt`, NT),
    async () => get(`/catalog?page=${1 + (requests % 20)}&pageSize=100`, 'text/turtle'),
    async () => get(`/catalog?page=${1 + ((requests * 7) % 50)}&pageSize=100`, NT),
    async () => {
      const id = catalogs[round % catalogs.length]!;
      check(`PUT ${id}`, await send(`${server.url}/catalogs/${id}`, 'PUT', catalogText(server.url, id, round++)), [201, 204]);
    },
    async () => {
      const id = catalogs[posted % catalogs.length]!;
      const text = datasetNTriples(options.datasets + (posted++ % 100), { base: `${server.url}/catalogs/${id}` });
      check(`POST ${id}`, await send(`${server.url}/catalogs/${id}`, 'POST', text), [200, 201, 204]);
    },
  ];
  const samples: Sample[] = [await sample(server, 'minute 0', { requests: 0, errors: 0 })];
  const sampler = (async () => {
    for (let minute = 1; Date.now() < end + 1000; minute++) {
      await sleep(Math.max(0, Math.min(60_000, end - Date.now() + 500)));
      samples.push(await sample(server, `minute ${minute}`, { requests, errors: failures.length }));
      progress(`minute ${minute}: RSS ${mb(samples.at(-1)!.rss)} MB, ${int(requests)} requests, ${failures.length} failed`);
      if (Date.now() >= end) break;
    }
  })();
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < end) {
        try {
          await client();
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }),
  );
  await sampler;
  const minutes = samples.slice(1).map((s) => s.rss);
  const window = Math.max(1, Math.min(10, Math.floor(minutes.length / 2)));
  const first = mean(minutes.slice(0, window));
  const last = mean(minutes.slice(-window));
  const drift = (last - first) / first;
  return {
    samples,
    verdicts: [
      `${int(requests)} requests, ${failures.length} failed${failures.length ? ` (first: ${failures.slice(0, 5).join('; ')})` : ''}`,
      `mean RSS of the last ${window} minutes ${mb(last)} MB against ${mb(first)} MB in the first ${window}: ${(drift * 100).toFixed(1)}%, ${Math.abs(drift) < 0.1 ? 'within' : 'NOT within'} 10%`,
    ],
  };
}

function table(samples: Sample[]): string {
  const rows = ['| when | RSS MB | peak RSS MB | replicas MB | validation MB | parsers MB | main thread MB | threads replaced | requests | failed |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const s of samples) {
    rows.push(`| ${s.label} | ${mb(s.rss)} | ${mb(s.hwm)} | ${mb(s.replicas)} | ${mb(s.validation)} | ${mb(s.parsers)} | ${mb(s.main)} | ${s.recycled} | ${s.requests === undefined ? '' : int(s.requests)} | ${s.errors ?? ''} |`);
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.mkdirSync(options.out, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(options.out, 'memory-bench-data-'));
  const server = await BenchServer.start({
    dataDir,
    logFile: path.join(options.out, `memory-bench-${stamp}.log`),
    env: { LOG_LEVEL: 'info', ...(options.budgetMb ? { MEMORY_BUDGET_MB: String(options.budgetMb) } : {}) },
  });
  try {
    await server.allReplicasReady();
    const { samples, verdicts } = options.mixed ? await mixed(server) : await rewrites(server);
    const health = (await server.health()) as { memory: { budget: { bytes: number; source: string } } };
    const title = options.mixed
      ? `Mixed load, 8 clients, ${options.minutes} min, ${options.catalogs} × ${int(options.datasets)}-dataset catalogs`
      : `Rewrites: ${options.catalogs} × ${int(options.datasets)}-dataset catalogs, ${options.rounds} rounds with 1% changed`;
    const report = [
      `### Memory: ${title}`,
      '',
      `Budget ${mb(health.memory.budget.bytes)} MB (${health.memory.budget.source}); RSS from /proc, components from /healthz (heap + wasm per thread).`,
      '',
      table(samples),
      '',
      ...verdicts.map((v) => `- ${v}`),
      '',
    ].join('\n');
    process.stdout.write(`${report}\n`);
    fs.writeFileSync(path.join(options.out, `memory-bench-${stamp}.md`), report);
    fs.writeFileSync(path.join(options.out, `memory-bench-${stamp}.json`), JSON.stringify({ options, samples, verdicts }, null, 1));
  } finally {
    await server.stop().catch(() => killAllServers());
    if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory-bench failed: ${(error as Error).stack ?? String(error)}\n`);
  killAllServers();
  process.exit(1);
});
