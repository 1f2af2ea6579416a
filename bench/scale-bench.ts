/**
 * The store at scale (issue 10): a generated region, nation or EU published through the API, then read the ways its
 * users read it, each beside the floor of the same work without our server.
 *
 *   npm run bench -- --scale regional|national|eu [--runs 10] [--clients 8] [--publishers 2] [--out bench/out] [--keep-data]
 *
 * Scales (bench/scale/scales.ts): regional 50 organisations and 10,000 datasets, national 300 and 50,000, EU 400 and
 * 400,000 (the generator gives about 44 triples per dataset). Organisations past the region's own 50 are generated
 * and given to the server with ORGANISATIONS_FILE. Workloads, in this order, on one server:
 *   1. publish every catalog with `PUT /catalogs/{id}` (N-Triples, admin token, `--publishers` at once);
 *   2. re-publish every catalog with 1 % of its datasets revised;
 *   3. the portal query mix over `/sparql`, one query at a time, each run interleaved with the same query on Oxigraph
 *      in this process holding the same graphs (the floor; ratios are /sparql ÷ in process, targets apply to queries
 *      over 10 ms in process);
 *   4. the same mix from `--clients` concurrent clients;
 *   5. search (JSON), a walk over every `/catalog` page of 1,000, every organisation's catalog as RDF/XML;
 *   6. a clean restart: time until /healthz answers and until every replica is ready; memory per quad.
 * The in-process floor needs the whole store in this process: past MAX_QUADS (the EU scale) it is left out, and the
 * server's 507 is reported as what the embedded store does at that scale.
 * Prints Markdown and writes it with the raw figures to `<out>/scale-bench-<scale>-<date>.{md,json}`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ox from 'oxigraph';
import { BenchServer, ADMIN_TOKEN, killAllServers } from './server-process.js';
import { benchOptions, directory, positiveInteger } from './cli-options.js';
import { directoryBytes, int, load1, now, percentile, sleep, summarize, type Summary } from './stats.js';
import { scaleNamed, type Scale } from './scale/scales.js';
import { writeScaleOrganisations } from './scale/scale-organisations.js';
import { reviseCatalog, writeCatalogFiles, type CatalogFile } from './scale/catalog-files.js';
import { scaleQueryMix } from './scale/query-mix.js';
import type { BenchQuery } from './queries.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** Run the CLI on a data directory with stdout to a file; resolves with the time it took. */
function cli(args: string[], dataDir: string, stdoutFile?: string): Promise<number> {
  const started = now();
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir, BASE_URL, LOG_LEVEL: 'warn' }, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (typeof out === 'number') fs.closeSync(out);
      if (code === 0) resolve(now() - started);
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

interface Options {
  scale: string;
  /** Fewer (or more) datasets than the scale's, for a quick try; the report names the change. */
  datasets?: number;
  runs: number;
  clients: number;
  publishers: number;
  out: string;
  keepData: boolean;
}

const options = benchOptions<Options>('npm run bench --', (command) =>
  command
    .requiredOption('--scale <name>', 'regional, national or eu')
    .option('--datasets <n>', "datasets instead of the scale's (a quick try)", positiveInteger)
    .option('--runs <k>', 'timed runs per query', positiveInteger, 10)
    .option('--clients <n>', 'concurrent SPARQL clients', positiveInteger, 8)
    .option('--publishers <n>', 'catalogs PUT at once', positiveInteger, 2)
    .option('--out <dir>', 'output directory', directory, path.resolve('bench/out'))
    .option('--keep-data', 'keep the data directory', false),
);

const BASE_URL = 'http://localhost:3030';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
/** Ten times the server's default: some real portal queries are slow at scale, and their time is the figure. */
const QUERY_TIMEOUT_MS = 300_000;
const MAX_QUADS = 11_000_000;

function progress(message: string): void {
  process.stderr.write(`[scale ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);
const mb = (bytes: number) => `${int(Math.round(bytes / 1024 / 1024))} MB`;

/** Run `work` over `items` with at most `limit` at once, in order of start. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

async function timedRequest(url: string, init: RequestInit, ok: number[]): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  const started = now();
  const res = await fetch(url, init);
  const body = await res.text();
  const elapsed = now() - started;
  if (!ok.includes(res.status)) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${body.slice(0, 400)}`);
  return { ms: elapsed, status: res.status, bytes: Buffer.byteLength(body), body };
}

