import fs from 'node:fs';
import type { GeneratedData } from './generate-dcat.js';
import { oneTripleDocument, oneTripleUpdate, PUT_GRAPH, type BenchQuery } from './queries.js';
import { ADMIN_TOKEN } from './server-process.js';
import { now, sample, summarize, timed, type Summary } from './stats.js';
import type { QueryTiming } from './in-process.js';

/** The same work as in-process, through the server's HTTP interface (fetch, keep-alive, one request at a time). */

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function expectStatus(res: Response, ok: number[], what: string): Promise<string> {
  const body = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${body.slice(0, 500)}`);
  return body;
}

export interface HttpLoad {
  totalMs: number;
  /** Per-request times, to see whether late requests slow down (compaction, memory growth). */
  requests: Summary;
  slowest: { graph: string; ms: number };
}

/** PUT every graph file as N-Triples, one after the other. */
export async function loadOverHttp(url: string, data: GeneratedData, onProgress: (done: number, total: number) => void = () => undefined): Promise<HttpLoad> {
  const samples: number[] = [];
  let slowest = { graph: '', ms: 0 };
  const started = now();
  for (const [i, file] of data.files.entries()) {
    const { ms } = await timed(async () => {
      const body = fs.readFileSync(file.file);
      const res = await fetch(`${url}/store?graph=${encodeURIComponent(file.graph)}`, {
        method: 'PUT',
        headers: { ...admin, 'Content-Type': 'application/n-triples' },
        body,
      });
      await expectStatus(res, [201, 204], `PUT ${file.graph}`);
    });
    samples.push(ms);
    if (ms > slowest.ms) slowest = { graph: file.graph, ms };
    onProgress(i + 1, data.files.length);
  }
  return { totalMs: now() - started, requests: summarize(samples), slowest };
}

/** GET /sparql?query=… with the query's Accept header, reading the whole body. */
export async function queryOverHttp(url: string, queries: BenchQuery[], runs: number): Promise<QueryTiming[]> {
  const timings: QueryTiming[] = [];
  for (const query of queries) {
    const run = async () => {
      const res = await fetch(`${url}/sparql?query=${encodeURIComponent(query.sparql)}`, { headers: { Accept: query.accept } });
      return expectStatus(res, [200], query.name);
    };
    const bytes = Buffer.byteLength(await run(), 'utf8');
    timings.push({ name: query.name, summary: await sample(runs, run), bytes });
  }
  return timings;
}

export interface WriteTimings {
  update: Summary;
  put: Summary;
}

/** One-triple INSERT DATA updates and one-triple PUTs of a small graph, each acknowledged after the journal fsync. */
export async function writesOverHttp(url: string, count: number): Promise<WriteTimings> {
  const update = async (i: number) => {
    const res = await fetch(`${url}/sparql`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/sparql-update' },
      body: oneTripleUpdate(i),
    });
    await expectStatus(res, [200, 204], 'SPARQL update');
  };
  const put = async (i: number) => {
    const res = await fetch(`${url}/store?graph=${encodeURIComponent(PUT_GRAPH)}`, {
      method: 'PUT',
      headers: { ...admin, 'Content-Type': 'application/n-triples' },
      body: oneTripleDocument(i),
    });
    await expectStatus(res, [201, 204], 'PUT small graph');
  };
  await update(-1);
  await put(-1);
  const updates: number[] = [];
  for (let i = 0; i < count; i++) updates.push((await timed(() => update(i))).ms);
  const puts: number[] = [];
  for (let i = 0; i < count; i++) puts.push((await timed(() => put(i))).ms);
  return { update: summarize(updates), put: summarize(puts) };
}
