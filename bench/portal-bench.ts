/**
 * Portal reads over HTTP (issue 7, "Speed"): the real server with a generated region of `--datasets` datasets
 * (default 50,000; `generateRegion` in src/demo/region-generator.ts, the project's one generator) published through
 * `PUT /catalogs/{id}` with the admin token, then the search page, the home page, `/catalog` pages and dataset pages,
 * each beside the same question asked of `/sparql` on the same server.
 *
 *   npm run bench:portal -- [--datasets 50000] [--runs 30] [--sparql-runs 10] [--out bench/out] [--keep-data]
 *
 * Requests go one at a time over one keep-alive connection (fetch), one untimed warm-up then the timed runs; each
 * time is request start → whole body read. The targets: search page with facets ≤ 50 ms, home ≤ 50 ms, a `/catalog`
 * page of 100 ≤ 50 ms, a dataset page ≤ 20 ms (median and p90). Prints Markdown on stdout and writes it with the raw
 * figures to `<out>/portal-bench-<date>.{md,json}`; the server's log stays in `<out>/portal-run-…/server.log`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchServer, ADMIN_TOKEN, killAllServers } from './server-process.js';
import { benchOptions, directory, positiveInteger } from './cli-options.js';
import { now, percentile, sleep, int, load1 } from './stats.js';
import { catalogPageQuery, datasetsConstruct, HOME_QUERY, searchQuery, type SearchMatch } from './portal-queries.js';
import { generateRegion } from '../src/demo/region-generator.js';
import { catalogGraph } from '../src/catalogs/catalog-id.js';
import { catalogNodeConstruct, iriTerm } from '../src/catalogs/dataset-page.js';

// ---------------------------------------------------------------- options

interface Options {
  datasets: number;
  runs: number;
  sparqlRuns: number;
  out: string;
  keepData: boolean;
}

const options = benchOptions<Options>('npm run bench:portal --', (command) =>
  command
    .option('--datasets <n>', 'datasets in the generated region', positiveInteger, 50_000)
    .option('--runs <k>', 'timed runs per portal request', positiveInteger, 30)
    .option('--sparql-runs <k>', 'timed runs per SPARQL counterpart (they can take seconds each)', positiveInteger, 10)
    .option('--out <dir>', 'output directory', directory, path.resolve('bench/out'))
    .option('--keep-data', "keep the server's DATA_DIR after the run", false),
);

/** What IRIs are minted from; the server listens on a random port, so URLs under it are rewritten to that port. */
const BASE_URL = 'http://localhost:3030';
const EU = 'http://publications.europa.eu/resource/authority/';
const TARGET = { search: 50, home: 50, catalog: 50, dataset: 20 } as const;

// ---------------------------------------------------------------- helpers