// ---------------------------------------------------------------- workloads


interface PublishResult {
  totalMs: number;
  requests: Summary;
  stored: number;
  /** The first refusal, e.g. the embedded store's 507 past MAX_QUADS. */
  stoppedBy?: string;
}

async function publish(url: string, catalogs: CatalogFile[], publishers: number, body: (c: CatalogFile) => Buffer<ArrayBuffer>): Promise<PublishResult> {
  const samples: number[] = [];
  let stoppedBy: string | undefined;
  const started = now();
  await pool(catalogs, publishers, async (catalog) => {
    if (stoppedBy) return;
    const sent = now();
    const res = await fetch(`${url}/catalogs/${catalog.id}`, { method: 'PUT', headers: { ...admin, 'Content-Type': 'application/n-triples' }, body: body(catalog) });
    const text = await res.text();
    if (res.status === 507) {
      stoppedBy ??= `${catalog.id}: 507 ${text.slice(0, 300)}`;
      return;
    }
    if (res.status !== 201 && res.status !== 204) throw new Error(`PUT /catalogs/${catalog.id}: HTTP ${res.status} ${text.slice(0, 600)}`);
    samples.push(now() - sent);
    if (samples.length % 25 === 0 || samples.length === catalogs.length) progress(`  ${samples.length}/${catalogs.length} catalogs`);
  });
  return { totalMs: now() - started, requests: summarize(samples.length ? samples : [0]), stored: samples.length, ...(stoppedBy ? { stoppedBy } : {}) };
}

interface QueryFigure {
  name: string;
  server: Summary;
  inProcess?: Summary;
  /** server median ÷ in-process median. */
  ratio?: number;
  bytes: number;
  error?: string;
}

async function sparqlOverHttp(url: string, query: BenchQuery): Promise<{ ms: number; bytes: number }> {
  const { ms: elapsed, bytes } = await timedRequest(`${url}/sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: query.accept },
    body: query.sparql,
  }, [200]);
  return { ms: elapsed, bytes };
}

function sparqlInProcess(store: ox.Store, query: BenchQuery): number {
  const started = now();
  store.query(query.sparql, { use_default_graph_as_union: true, results_format: query.resultsFormat });
  return now() - started;
}

/** Each query `runs` times on the server, each run followed by the same query in process, after one warm-up of each. */
async function sequentialMix(url: string, store: ox.Store | undefined, queries: BenchQuery[], runs: number): Promise<QueryFigure[]> {
  const figures: QueryFigure[] = [];
  for (const query of queries) {
    try {
      const { bytes } = await sparqlOverHttp(url, query);
      if (store) sparqlInProcess(store, query);
      const server: number[] = [];
      const local: number[] = [];
      for (let r = 0; r < runs; r++) {
        server.push((await sparqlOverHttp(url, query)).ms);
        if (store) local.push(sparqlInProcess(store, query));
      }
      const figure: QueryFigure = { name: query.name, server: summarize(server), bytes };
      if (store) {
        figure.inProcess = summarize(local);
        figure.ratio = figure.server.median / figure.inProcess.median;
      }
      figures.push(figure);
      progress(`  ${query.name}: ${ms(figure.server.median)}${figure.inProcess ? ` (in process ${ms(figure.inProcess.median)})` : ''}`);
    } catch (error) {
      figures.push({ name: query.name, server: summarize([NaN]), bytes: 0, error: (error as Error).message.slice(0, 200) });
      progress(`  ${query.name}: failed: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  return figures;
}

interface ConcurrentFigure {
  clients: number;
  queries: number;
  failed: number;
  wallMs: number;
  perSecond: number;
  latency: Summary;
}

/** `clients` clients each run the whole mix `rounds` times, starting at different queries. */
async function concurrentMix(url: string, queries: BenchQuery[], clients: number, rounds: number): Promise<ConcurrentFigure> {
  const latencies: number[] = [];
  let failed = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let r = 0; r < rounds; r++) {
        for (let q = 0; q < queries.length; q++) {
          const query = queries[(q + c) % queries.length]!;
          try {
            latencies.push((await sparqlOverHttp(url, query)).ms);
          } catch {
            failed++;
          }
        }
      }
    }),
  );
  const wallMs = now() - started;
  return { clients, queries: latencies.length, failed, wallMs, perSecond: (latencies.length / wallMs) * 1000, latency: summarize(latencies.length ? latencies : [NaN]) };
}

