import { DatasetIndex } from '../src/search/dataset-index.js';
import type { DatasetSummary, SearchQuery } from '../src/search/dataset-summary.js';
import { vocabulary } from '../src/vocabularies/skos.js';
import { benchOptions, positiveInteger } from './cli-options.js';
import { percentile } from './stats.js';

/**
 * The dataset index in-process with synthetic summaries (default 50,000 over 50 catalogs): how long it takes to
 * build, and a search page with facets (median, p90) for typical questions. The target is ≤ 50 ms.
 * `node dist/bench/search-bench.js --datasets 50000 --runs 50`
 */
interface Options {
  datasets: number;
  catalogs: number;
  runs: number;
}

const options = benchOptions<Options>('search-bench', (command) =>
  command
    .option('--datasets <n>', 'synthetic datasets', positiveInteger, 50_000)
    .option('--catalogs <n>', 'catalogs (and organisations) they are spread over', positiveInteger, 50)
    .option('--runs <k>', 'timed runs per query', positiveInteger, 50),
);

/** mulberry32: the same data on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'skolenheter', 'laddstolpar', 'måltider', 'leverantörsreskontra', 'livsmedelskontroller', 'badplatser', 'cykelvägar',
  'detaljplaner', 'bygglov', 'förskolor', 'äldreboenden', 'luftkvalitet', 'vattenkvalitet', 'parkeringar', 'lekplatser',
  'bibliotek', 'kollektivtrafik', 'befolkning', 'valresultat', 'budget', 'avfall', 'återvinning', 'träd', 'gator',
];
const FORMATS = ['CSV', 'JSON', 'XLSX', 'XML', 'GEOJSON', 'PDF', 'SHP'];
const LICENCES = ['CC_BY_4_0', 'CC0'];
const ACCESS = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'];
const EU = 'http://publications.europa.eu/resource/authority/';

function synthetic(n: number, catalogs: number): Map<string, DatasetSummary[]> {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const themes = [...vocabulary('data-theme').concepts.values()].map((c) => c.code);
  const byCatalog = new Map<string, DatasetSummary[]>();
  for (let i = 0; i < n; i++) {
    // A long tail: a few catalogs hold most datasets.
    const catalog = `org${Math.floor(catalogs * next() ** 2)}`;
    const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000).toISOString().slice(0, 10);
    const summary: DatasetSummary = {
      iri: `https://data.${catalog}.example/dataset/${i}`,
      type: 'Dataset',
      catalog,
      organisation: catalog,
      title: { sv: `${words[0]} i kommunen ${i % 97}` },
      description: { sv: `Uppgifter om ${words[1]} och ${words[2]} uppdaterade varje månad.` },
      keywords: [{ value: words[1]!, lang: 'sv' }],
      themes: [`${EU}data-theme/${pick(themes)}`],
      formats: [`${EU}file-type/${pick(FORMATS)}`, `${EU}file-type/${pick(FORMATS)}`],
      licenses: [`${EU}licence/${pick(LICENCES)}`],
      accessRights: [`${EU}access-right/${pick(ACCESS)}`],
      modified: next() < 0.05 ? null : day,
      changed: '2025-01-01T00:00:00.000Z',
      distributions: 2,
      hash: String(i),
      quality: { met: [], score: 0 },
    };
    if (!byCatalog.has(catalog)) byCatalog.set(catalog, []);
    byCatalog.get(catalog)!.push(summary);
  }
  return byCatalog;
}

const base: SearchQuery = { q: '', filters: {}, sort: 'relevance', page: 1, pageSize: 20, lang: 'sv' };
const QUERIES: [string, SearchQuery][] = [
  ['everything, facets', base],
  ['everything, sort=modified, page 50', { ...base, sort: 'modified', page: 50 }],
  ['q=skola', { ...base, q: 'skola' }],
  ['q=laddstolpe', { ...base, q: 'laddstolpe' }],
  ['q="budget kommunen"', { ...base, q: 'budget kommunen' }],
  ['q=skola theme=EDUC format=CSV', { ...base, q: 'skola', filters: { theme: ['EDUC'], format: ['CSV'] } }],
  ['organisation=org0 sort=modified', { ...base, filters: { organisation: ['org0'] }, sort: 'modified' }],
];

const organisations = { get: (id: string) => ({ name: id }) as never };
const data = synthetic(options.datasets, options.catalogs);
const index = new DatasetIndex(organisations);
let started = performance.now();
for (const [catalog, summaries] of data) index.replaceCatalog(catalog, catalog, summaries);
console.log(`built the index of ${index.size} datasets in ${(performance.now() - started).toFixed(0)} ms`);
started = performance.now();
index.latest(1);
console.log(`orders after a change: ${(performance.now() - started).toFixed(0)} ms (once per change, not per request)`);
const heap = process.memoryUsage().heapUsed;
console.log(`heap used: ${(heap / 1024 / 1024).toFixed(0)} MB`);

/**
 * Cold: the index changed since the same words were searched (a one-dataset catalog is rewritten and the orders
 * rebuilt before the timed search, outside the timing). Warm: the same words again, as when paging or clicking facets.
 */
let flip = 0;
function change(): void {
  const one = synthetic(1, 1).get('org0')!.map((s) => ({ ...s, catalog: 'bench-touch', hash: String(flip++) }));
  index.replaceCatalog('bench-touch', 'bench-touch', one);
  index.latest(1);
}

console.log('\n| query | results | cold median ms | cold p90 ms | warm median ms | warm p90 ms |\n| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, query] of QUERIES) {
  const cold: number[] = [];
  const warm: number[] = [];
  let total = 0;
  for (let run = 0; run < options.runs; run++) {
    change();
    let t = performance.now();
    total = index.search(query).total;
    cold.push(performance.now() - t);
    t = performance.now();
    index.search({ ...query, page: query.page + 1 });
    warm.push(performance.now() - t);
  }
  const ms = (samples: number[], p: number) => percentile(samples, p).toFixed(1);
  console.log(`| ${name} | ${total} | ${ms(cold, 50)} | ${ms(cold, 90)} | ${ms(warm, 50)} | ${ms(warm, 90)} |`);
}
