/**
 * Validation benchmark: the SHACL gate on generated DCAT-AP 3 catalogues.
 *
 *   npm run build && node dist/bench/validation-bench.js [--runs 5] [--sizes 1000,10000] [--split-from 5000] [--reference] [--reference-10k]
 *
 * Measures, per catalogue size:
 * - engines in one thread on the same data and shapes (profile dcat-ap-3): the compiled evaluator the server uses,
 *   rdf-validate-shacl 0.6.5 on an N3.Store (--reference; 10k only with --reference-10k, it takes about a minute),
 *   and shacl-engine when it is installed; with a check that they report the same results on a broken catalogue;
 * - CatalogValidator as the server uses it, with 1 and with 2 threads: a first (full) validation, the same text
 *   again, a re-validation with 10 datasets changed (the whole text, as a re-PUT sends it; and as a line diff against
 *   the stored text, validateChange, patching the index a thread keeps), and one new dataset appended to the stored
 *   text (a POST): as a change that removes nothing (validateChange, patching the kept index), and as the whole text.
 * Prints Markdown (for bench/RESULTS.md) and writes bench/out/validation-bench.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogValidator, type CatalogValidation, type DatasetDigests, type TextChange } from '../src/validation/catalog-validator.js';
import { comparable, referenceValidate, type ComparableResult } from '../src/validation/reference-engine.js';
import { runValidationTask } from '../src/validation/validate-task.js';
import { loadProfile } from '../src/validation/loaded-profile.js';
import { catalogNTriples, datasetNTriples } from '../test/validation/catalog-generator.js';
import { benchOptions, positiveInteger } from './cli-options.js';

const options = benchOptions<{ runs: number; sizes: number[]; reference: boolean; reference10k: boolean; splitFrom: number }>(
  'node dist/bench/validation-bench.js',
  (command) =>
    command
      .option('--runs <k>', 'runs per case', positiveInteger, 5)
      .option('--sizes <list>', 'catalogue sizes in datasets, comma-separated', (raw) => raw.split(',').map(positiveInteger), [1000, 10000])
      .option('--reference', 'also run rdf-validate-shacl at 1,000 datasets', false)
      .option('--reference-10k', 'also run rdf-validate-shacl at 10,000 datasets (minutes)', false)
      .option('--split-from <n>', 'split first validations over the threads from this many datasets', positiveInteger, 5000),
);
const RUNS = options.runs;
const SIZES = options.sizes;
const REFERENCE = options.reference || options.reference10k;
const REFERENCE_10K = options.reference10k;
const PROFILE = 'dcat-ap-3';
/** Split first validations over the threads from this size on (CatalogValidator's default is never). */
const SPLIT_FROM = options.splitFrom;

interface Row {
  what: string;
  size: number;
  threads?: number;
  samples: number[];
  detail?: string;
}
const rows: Row[] = [];
const notes: string[] = [];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const load = () => os.loadavg()[0]!.toFixed(1);

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

/** The generated catalogue with ten datasets changed (new description text), as a re-PUT would send it. */
function tenChanged(size: number, round: number): string {
  const step = Math.floor(size / 10);
  return catalogNTriples(size, { datasets: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [k * step + (round % step), { revision: round + 2 }])) });
}

/** Ten more datasets changed in each round, on top of the rounds before: each text differs from the last in ten. */
function tenMoreChanged(size: number, round: number): string {
  const step = Math.floor(size / 10);
  const datasets: Record<number, { revision: number }> = {};
  for (let r = 0; r <= round; r++) for (let k = 0; k < 10; k++) datasets[k * step + (r % step)] = { revision: r + 2 };
  return catalogNTriples(size, { datasets });
}

/** The posted lines the stored text lacks, as the writer sends them with a POST; `stored` gains them. */
function newLines(stored: Set<string>, posted: string): string {
  let added = '';
  for (const line of posted.split('\n')) {
    if (line === '' || stored.has(line)) continue;
    stored.add(line);
    added += `${line}\n`;
  }
  return added;
}

/** The line diff a writer sends with a re-PUT (lines as sets). */
function lineDiff(stored: string, next: string): TextChange {
  const before = new Set(stored.split('\n'));
  const after = new Set(next.split('\n'));
  const only = (lines: Set<string>, other: Set<string>) => [...lines].filter((l) => l !== '' && !other.has(l)).map((l) => `${l}\n`).join('');
  return { removed: only(before, after), added: only(after, before) };
}

function breakdown(v: CatalogValidation): string {
  const t = v.timings;
  return `index ${ms(t.index)} + partition/digests ${ms(t.partition)} + evaluate ${ms(t.evaluate)} ms; ${v.path}; validated ${v.validatedDatasets}`;
}

