import fs from 'node:fs';
import ox from 'oxigraph';
import type { GeneratedData } from './generate-dcat.js';
import { oneTripleUpdate, type BenchQuery } from './queries.js';
import { collectGarbage, now, sample, summarize, timed, type Summary } from './stats.js';

/** Oxigraph in this process, without the server: the baseline every server figure is compared with. */

export interface InProcessLoad {
  store: ox.Store;
  quads: number;
  /** Wall time of reading every graph file and loading it (what a server restart has to do at least). */
  totalMs: number;
  /** The part spent inside store.load(). */
  loadMs: number;
  memory: { rssDelta: number; externalDelta: number; heapUsedDelta: number; rssAfter: number };
}

export interface QueryTiming {
  name: string;
  summary: Summary;
  /** Size of the serialised result, bytes. */
  bytes: number;
}

export function loadInProcess(data: GeneratedData, onProgress: (done: number, total: number) => void = () => undefined): InProcessLoad {
  collectGarbage();
  const before = process.memoryUsage();
  const store = new ox.Store();
  let loadMs = 0;
  const started = now();
  for (const [i, file] of data.files.entries()) {
    const bytes = fs.readFileSync(file.file);
    const loadStarted = now();
    store.load(bytes, { format: 'nt', to_graph_name: ox.namedNode(file.graph) });
    loadMs += now() - loadStarted;
    onProgress(i + 1, data.files.length);
  }
  const totalMs = now() - started;
  collectGarbage();
  const after = process.memoryUsage();
  return {
    store,
    quads: store.size,
    totalMs,
    loadMs,
    memory: {
      rssDelta: after.rss - before.rss,
      externalDelta: after.external - before.external,
      heapUsedDelta: after.heapUsed - before.heapUsed,
      rssAfter: after.rss,
    },
  };
}

/** Each query `runs` times, serialised to a string as the server does (union of graphs as default graph). */
export async function queryInProcess(store: ox.Store, queries: BenchQuery[], runs: number): Promise<QueryTiming[]> {
  const timings: QueryTiming[] = [];
  for (const query of queries) {
    const run = () => store.query(query.sparql, { use_default_graph_as_union: true, results_format: query.resultsFormat }) as string;
    const bytes = Buffer.byteLength(run(), 'utf8');
    timings.push({ name: query.name, summary: await sample(runs, run), bytes });
  }
  return timings;
}

/** One-triple INSERT DATA straight on the store: what a write costs before HTTP, journal and replicas. */
export async function updatesInProcess(store: ox.Store, count: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push((await timed(() => store.update(oneTripleUpdate(1_000_000 + i)))).ms);
  return summarize(samples);
}
