/**
 * Validation plus quality of one catalog, in this process, for the publishing targets (new PUT of 10,000 datasets
 * ≤ 10 s, re-PUT with 10 changed ≤ 1.5 s). Quality runs after the commit, off the request path (the index follower's
 * extraction), so the figures are reported side by side: what a PUT waits for (validation) and what follows it
 * (extraction with the MQA of every dataset, the DQV text of the datasets whose score changed).
 *
 *   npm run build && node dist/bench/quality-bench.js [--datasets 10000] [--changed 10]
 *
 * Generated DCAT-AP 3 catalogs (test/validation/catalog-generator.ts). Do not run it on a shared machine at 10,000
 * casually: validation takes both cores for seconds.
 */
import { performance } from 'node:perf_hooks';
import { catalogNTriples } from '../test/validation/catalog-generator.js';
import { CatalogValidator } from '../src/validation/catalog-validator.js';
import { extractSummaries } from '../src/search/extract.js';
import { DatasetIndex } from '../src/search/dataset-index.js';
import { catalogMeasurements, datasetMeasurement } from '../src/quality/dqv.js';
import { CatalogLines, joinLines } from '../src/catalogs/catalog-lines.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const datasets = arg('datasets', 10_000);
const changed = Math.min(arg('changed', 10), datasets);
const BASE = 'https://dataportal-vast.example';

const time = async <T>(what: string, run: () => Promise<T> | T): Promise<T> => {
  const start = performance.now();
  const result = await run();
  console.log(`${what.padEnd(66)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
};

const validator = new CatalogValidator();
await validator.ready();
const first = catalogNTriples(datasets);
const revised = catalogNTriples(datasets, { datasets: Object.fromEntries(Array.from({ length: changed }, (_, i) => [i * Math.floor(datasets / changed), { revision: 2 }])) });
console.log(`${datasets} datasets, ${changed} changed on the re-PUT\n`);

// The follower's path: extraction in the index's thread, the index keeps unchanged datasets, DQV of what changed.
const index = new DatasetIndex({ get: () => undefined });
const validation = await time('new PUT: validation (what the request waits for)', () => validator.validate('dcat-ap-3', first));
await time('new PUT: extraction with MQA of every dataset (after the commit)', () =>
  index.replaceCatalog('bench', 'bench', extractSummaries({ ntriples: first, catalog: 'bench', organisation: 'bench', now: new Date().toISOString(), compliant: true })),
);
const before = index.summariesOf('bench');
await time('new PUT: DQV text of every dataset and the catalog', () => before.map((s) => datasetMeasurement(BASE, s)).join('') + catalogMeasurements(BASE, 'bench', before));

const lines = CatalogLines.of(first);
const change = lines.diff(revised);
await time('re-PUT: validation of the change', () =>
  validator.validateChange('dcat-ap-3', first, revised, { removed: joinLines(change.removed), added: joinLines(change.added) }, validation.digests),
);
await time('re-PUT: extraction, MQA of the changed datasets only', () =>
  index.replaceCatalog(
    'bench',
    'bench',
    extractSummaries({ ntriples: revised, catalog: 'bench', organisation: 'bench', now: new Date().toISOString(), compliant: true, assessed: before.map((s) => s.hash) }),
  ),
);
const after = index.summariesOf('bench');
await time('re-PUT: DQV patch of the changed datasets and the catalog', () => {
  const old = new Map(before.map((s) => [s.iri, s]));
  const patch = after.filter((s) => old.get(s.iri)?.quality.score !== s.quality.score).map((s) => datasetMeasurement(BASE, s));
  return patch.join('') + catalogMeasurements(BASE, 'bench', after);
});
await validator.close();