async function engines(size: number): Promise<void> {
  const text = catalogNTriples(size);
  loadProfile(PROFILE);
  const compiled: number[] = [];
  let detail = '';
  for (let i = 0; i < RUNS; i++) {
    const [t, r] = await time(() => runValidationTask({ profileId: PROFILE, ntriples: text, chunk: { index: 0, count: 1 } }));
    compiled.push(t);
    detail = `index ${ms(r.timings.index)} + partition/digests ${ms(r.timings.partition)} + evaluate ${ms(r.timings.evaluate)} ms (last run)`;
  }
  rows.push({ what: 'engine: compiled evaluator (one thread, parse + validate)', size, samples: compiled, detail });

  if (REFERENCE && (size <= 1000 || REFERENCE_10K)) {
    const runs = size > 1000 ? 1 : Math.min(RUNS, 3);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push((await time(() => referenceValidate(PROFILE, text)))[0]);
    rows.push({ what: 'engine: rdf-validate-shacl 0.6.5, N3.Store (parse + validate)', size, samples });
  }
  const shaclEngine = await tryShaclEngine(text, size);
  if (shaclEngine) rows.push(shaclEngine);
}

/** shacl-engine, when installed (it is not a dependency): the ontology merged into shapes and data graphs. */
async function tryShaclEngine(text: string, size: number): Promise<Row | undefined> {
  let Validator: new (dataset: unknown, options: unknown) => { validate(data: unknown): Promise<{ results: unknown[] }> };
  try {
    const moduleName = 'shacl-engine/Validator.js';
    Validator = ((await import(moduleName)) as { default: typeof Validator }).default;
  } catch {
    if (size === SIZES[0]) notes.push('shacl-engine is not installed; its figures in RESULTS.md come from a separate run (see there).');
    return undefined;
  }
  const N3 = (await import('n3')).default;
  const factoryModule = '@rdfjs/data-model';
  const rdf = ((await import(factoryModule)) as { default: unknown }).default;
  const loaded = loadProfile(PROFILE);
  const shapes = new N3.Store([...loaded.shapeQuads, ...loaded.backgroundQuads] as never[]);
  const validator = new Validator(shapes, { factory: rdf });
  const samples: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    samples.push(
      (
        await time(async () => {
          const data = new N3.Store();
          data.addQuads(new N3.Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text));
          data.addQuads(loaded.backgroundQuads as never[]);
          return validator.validate({ dataset: data });
        })
      )[0],
    );
  }
  return { what: 'engine: shacl-engine, N3.Store (parse + validate)', size, samples };
}

