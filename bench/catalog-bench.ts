/**
 * Catalog writes over HTTP: the real server (dist/src/main.js, fresh DATA_DIR under the output directory), the admin
 * token, generated DCAT-AP 3 catalogs (test/validation/catalog-generator.ts) published as organisation `goteborg`.
 *
 *   npm run build && node dist/bench/catalog-bench.js [--runs 5] [--out bench/out] [--small 1000] [--large 10000]
 *                                                     [--settle-ms 300] [--keep-data] [--profile dcat-ap-3]
 *
 * Cases (each `--runs` times, separate catalog ids where a case needs a catalog it has not seen):
 *   a. PUT of a new 1,000-dataset catalog, as N-Triples and as Turtle (goteborg-nt-N, goteborg-ttl-N)
 *   b. PUT of a new 10,000-dataset catalog as N-Triples (goteborg, goteborg-a, goteborg-b, …)
 *   c. re-PUT of goteborg with 10 datasets changed (the whole 10,000-dataset text again); then the same as Turtle
 *   d. POST of one new dataset (with its dcat:dataset link) into goteborg
 *   e. SIGTERM, restart: (e0) a POST into goteborg as soon as the server is ready, while it still reads the catalogs
 *      back (WARM_CATALOGS); then, once they are prepared, the first POST of one new dataset into each 10k catalog
 * Interleaved with the cases, for the breakdown: (a), (b) the same N-Triples as `PUT /store?graph=…` (parse,
 * journal, replicas; no structure check, no validation) and as `POST /validate?profile=dcat-ap-3` (parse and
 * validation, nothing stored); (c) the same text PUT over /store onto a graph that holds a copy of the catalog (the
 * store's replace); (d) the same dataset POSTed over /store into that copy; after (e) `GET /catalogs/{id}.nt` (the read-back a POST does without cached text). Before the server starts, the parts are also timed in this process: parsing as the parser pool
 * does, the structure check, Oxigraph loading the graph, and an append + fdatasync of the journal record's size.
 *
 * Between timed requests the bench waits until both replicas and compaction are idle (two concurrent ASK queries
 * answered, each replica takes one), so each figure is one write on a quiet server. Every write must answer 201 or
 * 204; anything else (a 422 means the generated catalog does not conform) prints the response and stops the bench.
 * Prints Markdown (for bench/RESULTS.md) and writes it with the raw figures to `<out>/catalog-bench-<date>.{md,json}`.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import N3 from 'n3';
import ox from 'oxigraph';
import { BenchServer, ADMIN_TOKEN, killAllServers, type LogLine } from './server-process.js';
import { benchOptions, directory, nonNegativeInteger, positiveInteger } from './cli-options.js';
import { collectGarbage, directoryBytes, now, sleep, int, load1 } from './stats.js';
import { catalogNTriples, datasetNTriples, PUBLISHER_IRI } from '../test/validation/catalog-generator.js';
import { parseToNTriples } from '../src/rdf/parse.js';
import { checkCatalogStructure } from '../src/catalogs/catalog-structure.js';

// ---------------------------------------------------------------- options

interface Options {
  runs: number;
  out: string;
  small: number;
  large: number;
  settleMs: number;
  keepData: boolean;
  /** The profile new catalogs are created with; absent: the server's default (DCAT-AP-SE). */
  profile?: string;
}

function parseOptions(): Options {
  return benchOptions<Options>('node dist/bench/catalog-bench.js', (command) =>
    command
      .option('--runs <k>', 'runs per case', positiveInteger, 5)
      .option('--out <dir>', 'output directory', directory, path.resolve('bench/out'))
      .option('--small <n>', 'datasets of the small catalogs', positiveInteger, 1000)
      .option('--large <n>', 'datasets of the large catalogs', positiveInteger, 10000)
      .option('--settle-ms <ms>', 'pause before each timed request', nonNegativeInteger, 300)
      .option('--keep-data', "keep the server's DATA_DIR after the run", false)
      .option('--profile <id>', "create the catalogs with this validation profile (default: the server's, dcat-ap-se)"),
  );
}

// ---------------------------------------------------------------- helpers

