import os from 'node:os';
import { Piscina } from 'piscina';
import { RDF_TYPE, dcat } from '../rdf/vocabulary.js';
import { checkProfiles, findProfile, PROFILES, UnknownProfileError } from './profiles.js';
import { makeReport, type ValidationReport } from './report.js';
import { DEFAULT_CACHE_TRIPLES, sortResults, type NeedFullText, type ValidationTask, type ValidationTaskResult } from './validate-task.js';
import type { WorkerRequest } from './validation-worker.js';
import type { DatasetDigests } from './partition.js';

export type { DatasetDigests } from './partition.js';

/** What a new catalogue text loses and gains against the stored one: canonical N-Triples lines ("<s> <p> o ."), each followed by "\n". */
export interface TextChange {
  removed: string;
  added: string;
}

export interface CatalogValidation {
  report: ValidationReport;
  /** Pass back as `previous` next time; includes the results, so later reports still cover unchanged datasets. */
  digests: DatasetDigests;
  /** Datasets whose focus nodes were validated this time (all of them on a first or full validation). */
  validatedDatasets: number;
  /** Datasets in the catalogue. */
  datasets: number;
  /** Threads the work was split over. */
  threads: number;
  /** How the text was read: parsed whole, as a patch of the index kept from the last validation, or unchanged. */
  path: ValidationTaskResult['path'];
  /** Milliseconds spent in the slowest thread: indexing, partition + digests, evaluation. */
  timings: { index: number; partition: number; evaluate: number };
}

export interface CatalogValidatorOptions {
  /** Worker threads; default min(2, cores). */
  threads?: number;
  /**
   * Split a first validation over the threads from this many datasets on (default 5,000). Every thread has to
   * index and partition the whole catalogue; only the evaluation is shared. Measured on 2 vCPUs: 5–20 % faster at
   * 5,000–20,000 datasets on a quiet machine, slower under load, and twice the memory while it runs
   * (bench/RESULTS.md, Validation). The threads serve different catalogues at once.
   */
  splitFrom?: number;
  /**
   * Triples of catalogue indexes each thread keeps for the next validation of the same catalogue (default 1.5M,
   * about 600 MB of heap at most; 0 keeps none). See validate().
   */
  cacheTriples?: number;
  /**
   * Compile every profile in every thread at start (default true). False: a thread compiles a profile when it first
   * validates against it — for the dry runs' thread (capacity/public-work.ts): a compiled profile is 80–120 MB of
   * heap and about a second of CPU (all four: 310 MB), and dry runs mostly name one or two.
   */
  compileAtStart?: boolean;
}

const DATASET_TYPE = `<${RDF_TYPE}> <${dcat('Dataset')}>`;
const CATALOG_TYPE = ` <${RDF_TYPE}> <${dcat('Catalog')}> .`;
const NO_CHANGE: TextChange = { removed: '', added: '' };

/**
 * The SHACL gate for catalogue writes. Validation runs in worker threads, so the event loop stays free; each thread
 * compiles a profile's shapes once. Each thread is its own single-thread pool (a "lane"), and a catalogue always
 * goes to the same lane, so the index a thread keeps of the last validated text of a catalogue is there for the
 * next write of it.
 */
export class CatalogValidator {
  readonly threads: number;
  readonly splitFrom: number;
  private readonly cacheTriples: number;
  private readonly lanes: Piscina[];
  private readonly loading: Promise<unknown>;
  /** The text each thread holds an index of, per catalogue: a write from that text sends only its line diff. */
  private readonly keptTexts = new Map<string, Kept>();
  /** The same, found from the digests returned for that text: the `previous` of the next write. */
  private readonly keptByDigests = new WeakMap<DatasetDigests, Kept>();

  constructor(options: CatalogValidatorOptions = {}) {
    checkProfiles();
    this.threads = Math.max(1, options.threads ?? Math.min(2, os.availableParallelism()));
    this.splitFrom = options.splitFrom ?? 5000;
    this.cacheTriples = options.cacheTriples ?? DEFAULT_CACHE_TRIPLES;
    this.lanes = Array.from(
      { length: this.threads },
      () =>
        new Piscina({
          filename: new URL('./validation-worker.js', import.meta.url).href,
          minThreads: 1,
          maxThreads: 1,
          idleTimeout: Number.MAX_SAFE_INTEGER,
          // A larger young generation halves the garbage-collection time of indexing a large catalogue.
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        }),
    );
    // Compile every profile in every thread now: broken shapes surface at start-up (see ready()), and the first
    // write does not pay for the compilation.
    const profileIds = options.compileAtStart === false ? [] : PROFILES.map((p) => p.id);
    this.loading = Promise.all(this.lanes.map((lane) => lane.run({ kind: 'load', profileIds } satisfies WorkerRequest)));
    this.loading.catch(() => {});
  }

