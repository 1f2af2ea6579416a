/**
 * What a replica does for a catalog re-PUT, in this process without the server: Oxigraph `DROP SILENT GRAPH` of a
 * 10,000-dataset catalog graph and `store.load` of its new text, next to other graphs of the same size, repeated; and
 * `ox.parse` of the same text as the parser pool does. Prints times and this process's RSS / wasm (external) memory
 * after each round, to see what a replace costs and whether memory comes back.
 *
 *   npm run build && node dist/bench/oxigraph-replace.js [--datasets 10000] [--rounds 6] [--others 4] [--no-parse]
 */
import ox from 'oxigraph';
import { catalogNTriples } from '../test/validation/catalog-generator.js';
import { collectGarbage, now } from './stats.js';
import { benchOptions, nonNegativeInteger, positiveInteger } from './cli-options.js';

const options = benchOptions<{ datasets: number; rounds: number; others: number; parse: boolean }>('node dist/bench/oxigraph-replace.js', (command) =>
  command
    .option('--datasets <n>', 'datasets in the catalog replaced', positiveInteger, 10000)
    .option('--rounds <n>', 'replacements', positiveInteger, 6)
    .option('--others <n>', 'other catalogs of that size in the store', nonNegativeInteger, 4)
    .option('--no-parse', 'skip the ox.parse of each round'),
);
const DATASETS = options.datasets;
const ROUNDS = options.rounds;
const OTHERS = options.others;
const PARSE = options.parse;

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const memory = () => {
  collectGarbage();
  const m = process.memoryUsage();
  return `rss ${mib(m.rss)}, external ${mib(m.external)}`;
};
const text = (i: number, revision?: number) =>
  catalogNTriples(DATASETS, {
    base: `http://localhost:3030/catalogs/c${i}`,
    datasets: revision === undefined ? undefined : Object.fromEntries(Array.from({ length: 10 }, (_, k) => [k * 1000 + revision, { revision }])),
  });
const graph = (i: number) => ox.namedNode(`http://localhost:3030/catalogs/c${i}`);

const store = new ox.Store();
let t = now();
for (let i = 1; i <= OTHERS; i++) store.load(Buffer.from(text(i), 'utf8'), { format: 'nt', to_graph_name: graph(i) });
console.log(`${OTHERS} other graphs of ${DATASETS} datasets loaded in ${((now() - t) / 1000).toFixed(1)} s; ${memory()}`);
store.load(Buffer.from(text(0), 'utf8'), { format: 'nt', to_graph_name: graph(0) });
console.log(`graph c0 loaded; ${memory()}`);

console.log('| round | DROP SILENT GRAPH | store.load | ox.parse (parser pool) | after the round |');
console.log('|---:|---:|---:|---:|---|');
for (let round = 1; round <= ROUNDS; round++) {
  const bytes = Buffer.from(text(0, round), 'utf8');
  t = now();
  store.update(`DROP SILENT GRAPH ${graph(0).toString()}`);
  const dropMs = now() - t;
  store.update(`CREATE SILENT GRAPH ${graph(0).toString()}`);
  t = now();
  store.load(bytes, { format: 'nt', to_graph_name: graph(0) });
  const loadMs = now() - t;
  let parsed = 'not run';
  if (PARSE) {
    t = now();
    const quads = ox.parse(bytes, { format: 'nt', base_iri: 'http://localhost:3030/catalogs/c0/' });
    parsed = `${(now() - t).toFixed(0)} ms (${quads.length} quads)`;
  }
  console.log(`| ${round} | ${dropMs.toFixed(0)} ms | ${loadMs.toFixed(0)} ms | ${parsed} | ${memory()}; ${store.size} quads |`);
}