function progress(message: string): void {
  process.stderr.write(`[catalog-bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** One HTTP exchange with client-side timings: body handed to the kernel, response headers, response end. */
interface Exchange {
  status: number;
  body: string;
  /** Request start → the whole request body written to the socket (the server reads it as it arrives). */
  sentMs: number;
  /** Request start → response status line and headers. */
  headersMs: number;
  /** Request start → response body read. */
  ms: number;
  /** The server's own account of a catalog write: `Server-Timing` as milliseconds per step. */
  serverTiming: Record<string, number>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function exchange(url: string, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const started = now();
    let sentMs = NaN;
    let headersMs = NaN;
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const req = http.request(url, { method, agent, headers: { ...headers, ...(payload ? { 'Content-Length': String(payload.length) } : {}) } }, (res) => {
      headersMs = now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const serverTiming = parseServerTiming(res.headers['server-timing']);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sentMs, headersMs, ms: now() - started, serverTiming }));
      res.on('error', reject);
    });
    req.on('finish', () => (sentMs = now() - started));
    req.on('error', reject);
    req.end(payload);
  });
}

/** `parse;dur=1.2, store;dur=3.4` → { parse: 1.2, store: 3.4 }. */
function parseServerTiming(header: string | string[] | undefined): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const entry of String(header ?? '').split(',')) {
    const match = /^\s*([\w-]+);dur=([\d.]+)/.exec(entry);
    if (match) steps[match[1]!] = Number(match[2]);
  }
  return steps;
}

class NotAccepted extends Error {}

/** A write must answer 201 or 204; anything else is printed in full and stops the bench. */
function mustSucceed(r: Exchange, what: string, ok = [201, 204]): Exchange {
  if (!ok.includes(r.status)) {
    let shown = r.body;
    try {
      shown = JSON.stringify(JSON.parse(r.body), null, 1);
    } catch {
      // not JSON
    }
    process.stderr.write(`\n${what}: HTTP ${r.status}${r.status === 422 ? ' — the generated catalog does not conform' : ''}\n${shown.slice(0, 20_000)}\n`);
    throw new NotAccepted(`${what}: HTTP ${r.status}`);
  }
  return r;
}

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const NT = 'application/n-triples';
const TTL = 'text/turtle';

/** N-Triples → Turtle with prefixes, each subject's triples grouped (as a publisher's tool would write it). */
function toTurtle(ntriples: string): Promise<string> {
  const quads = new N3.Parser({ format: 'N-Triples' }).parse(ntriples);
  const bySubject = new Map<string, N3.Quad[]>();
  for (const quad of quads) {
    const key = `${quad.subject.termType}:${quad.subject.value}`;
    let list = bySubject.get(key);
    if (!list) bySubject.set(key, (list = []));
    list.push(quad);
  }
  const writer = new N3.Writer({
    prefixes: {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      eu: 'http://publications.europa.eu/resource/authority/',
      r5r: 'http://data.europa.eu/r5r/',
    },
  });
  for (const list of bySubject.values()) writer.addQuads(list);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

// ---------------------------------------------------------------- results

interface Row {
  key: string;
  label: string;
  body: string;
  target?: number;
  samples: number[];
  /** Per sample: the catalog id or graph it went to, the status, and client-side parts. */
  detail: {
    id: string;
    status: number;
    sentMs: number;
    headersMs: number;
    ms: number;
    snapshots: number;
    /** Server CPU time during the request (all threads), and the three threads that used most of it (tid, ms). */
    cpuMs: number;
    topThreads: [number, number][];
    /** Server RSS and main-thread heap right after the response. */
    rssMiB: number;
    mainHeapMiB: number;
    serverTiming: Record<string, number>;
  }[];
}

interface Component {
  label: string;
  samples: number[];
  how: string;
}

// ---------------------------------------------------------------- the run

async function run(options: Options): Promise<{ markdown: string; json: unknown }> {
  const date = new Date().toISOString();
  const loadAvg = { start: load1(), max: load1(), end: NaN };
  const sampler = setInterval(() => (loadAvg.max = Math.max(loadAvg.max, load1())), 2000).unref();
  const runDir = path.join(options.out, `catalog-run-${date.replace(/[:.]/g, '-')}`);
  const dataDir = path.join(runDir, 'data-dir');
  fs.mkdirSync(runDir, { recursive: true });
  const K = options.runs;
  const suffixes = Array.from({ length: K }, (_, r) => (r === 0 ? '' : `-${String.fromCharCode(96 + r)}`)); // '', -a, -b, …
  const largeIds = suffixes.map((s) => `goteborg${s}`);

  // ------------------------------------------------ in-process parts (before the server runs: nothing competes)
  progress(`generating: ${options.small} and ${options.large} datasets`);
  const sample = (id: string, size: number) => catalogNTriples(size, { base: `http://localhost/catalogs/${id}`, title: `Göteborgs Stad ${id}` });
  const smallNt = sample('probe-small', options.small);
  const largeNt = sample('probe-large', options.large);
  const smallTtl = await toTurtle(smallNt);
  const counts = { small: smallNt.split('\n').length - 1, large: largeNt.split('\n').length - 1 };
  const sizes = { smallNt: Buffer.byteLength(smallNt), smallTtl: Buffer.byteLength(smallTtl), largeNt: Buffer.byteLength(largeNt) };
  progress(`${int(counts.small)} triples (${mb(sizes.smallNt)} N-Triples, ${mb(sizes.smallTtl)} Turtle); ${int(counts.large)} triples (${mb(sizes.largeNt)})`);

  const components: Component[] = [];
  const rule = { own: PUBLISHER_IRI, ownName: 'Göteborgs Stad', others: new Map<string, string>() };
  const partRuns = Math.min(K, 3);
  progress('in-process parts');
  for (const [label, text, mediaType] of [
    [`${options.large} datasets`, largeNt, NT],
    [`${options.small} datasets`, smallNt, NT],
    [`${options.small} datasets, Turtle`, smallTtl, TTL],
  ] as const) {
    const bytes = Buffer.from(text, 'utf8');
    const parse: number[] = [];
    for (let i = 0; i < partRuns; i++) {
      collectGarbage();
      const t = now();
      const outcome = await parseToNTriples({ bytes, mediaType, baseIri: 'http://localhost/catalogs/probe/' });
      parse.push(now() - t);
      if (!outcome.ok) throw new Error(`in-process parse failed: ${outcome.message}`);
    }
    components.push({ label: `parse to N-Triples (${label})`, samples: parse, how: '`parseToNTriples` (src/rdf/parse.ts, what a parser-pool thread runs), in this process' });
    if (mediaType === TTL) continue;
    const structure: number[] = [];
    for (let i = 0; i < partRuns; i++) {
      collectGarbage();
      const t = now();
      const checked = checkCatalogStructure(text, rule);
      structure.push(now() - t);
      if (checked.problems.length) throw new Error(`structure check: ${JSON.stringify(checked.problems.slice(0, 3))}`);
    }
    components.push({ label: `structure check (${label})`, samples: structure, how: '`checkCatalogStructure` (main thread), in this process' });
    const loads: number[] = [];
    for (let i = 0; i < partRuns; i++) {
      collectGarbage();
      const store = new ox.Store();
      const t = now();
      store.load(text, { format: 'nt', to_graph_name: ox.namedNode('http://localhost/catalogs/probe') });
      loads.push(now() - t);
      (store as unknown as { free?: () => void }).free?.();
    }
    components.push({ label: `Oxigraph \`store.load\` into an empty store (${label})`, samples: loads, how: 'one replica\'s share of a write (the server loads it into each replica), in this process' });
    const syncs: number[] = [];
    const file = path.join(runDir, 'fsync-probe.log');
    for (let i = 0; i < partRuns; i++) {
      const handle = await fs.promises.open(file, 'a');
      const record = Buffer.from(JSON.stringify({ seq: i, at: Date.now(), op: { kind: 'replace-graph', graph: 'g', ntriples: text } }), 'utf8');
      const t = now();
      await handle.write(record);
      await handle.datasync();
      syncs.push(now() - t);
      await handle.close();
    }
    fs.rmSync(file, { force: true });
    components.push({ label: `journal-sized append + fdatasync (${label}, ${mb(Buffer.byteLength(JSON.stringify(text)))})`, samples: syncs, how: 'JSON record written and fdatasync\'d on the same disk, in this process' });
  }
  collectGarbage();

  // ------------------------------------------------ the server
  progress('starting the server');
  // A fixed BASE_URL: with PORT=0 the default would follow the port, and the restart in (e) gets another port, so the
  // catalog graphs (named {BASE_URL}/catalogs/{id}) would no longer be found under their ids.
  // settle() reads once from each replica at the same time, so queries may use both.
  const serverEnv = { BASE_URL: 'http://localhost:3030', SPARQL_CONCURRENCY: '2' };
  let server = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server-1.log'), env: serverEnv });
  const listening = server.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('listening')) as LogLine & { baseUrl?: string };
  const baseUrl = String(listening.baseUrl);
  progress(`server ${server.url}, BASE_URL ${baseUrl}, started in ${ms(server.readyMs)}`);
  const catalogIri = (id: string) => `${baseUrl}/catalogs/${id}`;
  const catalogText = (id: string, size: number, changed?: Record<number, { revision: number }>) =>
    catalogNTriples(size, { base: catalogIri(id), title: `Göteborgs Stad ${id}`, datasets: changed });
  const snapshotsSoFar = () => server.lines.filter((l) => l.msg === 'snapshot committed').length;

  /** Wait until the second replica has applied the last write and no compaction runs: two reads, one per replica. */
  const settle = async () => {
    await sleep(options.settleMs);
    const ask = () => exchange(`${server.url}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, 'GET', { Accept: 'application/sparql-results+json' });
    await Promise.all([ask(), ask()]);
  };

  const rows = new Map<string, Row>();
  const row = (key: string, label: string, body: string, target?: number): Row => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, label, body, target, samples: [], detail: [] }));
    return r;
  };
  const timedWrite = async (r: Row, id: string, method: string, url: string, contentType: string, body: string | Buffer | undefined, ok = [201, 204]) => {
    await settle();
    const before = snapshotsSoFar();
    const cpuBefore = server.threadCpu();
    // A PUT names the profile (the catalog's own on a re-PUT, so never a change); POST and the rest keep the stored one.
    if (options.profile && method === 'PUT' && url.includes('/catalogs/')) url = `${url}?profile=${encodeURIComponent(options.profile)}`;
    const ex = mustSucceed(await exchange(url, method, body === undefined ? admin : { ...admin, 'Content-Type': contentType }, body), `${method} ${url}`, ok);
    if (ex.status === 200 && url.includes('/validate')) {
      // /validate answers 200 either way: the report must say it conforms.
      const report = JSON.parse(ex.body) as { conforms?: boolean };
      if (report.conforms !== true) mustSucceed({ ...ex, status: 422 }, `${method} ${url} (report: conforms ${String(report.conforms)})`);
    }
    const cpuAfter = server.threadCpu();
    const deltas = [...cpuAfter].map(([tid, cpu]) => [tid, cpu - (cpuBefore.get(tid) ?? 0)] as [number, number]).sort((x, y) => y[1] - x[1]);
    const health = await server.health();
    r.samples.push(ex.ms);
    r.detail.push({
      id,
      status: ex.status,
      sentMs: ex.sentMs,
      headersMs: ex.headersMs,
      ms: ex.ms,
      snapshots: snapshotsSoFar() - before,
      cpuMs: deltas.reduce((n, [, d]) => n + d, 0),
      topThreads: deltas.slice(0, 3),
      rssMiB: (server.memory()?.rss ?? NaN) / 2 ** 20,
      mainHeapMiB: Number((health.memory as { mainHeapUsed?: number } | undefined)?.mainHeapUsed ?? NaN) / 2 ** 20,
      serverTiming: ex.serverTiming,
    });
    return ex;
  };
  const validateUrl = (id: string) => `${server.url}/validate?profile=dcat-ap-3&catalog=${id}`;
  const storeUrl = (graph: string) => `${server.url}/store?graph=${encodeURIComponent(graph)}`;
  const scratchGraph = (name: string) => `http://bench.example/scratch/${name}`;

  // Warm-up: the first write after start also compiles the shapes in each validation thread.
  progress('warm-up: one 1k catalog as N-Triples and as Turtle');
  const warm = row('warm', `first PUT after start, ${options.small} datasets (N-Triples)`, `${mb(sizes.smallNt)} N-Triples`);
  await timedWrite(warm, 'goteborg-warmup', 'PUT', `${server.url}/catalogs/goteborg-warmup`, NT, catalogText('goteborg-warmup', options.small));
  await timedWrite(row('warm-ttl', `first Turtle PUT after start, ${options.small} datasets`, `${mb(sizes.smallTtl)} Turtle`), 'goteborg-warmup-ttl', 'PUT', `${server.url}/catalogs/goteborg-warmup-ttl`, TTL, await toTurtle(catalogText('goteborg-warmup-ttl', options.small)));

  // (a) 1k, N-Triples and Turtle, new catalog ids; interleaved with /store and /validate of the same text.
  for (let r = 1; r <= K; r++) {
    progress(`(a) ${options.small} datasets, round ${r}/${K}`);
    const ntId = `goteborg-nt-${r}`;
    const ttlId = `goteborg-ttl-${r}`;
    const nt = catalogText(ntId, options.small);
    const ttl = await toTurtle(catalogText(ttlId, options.small));
    await timedWrite(row('a-nt', `(a) PUT new catalog, ${int(options.small)} datasets, N-Triples`, `${int(counts.small)} triples, ${mb(sizes.smallNt)}`, 1500), ntId, 'PUT', `${server.url}/catalogs/${ntId}`, NT, nt);
    await timedWrite(row('a-ttl', `(a) PUT new catalog, ${int(options.small)} datasets, Turtle`, `${int(counts.small)} triples, ${mb(sizes.smallTtl)}`, 1500), ttlId, 'PUT', `${server.url}/catalogs/${ttlId}`, TTL, ttl);
    await timedWrite(row('a-store', `PUT /store?graph= (no validation), same ${int(options.small)}-dataset N-Triples`, `${mb(sizes.smallNt)}`), `scratch-small-${r}`, 'PUT', storeUrl(scratchGraph(`small-${r}`)), NT, nt);
    await timedWrite(row('a-validate', `POST /validate?profile=dcat-ap-3 (nothing stored), same ${int(options.small)}-dataset N-Triples`, `${mb(sizes.smallNt)}`), `validate-small-${r}`, 'POST', validateUrl(`goteborg-nt-${r}`), NT, nt, [200]);
    await timedWrite(row('a-store-delete', 'DELETE /store?graph= of that graph (not a target)', ''), `scratch-small-${r}`, 'DELETE', storeUrl(scratchGraph(`small-${r}`)), NT, undefined, [200, 204]);
  }

  // (b) 10k, N-Triples, new ids goteborg, goteborg-a, …; interleaved with /store and /validate.
  for (let r = 0; r < K; r++) {
    const id = largeIds[r]!;
    progress(`(b) ${options.large} datasets → ${id} (${r + 1}/${K})`);
    const nt = catalogText(id, options.large);
    await timedWrite(row('b', `(b) PUT new catalog, ${int(options.large)} datasets, N-Triples`, `${int(counts.large)} triples, ${mb(sizes.largeNt)}`, 10_000), id, 'PUT', `${server.url}/catalogs/${id}`, NT, nt);
    await timedWrite(row('b-store', `PUT /store?graph= (no validation), same ${int(options.large)}-dataset N-Triples`, mb(sizes.largeNt)), `scratch-large-${r}`, 'PUT', storeUrl(scratchGraph(`large-${r}`)), NT, nt);
    await timedWrite(row('b-validate', `POST /validate?profile=dcat-ap-3 (nothing stored), same ${int(options.large)}-dataset N-Triples`, mb(sizes.largeNt)), `validate-large-${r}`, 'POST', validateUrl(id), NT, nt, [200]);
    await timedWrite(row('b-store-delete', 'DELETE /store?graph= of that graph (not a target)', ''), `scratch-large-${r}`, 'DELETE', storeUrl(scratchGraph(`large-${r}`)), NT, undefined, [200, 204]);
  }

  // A copy of goteborg's text in a graph of its own, written through /store only: the same replace (c) and addition
  // (d) on it cost what the store does for them, without the structure check, validation and catalog record.
  const copyGraph = scratchGraph('copy');
  mustSucceed(await exchange(storeUrl(copyGraph), 'PUT', { ...admin, 'Content-Type': NT }, catalogText('goteborg', options.large)), 'PUT the copy graph');

  // (c) re-PUT goteborg with 10 datasets changed, a different 10 each round.
  const step = Math.floor(options.large / 10);
  for (let r = 0; r < K; r++) {
    progress(`(c) re-PUT goteborg, 10 datasets changed (${r + 1}/${K})`);
    const changed = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [k * step + (r % step), { revision: r + 2 }]));
    const text = catalogText('goteborg', options.large, changed);
    await timedWrite(row('c', `(c) re-PUT, ${int(options.large)} datasets, 10 changed`, `${mb(sizes.largeNt)} N-Triples`, 1500), 'goteborg', 'PUT', `${server.url}/catalogs/goteborg`, NT, text);
    await timedWrite(row('c-store', `PUT /store?graph= replacing a graph that holds the same ${int(counts.large)} triples (no validation), same text as (c)`, mb(sizes.largeNt)), 'copy', 'PUT', storeUrl(copyGraph), NT, text);
  }
  // The same re-PUT as Turtle (blank nodes written inline, so they get labels from the parser): the first round
  // also switches from the N-Triples labels to the parser's, later rounds change 10 datasets each.
  for (let r = 0; r < K; r++) {
    progress(`(c, Turtle) re-PUT goteborg as Turtle, 10 datasets changed (${r + 1}/${K})`);
    const changed = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [k * step + ((r + K) % step), { revision: r + 2 + K }]));
    const turtle = await toTurtle(catalogText('goteborg', options.large, changed));
    await timedWrite(row('c-ttl', `re-PUT as Turtle, ${int(options.large)} datasets, 10 changed (round 1 after N-Triples)`, `${mb(Buffer.byteLength(turtle))} Turtle`), 'goteborg', 'PUT', `${server.url}/catalogs/goteborg`, TTL, turtle);
  }

  // (d) POST one new dataset into goteborg.
  for (let r = 0; r < K; r++) {
    progress(`(d) POST one dataset into goteborg (${r + 1}/${K})`);
    const addition = datasetNTriples(options.large + r, { base: catalogIri('goteborg') });
    await timedWrite(row('d', '(d) POST one new dataset (kept index)', `${addition.split('\n').length - 1} triples, ${Buffer.byteLength(addition)} B N-Triples`, 200), 'goteborg', 'POST', `${server.url}/catalogs/goteborg`, NT, addition);
    await timedWrite(row('d-store', 'POST /store?graph= of the same dataset into the copy graph (no validation)', `${Buffer.byteLength(addition)} B`), 'copy', 'POST', storeUrl(copyGraph), NT, addition, [200, 201, 204]);
  }
  mustSucceed(await exchange(storeUrl(copyGraph), 'DELETE', admin), 'DELETE the copy graph', [200, 204]);

  // (e) restart; then the first POST into each 10k catalog.
  await settle();
  const quadsBefore = Number((await server.health()).quads);
  const journalBefore = directoryBytes(path.join(dataDir, 'journal'));
  const linesBefore = server.lines.length;
  progress(`(e) SIGTERM with ${int(quadsBefore)} quads in the store`);
  const stopped = await server.stop();
  const stopSnapshots = server.lines.slice(linesBefore).filter((l) => l.msg === 'snapshot committed').reduce((n, l) => n + Number(l.graphs ?? 0), 0);
  const firstServer = server;
  server = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server-2.log'), env: serverEnv });
  const firstReplicaMs = server.readyMs;
  progress(`ready after ${ms(firstReplicaMs)}; waiting for the other replicas`);
  const allReplicasMs = await server.allReplicasReady();
  const restart = {
    allReplicasMs,
    quads: quadsBefore,
    journalBefore,
    stopMs: stopped.ms,
    stopCode: stopped.code,
    stopSnapshotGraphs: stopSnapshots,
    readyMs: server.readyMs,
    replicas: server.lines.filter((l) => l.msg === 'replica ready').map((l) => ({ replica: String(l.replica), ms: Number(l.ms), replayed: Number(l.replayed) })),
  };
  progress(`restarted in ${ms(server.readyMs)} (stop ${ms(stopped.ms)})`);
  // Right away: the catalogs are still being read back and validated (WARM_CATALOGS), newest first.
  const warmStarted = now();
  await timedWrite(row('e0', '(e0) POST one new dataset into goteborg as soon as all replicas are ready, while the catalogs are still being prepared', 'as (d)'), 'goteborg', 'POST', `${server.url}/catalogs/goteborg`, NT, datasetNTriples(options.large + 99, { base: catalogIri('goteborg') }));
  let warming = await server.health();
  while ((warming.catalogIndexes as { status?: string } | undefined)?.status === 'warming') {
    await sleep(200);
    warming = await server.health();
  }
  const warmLine = server.lines.find((l) => l.msg === 'catalog indexes ready');
  const warmUp = { prepared: Number(warmLine?.prepared ?? NaN), serverMs: Number(warmLine?.ms ?? NaN), waitedMs: now() - warmStarted };
  progress(`catalogs prepared: ${warmUp.prepared} in ${ms(warmUp.serverMs)}`);
  const eRow = row('e', '(e) POST one new dataset, first write to each catalog after a restart (once the catalogs are prepared)', 'as (d)', 200);
  for (let r = 0; r < K; r++) {
    const id = largeIds[r]!;
    progress(`(e) first POST into ${id} after the restart (${r + 1}/${K})`);
    const addition = datasetNTriples(options.large + 100 + r, { base: catalogIri(id) });
    await timedWrite(eRow, id, 'POST', `${server.url}/catalogs/${id}`, NT, addition);
  }
  for (const id of largeIds) {
    await timedWrite(row('e-get', 'GET /catalogs/{id}.nt after (e): the read-back of a catalog the writer does not keep', mb(sizes.largeNt)), id, 'GET', `${server.url}/catalogs/${id}.nt`, NT, undefined, [200]);
  }
  for (let r = 0; r < K; r++) {
    const addition = datasetNTriples(options.large + 200 + r, { base: catalogIri('goteborg') });
    await timedWrite(row('e2', '(e′) POST one more dataset into goteborg after (e) (index kept again)', 'as (d)', 200), 'goteborg', 'POST', `${server.url}/catalogs/goteborg`, NT, addition);
  }

  const memory = server.memory();
  const problems = [...firstServer.problems(), ...server.problems()].map((l) => JSON.stringify(l));
  await server.stop();
  clearInterval(sampler);
  loadAvg.end = load1();
  if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });

  // ------------------------------------------------ report
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length} CPUs, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}; 1-min load average ${loadAvg.start.toFixed(1)} at start, ${loadAvg.max.toFixed(1)} at most, ${loadAvg.end.toFixed(1)} at end`;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const all = [...rows.values()];
  const targetRows = all.filter((r) => r.target !== undefined);
  const otherRows = all.filter((r) => r.target === undefined);
  const md: string[] = [];
  md.push(`## Catalog writes over HTTP — ${date}`, '', `Machine: ${machine}`, '', `Command: \`node dist/bench/catalog-bench.js ${process.argv.slice(2).join(' ')}\`; ${K} runs per case.`, '');
  md.push(line(['case', 'body', 'median', 'min', 'max', 'target', 'met?']), line(['---', '---', '---:', '---:', '---:', '---:', '---']));
  for (const r of targetRows) {
    const m = median(r.samples);
    md.push(line([r.label, r.body, ms(m), ms(Math.min(...r.samples)), ms(Math.max(...r.samples)), `≤ ${ms(r.target!)}`, m <= r.target! ? (Math.max(...r.samples) <= r.target! ? 'yes' : 'yes (median; not every run)') : '**no**']));
  }
  md.push('', 'Comparisons and the first writes after start (no target):', '');
  md.push(line(['request', 'body', 'median', 'min', 'max']), line(['---', '---', '---:', '---:', '---:']));
  for (const r of otherRows) md.push(line([r.label, r.body, ms(median(r.samples)), ms(Math.min(...r.samples)), ms(Math.max(...r.samples))]));
  md.push('', `In this process before the server started (median of ${partRuns}):`, '');
  md.push(line(['part', 'median', 'min', 'max', 'how']), line(['---', '---:', '---:', '---:', '---']));
  for (const c of components) md.push(line([c.label, ms(median(c.samples)), ms(Math.min(...c.samples)), ms(Math.max(...c.samples)), c.how]));
  md.push('', 'Where the time went, from the server (`Server-Timing` of each write, median per step in ms):', '');
  md.push(line(['case', 'receive', 'parse', 'compare', 'validate', 'store', 'sum of steps', 'wall (client)']), line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const r of all) {
    const timed = r.detail.filter((d) => Object.keys(d.serverTiming).length > 0);
    if (timed.length === 0) continue;
    const step = (name: string) => median(timed.map((d) => d.serverTiming[name] ?? 0));
    const steps = ['receive', 'parse', 'compare', 'validate', 'store'].map(step);
    md.push(line([r.key, ...steps.map((x) => x.toFixed(0)), steps.reduce((a, b) => a + b, 0).toFixed(0), ms(median(timed.map((d) => d.ms)))]));
  }
  md.push('');
  md.push(`- Restart before (e): ${int(restart.quads)} quads in the store, journal ${mb(restart.journalBefore)} at SIGTERM; stop ${ms(restart.stopMs)} (exit code ${restart.stopCode}, ${restart.stopSnapshotGraphs} graphs snapshotted); ready again (first replica) after ${ms(restart.readyMs)}, all replicas after ${ms(restart.allReplicasMs)} — (e0) is sent then; replicas ${restart.replicas.map((r) => `${r.replica} ${ms(r.ms)}, ${r.replayed} journal records replayed`).join('; ')}.`);
  md.push(`- Catalogs prepared after the restart (read back and validated, newest first, until the writer's cache is full): ${warmUp.prepared} in ${ms(warmUp.serverMs)} (server log); (e) starts after that, ${ms(warmUp.waitedMs)} after (e0) was sent.`);
  const snapshotNotes = all.filter((r) => r.detail.some((d) => d.snapshots > 0)).map((r) => `${r.key} (${r.detail.filter((d) => d.snapshots > 0).length}/${r.detail.length})`);
  md.push(`- Samples during which a compaction snapshot was committed: ${snapshotNotes.length ? snapshotNotes.join(', ') : 'none'}. Between samples the bench waits ${options.settleMs} ms and for both replicas to answer a query.`);
  md.push(`- Server RSS at the end: ${memory ? `${(memory.rss / 2 ** 20).toFixed(0)} MiB, peak ${(memory.hwm / 2 ** 20).toFixed(0)} MiB` : 'n/a'}. Server warnings/errors: ${problems.length ? problems.map((p) => `\`${p}\``).join('; ') : 'none'}.`);
  md.push(`- Per-sample times (ms): ${targetRows.map((r) => `${r.key} ${r.samples.map((x) => x.toFixed(0)).join('/')}`).join('; ')}.`);
  md.push('', 'Per sample: wall time, server CPU time over all its threads during the request (and the busiest thread), server RSS and main-thread heap after it:', '');
  md.push(line(['request', 'samples: wall s / CPU s (busiest thread s) / RSS MiB / main heap MiB']), line(['---', '---']));
  for (const r of all) {
    if (r.key.endsWith('delete')) continue;
    md.push(line([r.key, r.detail.map((d) => `${(d.ms / 1000).toFixed(1)} / ${(d.cpuMs / 1000).toFixed(1)} (${((d.topThreads[0]?.[1] ?? 0) / 1000).toFixed(1)}) / ${d.rssMiB.toFixed(0)} / ${d.mainHeapMiB.toFixed(0)}`).join('; ')]));
  }
  md.push('');
  return { markdown: md.join('\n'), json: { date, machine, options, counts, sizes, rows: all, components, restart, warmUp, problems, memory } };
}

async function main(): Promise<void> {
  const options = parseOptions();
  process.on('exit', killAllServers);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAllServers();
      process.exit(130);
    });
  }
  const { markdown, json } = await run(options);
  const stem = path.join(options.out, `catalog-bench-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.writeFileSync(`${stem}.md`, markdown);
  fs.writeFileSync(`${stem}.json`, JSON.stringify(json, null, 1));
  process.stdout.write(`\n${markdown}\n`);
  progress(`written ${stem}.md and .json`);
}

main().catch((error: unknown) => {
  killAllServers();
  if (error instanceof NotAccepted) {
    process.stderr.write(`catalog bench stopped: ${error.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`catalog bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