interface ReadFigures {
  search: Summary;
  catalogWalk: { pages: number; totalMs: number; page: Summary };
  rdfXml: { catalogs: number; totalMs: number; request: Summary; largest: { id: string; ms: number; bytes: number } };
}

async function portalReads(url: string, catalogs: CatalogFile[], datasets: number, runs: number): Promise<ReadFigures> {
  const words = ['skol', 'vatten', 'trafik', 'budget', 'luft'];
  const search: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const word of words) search.push((await timedRequest(`${url}/search?q=${word}`, { headers: { Accept: 'application/json' } }, [200])).ms);
  }
  const pageSize = 1000;
  const pages = Math.ceil(datasets / pageSize);
  const pageTimes: number[] = [];
  const walkStarted = now();
  for (let page = 1; page <= pages; page++) {
    pageTimes.push((await timedRequest(`${url}/catalog?page=${page}&pageSize=${pageSize}`, { headers: { Accept: 'text/turtle' } }, [200])).ms);
  }
  const walkMs = now() - walkStarted;
  const rdf: number[] = [];
  let largest = { id: '', ms: 0, bytes: 0 };
  const rdfStarted = now();
  for (const catalog of catalogs) {
    const got = await timedRequest(`${url}/catalogs/${catalog.id}`, { headers: { Accept: 'application/rdf+xml' } }, [200]);
    rdf.push(got.ms);
    if (got.ms > largest.ms) largest = { id: catalog.id, ms: got.ms, bytes: got.bytes };
  }
  return {
    search: summarize(search),
    catalogWalk: { pages, totalMs: walkMs, page: summarize(pageTimes) },
    rdfXml: { catalogs: catalogs.length, totalMs: now() - rdfStarted, request: summarize(rdf), largest },
  };
}

/** Oxigraph in this process with the same graphs as the server: the floor of every /sparql figure. */
function loadFloor(catalogs: CatalogFile[]): { store: ox.Store; ms: number; rssDelta: number } {
  const before = process.memoryUsage().rss;
  const started = now();
  const store = new ox.Store();
  for (const catalog of catalogs) {
    store.load(fs.readFileSync(catalog.file), { format: 'nt', to_graph_name: ox.namedNode(`${BASE_URL}/catalogs/${catalog.id}`) });
  }
  return { store, ms: now() - started, rssDelta: process.memoryUsage().rss - before };
}

// ---------------------------------------------------------------- the run

interface ScaleResult {
  scale: Scale;
  startedAt: string;
  machine: string;
  data: { organisations: number; datasets: number; triples: number; bytes: number; generateMs: number };
  publish: PublishResult;
  republish?: PublishResult & { changedDatasets: number };
  quadsStored: number;
  memoryAfterPublish?: { rss: number; hwm: number };
  floor?: { loadMs: number; rssDelta: number } | { skipped: string };
  sequential: QueryFigure[];
  concurrent?: ConcurrentFigure;
  reads?: ReadFigures;
  restart?: { readyMs: number; allReplicasMs: number; rss: number };
  backup?: { quads: number; dumpMs: number; dumpBytes: number; restoreMs: number; restoredReadyMs: number };
  dataDirBytes: number;
  notes: string[];
}