  /** Resolves once every profile has compiled in every thread; rejects with the shapes error otherwise. */
  async ready(): Promise<void> {
    await this.loading;
  }

  /**
   * Validate the N-Triples of a whole catalogue (the catalogue as it would be after a write).
   *
   * With `previous` digests (from the last validation of this catalogue), only the datasets whose description
   * changed — and datasets linked to or from them — have their nodes validated; shared nodes (catalogue, agents, …)
   * are always validated; when the shared part changed, everything is. The data graph is always the whole catalogue,
   * so links into unchanged datasets resolve. The report still covers the whole catalogue: results of datasets not
   * validated again are carried over from `previous.results`.
   *
   * The text is parsed whole, except when it is the very text a thread keeps the index of and `previous` is what its
   * validation returned: then nothing changed, and the thread answers from that index. The thread keeps its index of
   * a catalogue validated without violations, for validateChange(). `keepIndex: false` (for validations that store
   * nothing, such as POST /validate) leaves what the threads keep alone.
   */
  async validate(profileId: string, ntriples: string, previous?: DatasetDigests, options: { keepIndex?: boolean } = {}): Promise<CatalogValidation> {
    if (!findProfile(profileId)) throw new UnknownProfileError(profileId);
    const known = options.keepIndex === false ? undefined : this.keptFor(profileId, previous);
    if (previous && known && known.text === ntriples) {
      const same = await this.validateOnKept(known, ntriples, NO_CHANGE, previous);
      if (same) return same;
    }
    const catalogKey = catalogOf(ntriples);
    const cacheTriples = options.keepIndex === false || catalogKey === '' ? 0 : this.cacheTriples;
    const home = laneOf(catalogKey, this.threads);
    const chunks = previous === undefined && this.threads > 1 && estimateDatasets(ntriples, this.splitFrom) >= this.splitFrom ? this.threads : 1;
    const outcomes = await Promise.all(
      Array.from({ length: chunks }, (_, index) =>
        this.run((home + index) % this.threads, { profileId, ntriples, previous, chunk: { index, count: chunks }, catalogKey, cacheTriples }),
      ),
    );
    // Keeping this index may have evicted others from the home thread.
    if (cacheTriples > 0) this.forgetEvicted(home, outcomes[0]!);
    return this.finish(outcomes, previous, home, ntriples, profileId, catalogKey);
  }

  /**
   * The same answer as `validate(profileId, next, previous)` for a write: a re-PUT, or a POST (`removed` empty, `added`
   * the posted lines the stored text lacks). When `previous` is the digests object this validator returned for
   * `stored` and the thread that indexed `stored` still keeps that index, only `change` goes to it: the thread takes
   * the removed lines out of its index and puts the added ones in, instead of parsing `next`. `next` must be `stored`
   * without `change.removed` and with `change.added` (as sets of lines). Otherwise — no kept index, another profile,
   * other digests, a change of more than CHANGE_LIMIT of the stored text, or a change to a `a dcat:Catalog` line
   * (which names the catalogue's thread) — this is `validate(profileId, next, previous)`.
   */
  async validateChange(profileId: string, stored: string, next: string, change: TextChange, previous?: DatasetDigests): Promise<CatalogValidation> {
    if (!findProfile(profileId)) throw new UnknownProfileError(profileId);
    const known = this.keptFor(profileId, previous);
    if (previous && known && known.text.length === stored.length && patchable(change, stored)) {
      const patched = await this.validateOnKept(known, next, change, previous);
      if (patched) return patched;
    }
    return this.validate(profileId, next, previous);
  }

  /**
   * The index a thread keeps of the text `previous` was returned for, when it is still the one kept for its catalogue:
   * the same version in the same thread (an unchanged validation returns new digests for the same version).
   */
  private keptFor(profileId: string, previous: DatasetDigests | undefined): Kept | undefined {
    const known = previous ? this.keptByDigests.get(previous) : undefined;
    const current = known ? this.keptTexts.get(known.catalogKey) : undefined;
    if (!known || !current || current.lane !== known.lane || current.version !== known.version) return undefined;
    return current.profileId === profileId ? current : undefined;
  }