/** A broken 1k catalogue: both engines must report the same results. */
async function parity(): Promise<void> {
  const broken = catalogNTriples(1000, {
    datasets: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [k * 50, k % 2 ? { withoutTitle: true } : { revision: 1 }])),
  })
    .replace(/"2012-0(\d)-1(\d)"\^\^<http:\/\/www.w3.org\/2001\/XMLSchema#date>/g, '"2012-1$1-4$2"^^<http://www.w3.org/2001/XMLSchema#date>')
    .replace(/<http:\/\/data.europa.eu\/r5r\/availability> <([^>]*)STABLE>/g, '<http://data.europa.eu/r5r/availability> "STABLE"');
  const mine = comparable(runValidationTask({ profileId: PROFILE, ntriples: broken, chunk: { index: 0, count: 1 } }).results);
  const key = (r: ComparableResult) => [r.focusNode, r.path, r.value, r.severity, r.shape, r.component].join(' | ');
  const a = new Set(mine.map(key));
  let line = `Parity on a broken 1k catalogue: compiled evaluator ${a.size} results`;
  if (REFERENCE) {
    const b = new Set((await referenceValidate(PROFILE, broken)).map(key));
    const differ = [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
    line += `, rdf-validate-shacl ${b.size}; ${differ === 0 ? 'identical (focus node, path, value, severity, source shape, component)' : `${differ} differ`}`;
  }
  notes.push(`${line}.`);
}

/** What the writer does before validating a POST (not timed as validation), returning the validation to time. */
type Post = (stored: string, posted: string, digests: DatasetDigests) => () => Promise<CatalogValidation>;

/** RUNS POSTs in a row from `base`, each of one new dataset (numbered from `first`); each result is stored. */
async function posts(gate: CatalogValidator, base: string, first: number, post: Post): Promise<{ samples: number[]; preparing: number[]; last: CatalogValidation }> {
  let text = base;
  let digests = (await gate.validate(PROFILE, base)).digests;
  const samples: number[] = [];
  const preparing: number[] = [];
  let last: CatalogValidation | undefined;
  for (let i = 0; i < RUNS; i++) {
    const posted = datasetNTriples(first + i);
    const [p, validation] = await time(() => post(text, posted, digests));
    const [t, v] = await time(validation);
    preparing.push(p);
    samples.push(t);
    last = v;
    text += posted;
    digests = v.digests;
  }
  return { samples, preparing, last: last! };
}

async function validator(threads: number, size: number): Promise<void> {
  const gate = new CatalogValidator({ threads, splitFrom: SPLIT_FROM });
  const cold = new CatalogValidator({ threads, splitFrom: SPLIT_FROM, cacheTriples: 0 });
  await Promise.all([gate.ready(), cold.ready()]);
  try {
    const base = catalogNTriples(size);
    let first: CatalogValidation | undefined;
    const full: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [t, v] = await time(() => gate.validate(PROFILE, base));
      full.push(t);
      first = v;
    }
    rows.push({ what: 'full validation (first PUT)', size, threads, samples: full, detail: `${breakdown(first!)}; split over ${first!.threads}` });

    // The kept index is of `base` now.
    const same: number[] = [];
    let sameResult: CatalogValidation | undefined;
    for (let i = 0; i < RUNS; i++) {
      const [t, v] = await time(() => gate.validate(PROFILE, base, first!.digests));
      same.push(t);
      sameResult = v;
    }
    rows.push({ what: 'same text again (previous digests)', size, threads, samples: same, detail: breakdown(sameResult!) });

    const changed: number[] = [];
    let changedResult: CatalogValidation | undefined;
    for (let i = 0; i < RUNS; i++) {
      const text = tenChanged(size, i);
      const [t, v] = await time(() => gate.validate(PROFILE, text, first!.digests));
      changed.push(t);
      changedResult = v;
    }
    rows.push({ what: 're-PUT with 10 datasets changed (whole text, previous digests)', size, threads, samples: changed, detail: breakdown(changedResult!) });

    // The same re-PUT as the writer sends it with the stored text: a line diff; the kept index is patched.
    let stored = base;
    let storedDigests = (await gate.validate(PROFILE, base)).digests;
    const patched: number[] = [];
    const diffing: number[] = [];
    let patchedResult: CatalogValidation | undefined;
    for (let i = 0; i < RUNS; i++) {
      const text = tenMoreChanged(size, i);
      const [d, change] = await time(() => lineDiff(stored, text));
      diffing.push(d);
      const [t, v] = await time(() => gate.validateChange(PROFILE, stored, text, change, storedDigests));
      patched.push(t);
      patchedResult = v;
      stored = text;
      storedDigests = v.digests;
    }
    rows.push({
      what: 're-PUT with 10 datasets changed: validateChange(stored, next, line diff, digests), kept index',
      size,
      threads,
      samples: patched,
      detail: `${breakdown(patchedResult!)}; the line diff itself (writer, not included) ${ms(median(diffing))} ms`,
    });

    // Sequences of POSTs, each adding one dataset to the stored text (the writer's `stored + posted`).
    const storedLines = new Set(base.split('\n'));
    const viaChange = await posts(gate, base, size, (text, posted, digests) => {
      const added = newLines(storedLines, posted);
      return () => gate.validateChange(PROFILE, text, text + posted, { removed: '', added }, digests);
    });
    rows.push({
      what: "POST one new dataset: validateChange(stored, stored + posted, { removed: '', added }, digests), kept index",
      size,
      threads,
      samples: viaChange.samples,
      detail: `${breakdown(viaChange.last)}; finding the new lines (writer, not included) ${ms(median(viaChange.preparing))} ms`,
    });
    const whole = await posts(gate, base, size + 1000, (text, posted, digests) => () => gate.validate(PROFILE, text + posted, digests));
    rows.push({ what: 'POST one new dataset: validate(stored + posted, digests) (whole text parsed)', size, threads, samples: whole.samples, detail: breakdown(whole.last) });

    const coldFirst = await cold.validate(PROFILE, base);
    const coldPosts: number[] = [];
    let coldResult: CatalogValidation | undefined;
    for (let i = 0; i < RUNS; i++) {
      const [t, v] = await time(() => cold.validate(PROFILE, base + datasetNTriples(size + 100 + i), coldFirst.digests));
      coldPosts.push(t);
      coldResult = v;
    }
    rows.push({ what: 'POST one new dataset, no kept index (whole text parsed)', size, threads, samples: coldPosts, detail: breakdown(coldResult!) });
  } finally {
    await gate.close();
    await cold.close();
  }
}

async function main(): Promise<void> {
  const startLoad = load();
  const started = new Date().toISOString();
  await parity();
  for (const size of SIZES) await engines(size);
  for (const size of SIZES) for (const threads of [1, 2]) await validator(threads, size);
  const cpu = os.cpus();
  const sample = catalogNTriples(1000);
  const perDataset = (sample.split('\n').length - 17) / 1000;
  const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} vCPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`;
  const out: string[] = [];
  out.push(`Run ${started}: ${machine}. Load average ${startLoad} at start, ${load()} at end. ${RUNS} runs per figure (median, min–max).`);
  out.push(`Catalogues: generated (test/validation/catalog-generator.ts), ${perDataset.toFixed(0)} triples per dataset plus its catalogue link; they conform with no warnings.`);
  out.push('');
  out.push('| what | datasets | threads | median ms | min–max ms | detail |');
  out.push('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    out.push(`| ${r.what} | ${r.size.toLocaleString('en')} | ${r.threads ?? 1} | ${ms(median(r.samples))} | ${ms(Math.min(...r.samples))}–${ms(Math.max(...r.samples))} | ${r.detail ?? ''} |`);
  }
  out.push('');
  for (const n of notes) out.push(`- ${n}`);
  const markdown = out.join('\n');
  process.stdout.write(`${markdown}\n`);
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'out');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'validation-bench.json'), JSON.stringify({ started, machine, runs: RUNS, rows, notes }, null, 2));
}

await main();