function progress(message: string): void {
  process.stderr.write(`[portal-bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const fmt = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

interface Sample {
  status: number;
  bytes: number;
  /** Request start → status line and headers. */
  headersMs: number;
  /** Request start → whole body read. */
  ms: number;
  contentType: string;
  serverTiming: Record<string, number>;
}

async function get(url: string, headers: Record<string, string>): Promise<Sample> {
  const started = now();
  const res = await fetch(url, { headers });
  const headersMs = now() - started;
  const body = await res.arrayBuffer();
  return {
    status: res.status,
    bytes: body.byteLength,
    headersMs,
    ms: now() - started,
    contentType: res.headers.get('content-type') ?? '',
    serverTiming: parseServerTiming(res.headers.get('server-timing')),
  };
}

/** `index;dur=1.2, render;dur=3.4` → { index: 1.2, render: 3.4 }. */
function parseServerTiming(header: string | null): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const entry of String(header ?? '').split(',')) {
    const match = /^\s*([\w-]+);dur=([\d.]+)/.exec(entry);
    if (match) steps[match[1]!] = Number(match[2]);
  }
  return steps;
}

interface Figures {
  runs: number;
  status: number;
  bytes: number;
  contentType: string;
  median: number;
  p90: number;
  min: number;
  max: number;
  headersMedian: number;
  /** Median of each Server-Timing step, when the server sent any. */
  serverTiming: Record<string, number>;
  samples: number[];
}

/**
 * One warm-up, then `runs` timed requests; `urls` are taken in turn (several datasets, so no single one stays hot).
 * A non-200 answer stops the row and is reported as such (an HTML page that is not served yet answers 406).
 */
async function measure(urls: string[], headers: Record<string, string>, runs: number): Promise<Figures> {
  const warm = await get(urls[0]!, headers);
  const failed = (s: Sample): Figures => ({ runs: 0, status: s.status, bytes: s.bytes, contentType: s.contentType, median: NaN, p90: NaN, min: NaN, max: NaN, headersMedian: NaN, serverTiming: {}, samples: [] });
  if (warm.status !== 200) return failed(warm);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await get(urls[i % urls.length]!, headers);
    if (s.status !== 200) return failed(s);
    samples.push(s);
  }
  const ms = samples.map((s) => s.ms);
  const steps = new Set(samples.flatMap((s) => Object.keys(s.serverTiming)));
  return {
    runs,
    status: 200,
    bytes: Math.round(samples.reduce((n, s) => n + s.bytes, 0) / samples.length),
    contentType: warm.contentType,
    median: percentile(ms, 50),
    p90: percentile(ms, 90),
    min: Math.min(...ms),
    max: Math.max(...ms),
    headersMedian: percentile(samples.map((s) => s.headersMs), 50),
    serverTiming: Object.fromEntries([...steps].map((step) => [step, percentile(samples.map((s) => s.serverTiming[step] ?? 0), 50)])),
    samples: ms,
  };
}

/** Until the server's threads together used under 5 % of a core for two seconds running (compaction, extraction). */
async function quiet(server: BenchServer, timeoutMs = 900_000): Promise<number> {
  const started = now();
  const cpu = () => [...server.threadCpu().values()].reduce((a, b) => a + b, 0);
  let calm = 0;
  let before = cpu();
  while (calm < 2 && now() - started < timeoutMs) {
    await sleep(1000);
    const after = cpu();
    calm = after - before < 50 ? calm + 1 : 0;
    before = after;
  }
  return now() - started;
}

// ---------------------------------------------------------------- the run

interface Row {
  group: keyof typeof TARGET;
  label: string;
  path: string;
  accept: string;
  sparql: string;
  portal: Figures;
}

async function run(): Promise<{ markdown: string; json: unknown }> {
  const date = new Date().toISOString();
  const loadAvg = { start: load1(), max: load1(), end: NaN };
  const sampler = setInterval(() => (loadAvg.max = Math.max(loadAvg.max, load1())), 2000).unref();
  const runDir = path.join(options.out, `portal-run-${date.replace(/[:.]/g, '-')}`);
  const dataDir = path.join(runDir, 'data-dir');
  fs.mkdirSync(runDir, { recursive: true });

  progress(`generating ${int(options.datasets)} datasets`);
  let t = now();
  const region = generateRegion({ datasets: options.datasets, syntax: 'ntriples', baseUrl: BASE_URL });
  const generateMs = now() - t;
  const bytes = region.catalogs.reduce((n, c) => n + Buffer.byteLength(c.text), 0);
  const triples = region.catalogs.reduce((n, c) => n + c.text.split('\n').length - 1, 0);
  progress(`${region.catalogs.length} catalogs, ${int(triples)} triples, ${(bytes / 1e6).toFixed(0)} MB N-Triples, in ${(generateMs / 1000).toFixed(1)} s`);

  // `modified_since` selects by when the server saw a dataset change, so the bench notes the time before the PUTs of
  // the last tenth of the datasets. The SPARQL counterpart has only dct:modified: it filters by the date that about a
  // tenth of the datasets are modified on or after, a subset of the same size.
  const modifiedDates = region.catalogs.flatMap((c) => c.datasets.map((d) => d.modified)).sort();
  const sparqlSince = modifiedDates[Math.floor(modifiedDates.length * 0.9)]!;
  const sparqlSinceCount = modifiedDates.filter((d) => d >= sparqlSince).length;
  let since = '';
  let sinceCount = 0;

  progress('starting the server');
  // Big PUTs (the largest catalogs hold thousands of datasets) take longer than the default 30 s query timeout.
  const server = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server.log'), env: { BASE_URL, QUERY_TIMEOUT_MS: '900000' } });
  const local = (url: string) => (url.startsWith(BASE_URL) ? server.url + url.slice(BASE_URL.length) : url);
  progress(`server ${server.url} (BASE_URL ${BASE_URL})`);

  t = now();
  const putMs: { id: string; datasets: number; ms: number }[] = [];
  let published = 0;
  for (const [i, catalog] of region.catalogs.entries()) {
    if (!since && (published >= options.datasets * 0.9 || i === region.catalogs.length - 1)) {
      since = new Date().toISOString();
      sinceCount = options.datasets - published;
      await sleep(5); // the stamp strictly before the next write's
    }
    published += catalog.datasets.length;
    const started = now();
    const res = await fetch(`${server.url}/catalogs/${catalog.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': catalog.mediaType },
      body: catalog.text,
    });
    const text = await res.text();
    if (res.status !== 201 && res.status !== 204) throw new Error(`PUT /catalogs/${catalog.id}: ${res.status} ${text.slice(0, 4000)}`);
    putMs.push({ id: catalog.id, datasets: catalog.datasets.length, ms: now() - started });
    if (catalog.datasets.length >= 1000) progress(`PUT ${catalog.id}: ${int(catalog.datasets.length)} datasets in ${((now() - started) / 1000).toFixed(1)} s`);
  }
  const publishMs = now() - t;
  progress(`published in ${(publishMs / 1000).toFixed(1)} s; waiting for the search index`);

  t = now();
  for (;;) {
    const search = (await server.health()).search as { state: string; pending: number; datasets: number };
    if (search.state === 'ready' && search.pending === 0) break;
    if (!server.alive) throw new Error('the server exited');
    await sleep(500);
  }
  const indexMs = now() - t;
  await server.allReplicasReady();
  const quietMs = await quiet(server);
  const health = await server.health();
  progress(`search index ready ${(indexMs / 1000).toFixed(1)} s after the last PUT (${JSON.stringify(health.search)}); quiet after ${(quietMs / 1000).toFixed(1)} s more`);

  // The server's own count for modified_since (hydra:totalItems), in case it saw some datasets change later.
  const sinceProbe = await (await fetch(`${server.url}/catalog?page=1&pageSize=1&modified_since=${encodeURIComponent(since)}`, { headers: { Accept: 'application/n-triples' } })).text();
  const serverSinceCount = Number(/hydra\/core#totalItems> "(\d+)"/.exec(sinceProbe)?.[1] ?? NaN);
  if (serverSinceCount !== sinceCount) progress(`modified_since=${since}: the server counts ${serverSinceCount} datasets, the bench expected ${sinceCount}`);
  if (Number.isInteger(serverSinceCount)) sinceCount = serverSinceCount;

  // Datasets to open: the first results of a search (JSON `url`: the IRI under BASE_URL, else /resource?iri=).
  const found = (await (await fetch(`${server.url}/search?q=skola&pageSize=10`, { headers: { Accept: 'application/json' } })).json()) as {
    total: number;
    results: { iri: string; url: string; catalog: string }[];
  };
  const picked = found.results.slice(0, 5);
  if (picked.length === 0) throw new Error('/search?q=skola found nothing');

  const sparqlFigures = new Map<string, Figures>();
  const sparql = async (key: string, queries: string[], accept: string) => {
    if (!sparqlFigures.has(key)) {
      const urls = queries.map((q) => `${server.url}/sparql?query=${encodeURIComponent(q)}`);
      sparqlFigures.set(key, await measure(urls, { Accept: accept }, options.sparqlRuns));
    }
    return sparqlFigures.get(key)!;
  };
  const SPARQL_JSON = 'application/sparql-results+json';
  const counterparts: Record<string, () => Promise<Figures>> = {
    'search skola': () => sparql('search skola', [searchQuery({ words: ['skol'] }, 'title')], SPARQL_JSON),
    'search laddstolpe': () => sparql('search laddstolpe', [searchQuery({ words: ['laddstolp'] }, 'title')], SPARQL_JSON),
    'search filter': () =>
      sparql('search filter', [searchQuery({ graph: catalogGraph(BASE_URL, 'goteborg'), theme: `${EU}data-theme/TRAN` } satisfies SearchMatch, 'modified')], SPARQL_JSON),
    home: () => sparql('home', [HOME_QUERY], SPARQL_JSON),
    'catalog first': () => sparql('catalog first', [catalogPageQuery(0, 100)], 'text/turtle'),
    'catalog middle': () => sparql('catalog middle', [catalogPageQuery(pageOffset(middle), 100)], 'text/turtle'),
    'catalog last': () => sparql('catalog last', [catalogPageQuery(pageOffset(last), 100)], 'text/turtle'),
    'catalog since first': () => sparql('catalog since first', [catalogPageQuery(0, 100, sparqlSince)], 'text/turtle'),
    'catalog since last': () => sparql('catalog since last', [catalogPageQuery(pageOffset(sparqlSinceLast), 100, sparqlSince)], 'text/turtle'),
    dataset: () => sparql('dataset', picked.map((d) => datasetsConstruct(catalogGraph(BASE_URL, d.catalog), [d.iri])), 'text/turtle'),
  };
  const total = options.datasets;
  const last = Math.max(1, Math.ceil(total / 100));
  const middle = Math.max(1, Math.ceil(last / 2));
  const sinceLast = Math.max(1, Math.ceil(sinceCount / 100));
  const sparqlSinceLast = Math.max(1, Math.ceil(sparqlSinceCount / 100));
  const sinceParam = encodeURIComponent(since);
  const pageOffset = (page: number) => (page - 1) * 100;

  const HTML = 'text/html';
  const JSON_TYPE = 'application/json';
  const TTL = 'text/turtle';
  const plan: Omit<Row, 'portal'>[] = [
    { group: 'search', label: 'search q=skola', path: '/search?q=skola', accept: JSON_TYPE, sparql: 'search skola' },
    { group: 'search', label: 'search q=skola', path: '/search?q=skola', accept: HTML, sparql: 'search skola' },
    { group: 'search', label: 'search q=laddstolpe', path: '/search?q=laddstolpe', accept: JSON_TYPE, sparql: 'search laddstolpe' },
    { group: 'search', label: 'search q=laddstolpe', path: '/search?q=laddstolpe', accept: HTML, sparql: 'search laddstolpe' },
    { group: 'search', label: 'search organisation=goteborg theme=TRAN sort=modified', path: '/search?q=&organisation=goteborg&theme=TRAN&sort=modified', accept: JSON_TYPE, sparql: 'search filter' },
    { group: 'search', label: 'search organisation=goteborg theme=TRAN sort=modified', path: '/search?q=&organisation=goteborg&theme=TRAN&sort=modified', accept: HTML, sparql: 'search filter' },
    { group: 'home', label: 'home /', path: '/', accept: HTML, sparql: 'home' },
    { group: 'catalog', label: 'catalog page 1', path: '/catalog?page=1&pageSize=100', accept: TTL, sparql: 'catalog first' },
    { group: 'catalog', label: 'catalog page 1', path: '/catalog?page=1&pageSize=100', accept: 'application/n-triples', sparql: 'catalog first' },
    { group: 'catalog', label: `catalog page ${middle} (middle)`, path: `/catalog?page=${middle}&pageSize=100`, accept: TTL, sparql: 'catalog middle' },
    { group: 'catalog', label: `catalog page ${last} (last)`, path: `/catalog?page=${last}&pageSize=100`, accept: TTL, sparql: 'catalog last' },
    { group: 'catalog', label: `catalog modified_since (${int(sinceCount)} datasets) page 1`, path: `/catalog?page=1&pageSize=100&modified_since=${sinceParam}`, accept: TTL, sparql: 'catalog since first' },
    { group: 'catalog', label: `catalog modified_since page ${sinceLast} (last)`, path: `/catalog?page=${sinceLast}&pageSize=100&modified_since=${sinceParam}`, accept: TTL, sparql: 'catalog since last' },
    { group: 'dataset', label: 'dataset page', path: '', accept: HTML, sparql: 'dataset' },
    { group: 'dataset', label: 'dataset page', path: '', accept: TTL, sparql: 'dataset' },
  ];

  // The floor: one HTTP round trip that touches neither a replica nor the index.
  const floor = await measure([`${server.url}/healthz`], {}, options.runs);
  const rows: (Row & { sparqlFigures: Figures })[] = [];
  for (const step of plan) {
    const urls = step.group === 'dataset' ? picked.map((d) => local(d.url)) : [`${server.url}${step.path}`];
    progress(`${step.label} (${step.accept})`);
    const portal = await measure(urls, { Accept: step.accept }, options.runs);
    const counterpart = await counterparts[step.sparql]!();
    rows.push({ ...step, path: step.group === 'dataset' ? urls.map((u) => u.slice(server.url.length)).join(' ') : step.path, portal, sparqlFigures: counterpart });
  }
  const parts = await catalogPageParts(server.url, region.catalogs, options.runs);
  const memory = server.memory();
  const problems = server.problems();
  clearInterval(sampler);
  loadAvg.end = load1();
  await server.stop();
  if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });

  // ------------------------------------------------ report
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length} CPUs (nproc ${os.availableParallelism()}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}; 1-min load average ${loadAvg.start.toFixed(1)} at start, ${loadAvg.max.toFixed(1)} at most, ${loadAvg.end.toFixed(1)} at end`;
  const md: string[] = [];
  md.push(`### Portal reads, ${int(options.datasets)} datasets (${date.slice(0, 16).replace('T', ' ')} UTC)`, '');
  md.push(`Machine: ${machine}.`, '');
  md.push(
    `Data: \`generateRegion\` (seed ${region.seed}), ${region.catalogs.length} catalogs, ${int(triples)} triples (${(bytes / 1e6).toFixed(0)} MB N-Triples), generated in ${(generateMs / 1000).toFixed(1)} s; ` +
      `published by ${region.catalogs.length} \`PUT /catalogs/{id}\` in ${(publishMs / 1000).toFixed(1)} s (largest: ${[...putMs].sort((a, b) => b.ms - a.ms).slice(0, 3).map((p) => `${p.id} ${int(p.datasets)} datasets ${(p.ms / 1000).toFixed(1)} s`).join(', ')}); ` +
      `search index ready ${(indexMs / 1000).toFixed(1)} s after the last PUT (${int(Number((health.search as { datasets?: number }).datasets))} datasets). ` +
      `Server RSS at the end ${memory ? `${(memory.rss / 2 ** 20).toFixed(0)} MiB (peak ${(memory.hwm / 2 ** 20).toFixed(0)} MiB)` : 'unknown'}.`,
    '',
  );
  md.push(
    `${options.runs} timed runs per request (${options.sparqlRuns} per SPARQL counterpart) after one warm-up, one at a time on a keep-alive connection; ms from request start to the whole body read. ` +
      `Floor: \`GET /healthz\` median ${fmt(floor.median)} ms, p90 ${fmt(floor.p90)} ms. Ratio = SPARQL median / portal median. Dataset rows rotate over ${picked.length} datasets found by \`q=skola\`.`,
    '',
  );
  md.push('| request | Accept | status | KB | median | p90 | min | max | target | met | SPARQL median | SPARQL p90 | ratio |');
  md.push('|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|');
  for (const row of rows) {
    const p = row.portal;
    const s = row.sparqlFigures;
    const target = TARGET[row.group];
    const met = p.status !== 200 ? '–' : p.median <= target && p.p90 <= target ? 'yes' : p.median <= target ? 'median only' : 'no';
    const status = p.status === 200 ? '200' : `**${p.status}**`;
    md.push(
      `| ${row.label} | ${row.accept} | ${status} | ${(p.bytes / 1024).toFixed(1)} | ${fmt(p.median)} | ${fmt(p.p90)} | ${fmt(p.min)} | ${fmt(p.max)} | ≤ ${target} | ${met} | ` +
        `${s.status === 200 ? fmt(s.median) : `**${s.status}**`} | ${fmt(s.p90)} | ${p.status === 200 && s.status === 200 ? `${(s.median / p.median).toFixed(1)}×` : '–'} |`,
    );
  }
  md.push('');
  md.push(
    `What a \`/catalog\` page (page 1 of 100) would cost a client asking the store: the server lists the page from the dataset ` +
      `index, reads its datasets' descriptions from the index's text files and each sub-catalog's node from text it keeps per ` +
      `catalog version, sorts the lines and writes the syntax; no store query runs. The same content asked of \`/sparql\` one query ` +
      `at a time as N-Triples, summed per run (each also pays an HTTP round trip, floor above): the ${parts.catalogs} catalog nodes ` +
      `median ${fmt(parts.nodes.median)} ms (p90 ${fmt(parts.nodes.p90)}), the datasets of the ${parts.datasetGraphs} catalog graph(s) ` +
      `median ${fmt(parts.datasets.median)} ms (p90 ${fmt(parts.datasets.p90)}).`,
    '',
  );
  const timed = rows.filter((r) => Object.keys(r.portal.serverTiming).length > 0);
  if (timed.length) {
    md.push('Server-Timing medians (ms), where the server sends them:', '');
    for (const row of timed) md.push(`- ${row.label} (${row.accept}): ${Object.entries(row.portal.serverTiming).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}; time to headers ${fmt(row.portal.headersMedian)}`);
    md.push('');
  }
  if (problems.length) {
    md.push(`Server warnings/errors (${problems.length}): ${problems.slice(0, 5).map((l) => `\`${String(l.msg)}\``).join(', ')}`, '');
  }
  const json = { date, machine, loadAvg, options, region: { seed: region.seed, catalogs: region.catalogs.length, triples, bytes, generateMs }, putMs, publishMs, indexMs, since, sinceCount, sparqlSince, sparqlSinceCount, floor, rows, catalogPageParts: parts, memory, problems };
  return { markdown: md.join('\n'), json };
}

/**
 * What a `/catalog` page (page 1 of 100) holds, asked of `/sparql` one query at a time and summed per run: the node of
 * every public catalog (`catalogNodeConstruct`, which the server keeps as text per catalog version) and the page's
 * datasets per catalog graph (`datasetsConstruct`; the server reads them from the dataset index).
 */
async function catalogPageParts(url: string, catalogs: { id: string; catalogIri: string }[], runs: number) {
  const page = await (await fetch(`${url}/catalog?page=1&pageSize=100`, { headers: { Accept: 'application/n-triples' } })).text();
  const member = `${iriTerm(`${BASE_URL}/catalog`)} <http://www.w3.org/ns/dcat#dataset> <`;
  const datasets = page.split('\n').filter((l) => l.startsWith(member)).map((l) => l.slice(member.length, l.lastIndexOf('>')));
  const located = (await (
    await fetch(`${url}/sparql?query=${encodeURIComponent(`SELECT ?d ?g WHERE { VALUES ?d { ${datasets.map(iriTerm).join(' ')} } GRAPH ?g { ?d a <http://www.w3.org/ns/dcat#Dataset> } }`)}`, {
      headers: { Accept: 'application/sparql-results+json' },
    })
  ).json()) as { results: { bindings: { d: { value: string }; g: { value: string } }[] } };
  const byGraph = new Map<string, string[]>();
  for (const row of located.results.bindings) byGraph.set(row.g.value, [...(byGraph.get(row.g.value) ?? []), row.d.value]);
  const nodeQueries = catalogs.map((c) => catalogNodeConstruct(catalogGraph(BASE_URL, c.id), c.catalogIri));
  const datasetQueries = [...byGraph].map(([graph, ds]) => datasetsConstruct(graph, ds));
  const sum = async (queries: string[]) => {
    const t = now();
    for (const q of queries) {
      const res = await fetch(`${url}/sparql?query=${encodeURIComponent(q)}`, { headers: { Accept: 'application/n-triples' } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`/sparql answered ${res.status} to a /catalog part`);
    }
    return now() - t;
  };
  const summed = async (queries: string[]) => {
    await sum(queries);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await sum(queries));
    return { median: percentile(samples, 50), p90: percentile(samples, 90), samples };
  };
  return { catalogs: nodeQueries.length, datasetGraphs: datasetQueries.length, datasetsOnPage: datasets.length, nodes: await summed(nodeQueries), datasets: await summed(datasetQueries) };
}

async function main(): Promise<void> {
  process.on('exit', killAllServers);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAllServers();
      process.exit(130);
    });
  }
  fs.mkdirSync(options.out, { recursive: true });
  const { markdown, json } = await run();
  const stem = path.join(options.out, `portal-bench-${options.datasets}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.writeFileSync(`${stem}.md`, markdown);
  fs.writeFileSync(`${stem}.json`, JSON.stringify(json, null, 1));
  process.stdout.write(`\n${markdown}\n`);
  progress(`written ${stem}.md and .json`);
}

main().catch((error: unknown) => {
  killAllServers();
  process.stderr.write(`portal bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