  /**
   * Validate `next` in the thread keeping `known`, sending only `change` against its text. Undefined when the thread
   * no longer has that index (evicted, or replaced by a text that was not stored): the caller validates the whole text.
   */
  private async validateOnKept(known: Kept, next: string, change: TextChange, previous: DatasetDigests): Promise<CatalogValidation | undefined> {
    const task: ValidationTask = {
      profileId: known.profileId,
      // After a split validation the thread has only part of the results: they come with `previous`.
      previous: known.withResults ? undefined : previous,
      ntriples: change.added,
      chunk: { index: 0, count: 1 },
      catalogKey: known.catalogKey,
      cacheTriples: this.cacheTriples,
      base: { version: known.version, removed: change.removed },
    };
    const result = (await this.lanes[known.lane]!.run({ kind: 'validate', task } satisfies WorkerRequest)) as ValidationTaskResult | NeedFullText;
    if ('needFullText' in result) {
      if (this.keptTexts.get(known.catalogKey) === known) this.keptTexts.delete(known.catalogKey);
      return undefined;
    }
    this.forgetEvicted(known.lane, result);
    return this.finish([result], previous, known.lane, next, known.profileId, known.catalogKey);
  }

  private finish(outcomes: ValidationTaskResult[], previous: DatasetDigests | undefined, lane: number, text: string, profileId: string, catalogKey: string): CatalogValidation {
    const first = outcomes[0]!;
    const results = outcomes.length === 1 ? first.results : sortResults(outcomes.flatMap((o) => o.results));
    const slowest = (key: keyof ValidationTaskResult['timings']) => Math.max(...outcomes.map((o) => o.timings[key]));
    // digestChanges come only from tasks with `base`, which are sent only with `previous` at hand.
    const digests: DatasetDigests = first.digestChanges ? { ...applyDigestChanges(previous!, first.digestChanges), results } : { ...first.digests!, results };
    if (first.kept && !results.some((r) => r.severity === 'Violation')) {
      const kept: Kept = { lane, text, version: first.kept.version, withResults: first.kept.withResults, profileId, catalogKey };
      this.keptTexts.set(catalogKey, kept);
      this.keptByDigests.set(digests, kept);
    }
    return {
      report: makeReport(results),
      digests,
      validatedDatasets: first.validatedDatasets,
      datasets: first.datasets,
      threads: outcomes.length,
      path: first.path,
      timings: { index: slowest('index'), partition: slowest('partition'), evaluate: slowest('evaluate') },
    };
  }

  private run(lane: number, task: ValidationTask): Promise<ValidationTaskResult> {
    return this.lanes[lane]!.run({ kind: 'validate', task } satisfies WorkerRequest) as Promise<ValidationTaskResult>;
  }

  /** Forget the texts whose indexes the thread no longer keeps. */
  private forgetEvicted(lane: number, result: ValidationTaskResult): void {
    for (const [key, entry] of this.keptTexts) if (entry.lane === lane && !result.keptKeys?.includes(key)) this.keptTexts.delete(key);
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.destroy()));
  }
}

interface Kept {
  lane: number;
  text: string;
  version: number;
  /** Whether the thread has the results of that validation (not after a split one). */
  withResults: boolean;
  profileId: string;
  catalogKey: string;
}

/**
 * Above this share of the stored text (removed + added characters), validateChange validates the new text whole.
 * Measured at 10,000 datasets (2 vCPUs): replacing datasets, patching costs as much as a full validation near half the
 * text (0.2: 0.9 s against 1.4 s; 0.4: 1.2 s against 1.4 s; 0.6: 1.8 s against 1.5 s); rewriting the description of
 * every dataset is 10 % of the text and still patches faster (1.4 s against 1.6 s).
 */
export const CHANGE_LIMIT = 0.3;

function patchable(change: TextChange, stored: string): boolean {
  if (change.removed.length + change.added.length > CHANGE_LIMIT * stored.length) return false;
  return !change.removed.includes(CATALOG_TYPE) && !change.added.includes(CATALOG_TYPE);
}

function applyDigestChanges(previous: DatasetDigests, changes: NonNullable<ValidationTaskResult['digestChanges']>): Omit<DatasetDigests, 'results'> {
  const datasets = { ...previous.datasets, ...changes.datasets };
  for (const iri of changes.removed) delete datasets[iri];
  return { shared: changes.shared, datasets };
}

/** Count dcat:Dataset type triples, stopping at `enough`: a cheap look at the text to decide on splitting. */
function estimateDatasets(ntriples: string, enough: number): number {
  let count = 0;
  for (let at = ntriples.indexOf(DATASET_TYPE); at >= 0 && count < enough; at = ntriples.indexOf(DATASET_TYPE, at + 1)) count++;
  return count;
}

/** The subject of the first `a dcat:Catalog` line: which catalogue a text is (to route it to its thread). */
function catalogOf(ntriples: string): string {
  const at = ntriples.indexOf(CATALOG_TYPE);
  if (at < 0) return '';
  return ntriples.slice(ntriples.lastIndexOf('\n', at) + 1, at);
}

function laneOf(key: string, lanes: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}