async function run(): Promise<void> {
  const named = scaleNamed(options.scale);
  const scale = options.datasets ? { ...named, datasets: options.datasets, note: `${int(options.datasets)} datasets instead of ${int(named.datasets)}` } : named;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const runDir = path.join(options.out, `scale-${scale.name}-${stamp}`);
  const dataDir = path.join(runDir, 'data');
  fs.mkdirSync(runDir, { recursive: true });
  const notes: string[] = [];
  const loadStart = load1();
  let loadMax = loadStart;
  const loadTimer = setInterval(() => (loadMax = Math.max(loadMax, load1())), 5000);

  progress(`generating ${scale.name}: ${int(scale.organisations)} organisations, ${int(scale.datasets)} datasets`);
  const generated = now();
  const organisationsFile = path.join(runDir, 'organisations.csv');
  const organisations = writeScaleOrganisations(organisationsFile, scale.organisations, BASE_URL);
  const catalogs = writeCatalogFiles(path.join(runDir, 'catalogs'), organisations, scale.datasets, BASE_URL);
  const data = {
    organisations: catalogs.length,
    datasets: catalogs.reduce((n, c) => n + c.datasets.length, 0),
    triples: catalogs.reduce((n, c) => n + c.triples, 0),
    bytes: catalogs.reduce((n, c) => n + c.bytes, 0),
    generateMs: now() - generated,
  };
  progress(`generated ${int(data.triples)} triples (${mb(data.bytes)}) in ${ms(data.generateMs)}`);

  const env = { BASE_URL, ORGANISATIONS_FILE: organisationsFile, QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), MAX_QUADS: String(MAX_QUADS) };
  let server = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server.log'), env });
  progress(`server ${server.url} ready in ${ms(server.readyMs)}`);
  const result: ScaleResult = {
    scale,
    startedAt: new Date().toISOString(),
    machine: '',
    data,
    publish: { totalMs: 0, requests: summarize([0]), stored: 0 },
    quadsStored: 0,
    sequential: [],
    dataDirBytes: 0,
    notes,
  };
  try {
    progress('publishing every catalog');
    result.publish = await publish(server.url, catalogs, options.publishers, (c) => fs.readFileSync(c.file));
    result.quadsStored = Number((await server.health()).quads);
    result.memoryAfterPublish = server.memory();
    progress(`published ${result.publish.stored} catalogs in ${ms(result.publish.totalMs)}; ${int(result.quadsStored)} quads`);
    if (result.publish.stoppedBy) notes.push(`The embedded store refused a catalog past MAX_QUADS (${int(MAX_QUADS)}): ${result.publish.stoppedBy}`);

    const published = catalogs.slice(0, result.publish.stored);
    if (!result.publish.stoppedBy) {
      progress('re-publishing with 1 % of the datasets revised');
      let changedDatasets = 0;
      const republish = await publish(server.url, published, options.publishers, (c) => {
        const revised = reviseCatalog(c, 0.01, '2026-12-03', 1);
        changedDatasets += revised.changed;
        return revised.text;
      });
      result.republish = { ...republish, changedDatasets };
      progress(`re-published in ${ms(republish.totalMs)} (${int(changedDatasets)} datasets revised)`);
    }

    let floor: ox.Store | undefined;
    if (data.triples <= MAX_QUADS && !result.publish.stoppedBy) {
      progress('loading the same graphs into Oxigraph in this process (the floor)');
      // The floor holds the re-published state too: revise the same datasets in process.
      const loaded = loadFloor(published.map((c) => {
        const revisedFile = `${c.file}.revised`;
        fs.writeFileSync(revisedFile, reviseCatalog(c, 0.01, '2026-12-03', 1).text);
        return { ...c, file: revisedFile };
      }));
      floor = loaded.store;
      result.floor = { loadMs: loaded.ms, rssDelta: loaded.rssDelta };
      progress(`floor loaded in ${ms(loaded.ms)}: ${int(floor.size)} quads`);
    } else {
      result.floor = { skipped: `${int(data.triples)} triples are past what one Oxigraph instance in this process holds (MAX_QUADS ${int(MAX_QUADS)})` };
    }

    const region = published[0]!;
    const { queries, skipped } = scaleQueryMix(region.datasets[0]!, `${BASE_URL}/catalogs/${region.id}`);
    if (skipped) notes.push(skipped);
    progress(`query mix, sequential: ${queries.length} queries × ${options.runs}`);
    result.sequential = await sequentialMix(server.url, floor, queries, options.runs);
    floor = undefined; // let the floor's memory go before the concurrent part

    const usable = queries.filter((q) => {
      const figure = result.sequential.find((f) => f.name === q.name);
      return figure && !figure.error && figure.server.median < 10_000;
    });
    progress(`query mix, ${options.clients} concurrent clients (${usable.length} queries under 10 s each)`);
    result.concurrent = await concurrentMix(server.url, usable, options.clients, 2);

    progress('portal reads: search, /catalog walk, RDF/XML per organisation');
    result.reads = await portalReads(server.url, published, result.quadsStored ? data.datasets : 0, Math.max(3, Math.round(options.runs / 2)));

    progress('clean restart');
    await server.stop();
    server = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server.log'), env });
    const allReplicasMs = await server.allReplicasReady();
    result.restart = { readyMs: server.readyMs, allReplicasMs, rss: server.memory()?.rss ?? NaN };
    // Quality graphs follow the catalogs a moment after each write: count what the dump will hold.
    const quadsDumped = Number((await server.health()).quads);
    progress(`restarted: ready in ${ms(server.readyMs)}, every replica in ${ms(allReplicasMs)}`);
    await server.stop();
    result.dataDirBytes = directoryBytes(dataDir);

    progress('backup and restore: dump, then restore into an empty directory, then start on it');
    const dumpFile = path.join(runDir, 'backup.nq');
    const dumpMs = await cli(['dump'], dataDir, dumpFile);
    const restoredDir = path.join(runDir, 'restored');
    const restoreMs = await cli(['restore', dumpFile], restoredDir);
    server = await BenchServer.start({ dataDir: restoredDir, logFile: path.join(runDir, 'server.log'), env });
    const restoredQuads = Number((await server.health()).quads);
    if (restoredQuads !== quadsDumped) throw new Error(`the restored store holds ${restoredQuads} quads, the dumped one ${quadsDumped}`);
    result.backup = { quads: quadsDumped, dumpMs, dumpBytes: fs.statSync(dumpFile).size, restoreMs, restoredReadyMs: server.readyMs };
    await server.stop();
    progress(`dump ${ms(dumpMs)}, restore ${ms(restoreMs)}`);
  } finally {
    clearInterval(loadTimer);
    killAllServers();
  }
  result.machine = `${os.cpus()[0]?.model.trim()} × ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; 1-min load ${loadStart.toFixed(1)} at start, ${loadMax.toFixed(1)} at most`;

  const markdown = report(result);
  process.stdout.write(markdown);
  fs.writeFileSync(path.join(options.out, `scale-bench-${scale.name}-${stamp}.md`), markdown);
  fs.writeFileSync(path.join(options.out, `scale-bench-${scale.name}-${stamp}.json`), JSON.stringify(result, null, 1));
  if (!options.keepData) fs.rmSync(runDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the report

function report(r: ScaleResult): string {
  const lines: string[] = [];
  const { scale, data } = r;
  lines.push(`### Scale: ${scale.name} (${int(data.organisations)} organisations, ${int(data.datasets)} datasets, ${int(data.triples)} triples), embedded store`, '');
  lines.push(`${r.startedAt.slice(0, 16).replace('T', ' ')} UTC. ${r.machine}.${scale.note ? ` A try: ${scale.note}.` : ''}`, '');
  lines.push('| workload | figure | notes |', '| --- | ---: | --- |');
  const pub = r.publish;
  lines.push(`| publish every catalog through the API | ${ms(pub.totalMs)} | ${pub.stored} catalogs, ${options.publishers} at a time; per PUT median ${ms(pub.requests.median)}, max ${ms(pub.requests.max)}${scale.name === 'national' ? '; target ≤ 5 min' : ''} |`);
  if (r.republish) lines.push(`| re-publish, 1 % revised | ${ms(r.republish.totalMs)} | ${int(r.republish.changedDatasets)} datasets revised; per PUT median ${ms(r.republish.requests.median)} |`);
  lines.push(`| quads stored | ${int(r.quadsStored)} | |`);
  if (r.memoryAfterPublish) lines.push(`| server RSS after publishing | ${mb(r.memoryAfterPublish.rss)} | peak ${mb(r.memoryAfterPublish.hwm)}; ${r.quadsStored ? Math.round(r.memoryAfterPublish.rss / r.quadsStored) : '–'} bytes per quad |`);
  if (r.concurrent) {
    const c = r.concurrent;
    lines.push(`| query mix, ${c.clients} concurrent clients | ${c.perSecond.toFixed(1)} queries/s | ${c.queries} queries in ${ms(c.wallMs)}, latency median ${ms(c.latency.median)}, p95 ${ms(c.latency.p95)}, ${c.failed} failed |`);
  }
  if (r.reads) {
    lines.push(`| search (JSON) | ${ms(r.reads.search.median)} median | p95 ${ms(r.reads.search.p95)} |`);
    lines.push(`| /catalog walk, pages of 1,000 | ${ms(r.reads.catalogWalk.totalMs)} | ${r.reads.catalogWalk.pages} pages, median ${ms(r.reads.catalogWalk.page.median)} |`);
    lines.push(`| every organisation's catalog as RDF/XML | ${ms(r.reads.rdfXml.totalMs)} | ${r.reads.rdfXml.catalogs} catalogs, median ${ms(r.reads.rdfXml.request.median)}, largest ${r.reads.rdfXml.largest.id} ${mb(r.reads.rdfXml.largest.bytes)} in ${ms(r.reads.rdfXml.largest.ms)} |`);
  }
  if (r.restart) lines.push(`| clean restart | ${ms(r.restart.readyMs)} to /healthz 200 | every replica ready after ${ms(r.restart.allReplicasMs)}; RSS ${mb(r.restart.rss)} |`);
  if (r.backup) lines.push(`| backup: dump, then restore into an empty directory | ${ms(r.backup.dumpMs)} + ${ms(r.backup.restoreMs)} | dump ${mb(r.backup.dumpBytes)}; ${int(r.backup.quads)} quads, restore ${int(Math.round(r.backup.quads / (r.backup.restoreMs / 1000)))} quads/s; the restored store ready in ${ms(r.backup.restoredReadyMs)}, same quad count |`);
  lines.push(`| data directory | ${mb(r.dataDirBytes)} | ${r.quadsStored ? Math.round(r.dataDirBytes / r.quadsStored) : '–'} bytes per quad |`);
  if (r.floor && 'loadMs' in r.floor) lines.push(`| floor: Oxigraph in process, load | ${ms(r.floor.loadMs)} | RSS +${mb(r.floor.rssDelta)} |`);
  lines.push('');

  lines.push(`Query mix, one at a time (${options.runs} runs each; /sparql ÷ Oxigraph in process; target ≤ 1.15× at the median on queries over 10 ms in process):`, '');
  lines.push('| query | /sparql median | p95 | in process median | ratio | result |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const f of r.sequential) {
    if (f.error) {
      lines.push(`| ${f.name} | failed | | | | ${f.error.replace(/\|/g, '\\|')} |`);
      continue;
    }
    const ratio = f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×${f.inProcess!.median >= 10 ? '' : ' (under 10 ms)'}`;
    lines.push(`| ${f.name} | ${ms(f.server.median)} | ${ms(f.server.p95)} | ${f.inProcess ? ms(f.inProcess.median) : '–'} | ${ratio} | ${int(f.bytes)} B |`);
  }
  const counted = r.sequential.filter((f) => f.ratio !== undefined && f.inProcess!.median >= 10);
  if (counted.length) {
    const ratios = counted.map((f) => f.ratio!);
    lines.push('', `Over 10 ms in process: ${counted.length} queries, ratio median ${percentile(ratios, 50).toFixed(2)}×, worst ${Math.max(...ratios).toFixed(2)}× (${counted.filter((f) => f.ratio! <= 1.15).length} of ${counted.length} within 1.15×).`);
  }
  if (r.floor && 'skipped' in r.floor) lines.push('', `No in-process floor: ${r.floor.skipped}.`);
  for (const note of r.notes) lines.push('', note);
  lines.push('');
  return lines.join('\n');
}

process.on('SIGINT', () => {
  killAllServers();
  process.exit(130);
});

run().catch(async (error: Error) => {
  killAllServers();
  process.stderr.write(`scale bench failed: ${error.stack ?? error.message}\n`);
  await sleep(10);
  process.exit(1);
});
