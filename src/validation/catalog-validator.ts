import os from 'node:os';
import { combinedMemory, ManagedPool, type PoolMemory } from '../memory/managed-pool.js';
import { RDF_TYPE, dcat } from '../rdf/vocabulary.js';
import { checkProfiles, findProfile, PROFILES, UnknownProfileError } from './profiles.js';
import { makeReport, type ValidationReport, type ValidationResult } from './report.js';
import { DEFAULT_CACHE_TRIPLES, KEPT_BYTES_PER_TRIPLE, mergeSortedResults, sortResults, type NeedFullText, type ValidationTask, type ValidationTaskResult } from './validate-task.js';
import type { WorkerRequest } from './validation-worker.js';
import type { DatasetDigests } from './partition.js';
import { withDeadline, type DeadlinePolicy, type WorkControl } from '../deadlines/work-deadline.js';

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
   * Every validation is stopped at this deadline, scaled with the size of the catalogue text (PARSE_TIMEOUT_MS;
   * default: none). A stopped thread is terminated and replaced, and what it kept is forgotten.
   */
  deadline?: DeadlinePolicy;
  /**
   * What the validation threads may hold together (their share of MEMORY_BUDGET_MB). A thread past its part is replaced
   * when idle, losing its kept indexes, so the kept triples are bounded to half of what its part leaves beside its
   * compiled profiles (the other half is for the garbage of a validation). Without `threads`, no more threads than
   * fit it (lanesFor).
   */
  memoryBytes?: number;
  /**
   * Compile every profile in every thread at start (default true). False: a thread compiles a profile when it first
   * validates against it — for the dry runs' thread (capacity/public-work.ts): a compiled profile is 80–120 MB of
   * heap and about a second of CPU (all four: 310 MB), and dry runs mostly name one or two.
   */
  compileAtStart?: boolean;
  /** The threads validate for anonymous work only (dry runs) and run at low priority (capacity/thread-priority.ts). */
  background?: boolean;
}

/** What a validation thread holds with every profile compiled (measured: 310 MB; see compileAtStart). */
export const COMPILED_PROFILES_BYTES = 320 * 1024 * 1024;

/**
 * Lanes: min(2, cores), fewer when `memoryBytes` would not give each twice what its compiled profiles take (they
 * and the garbage of validating a large catalogue; measured at MEMORY_BUDGET_MB=4096: two lanes of 307 MB each held
 * 300 MB of compiled profiles before their first catalogue). One thread then validates every write in turn.
 */
export function lanesFor(memoryBytes: number | undefined): number {
  const cores = Math.min(2, os.availableParallelism());
  if (memoryBytes === undefined) return cores;
  return Math.max(1, Math.min(cores, Math.floor(memoryBytes / (2 * COMPILED_PROFILES_BYTES))));
}

/** No deadline: for the CLI, which validates what its operator gave it. */
const NO_DEADLINE: DeadlinePolicy = { baseMs: 2 ** 31 - 1, perMbMs: 0 };

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
  private readonly lanes: ManagedPool[];
  private readonly loading: Promise<unknown>;
  /** The text each thread holds an index of, per catalogue: a write from that text sends only its line diff. */
  private readonly keptTexts = new Map<string, Kept>();
  /** The same, found from the digests returned for that text: the `previous` of the next write. */
  private readonly keptByDigests = new WeakMap<DatasetDigests, Kept>();
  /** Per lane, how many times its thread was terminated: a kept index is of one thread, not of the lane. */
  private readonly generations: number[];
  private readonly deadline: DeadlinePolicy;

  constructor(options: CatalogValidatorOptions = {}) {
    checkProfiles();
    this.threads = Math.max(1, options.threads ?? lanesFor(options.memoryBytes));
    this.splitFrom = options.splitFrom ?? 5000;
    const laneBytes = (options.memoryBytes ?? Infinity) / this.threads;
    const forIndexes = Math.max(0, laneBytes - COMPILED_PROFILES_BYTES) / 2;
    this.cacheTriples = options.cacheTriples ?? Math.min(DEFAULT_CACHE_TRIPLES, Math.floor(forIndexes / KEPT_BYTES_PER_TRIPLE));
    this.deadline = options.deadline ?? NO_DEADLINE;
    this.generations = Array.from({ length: this.threads }, () => 0);
    this.lanes = Array.from(
      { length: this.threads },
      () =>
        new ManagedPool(laneBytes, {
          filename: new URL('./validation-worker.js', import.meta.url).href,
          minThreads: 1,
          maxThreads: 1,
          idleTimeout: Number.MAX_SAFE_INTEGER,
          // A larger young generation halves the garbage-collection time of indexing a large catalogue.
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        }, { background: options.background }),
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
   * validated again are carried over from `previous.results`, here on the calling thread (threads get only digests).
   *
   * The text is parsed whole, except when it is the very text a thread keeps the index of and `previous` is what its
   * validation returned: then nothing changed, and the thread answers from that index. The thread keeps its index of
   * a catalogue validated without violations, for validateChange(). `keepIndex: false` (for validations that store
   * nothing, such as POST /validate) leaves what the threads keep alone.
   *
   * `signal` (the client gone) stops the validation, as its deadline does (DeadlineExceeded, ClientGone).
   */
  async validate(profileId: string, ntriples: string, previous?: DatasetDigests, options: { keepIndex?: boolean; signal?: AbortSignal } = {}): Promise<CatalogValidation> {
    if (!findProfile(profileId)) throw new UnknownProfileError(profileId);
    return withDeadline(this.deadline, 'validation', ntriples.length, options.signal, (control) => this.validateWhole(profileId, ntriples, previous, options.keepIndex, control));
  }

  private async validateWhole(profileId: string, ntriples: string, previous: DatasetDigests | undefined, keepIndex: boolean | undefined, control: WorkControl): Promise<CatalogValidation> {
    const known = keepIndex === false ? undefined : this.keptFor(profileId, previous);
    if (previous && known && known.text === ntriples) {
      const same = await this.validateOnKept(known, ntriples, NO_CHANGE, previous, control);
      if (same) return same;
    }
    const catalogKey = catalogOf(ntriples);
    const cacheTriples = keepIndex === false || catalogKey === '' ? 0 : this.cacheTriples;
    const home = laneOf(catalogKey, this.threads);
    const chunks = previous === undefined && this.threads > 1 && estimateDatasets(ntriples, this.splitFrom) >= this.splitFrom ? this.threads : 1;
    const outcomes = await Promise.all(
      Array.from({ length: chunks }, (_, index) =>
        this.run((home + index) % this.threads, { profileId, ntriples, previous: previous && digestsOnly(previous), chunk: { index, count: chunks }, catalogKey, cacheTriples }, control),
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
  async validateChange(profileId: string, stored: string, next: string, change: TextChange, previous?: DatasetDigests, signal?: AbortSignal): Promise<CatalogValidation> {
    if (!findProfile(profileId)) throw new UnknownProfileError(profileId);
    return withDeadline(this.deadline, 'validation', next.length, signal, async (control) => {
      const known = this.keptFor(profileId, previous);
      if (previous && known && known.text.length === stored.length && patchable(change, stored)) {
        const patched = await this.validateOnKept(known, next, change, previous, control);
        if (patched) return patched;
      }
      return this.validateWhole(profileId, next, previous, undefined, control);
    });
  }

  /**
   * The index a thread keeps of the text `previous` was returned for, when it is still the one kept for its catalogue:
   * the same version in the same thread (an unchanged validation returns new digests for the same version).
   */
  private keptFor(profileId: string, previous: DatasetDigests | undefined): Kept | undefined {
    const known = previous ? this.keptByDigests.get(previous) : undefined;
    const current = known ? this.keptTexts.get(known.catalogKey) : undefined;
    if (!known || !current || current.lane !== known.lane || current.version !== known.version) return undefined;
    if (current.generation !== known.generation || current.generation !== this.generations[current.lane]) return undefined;
    return current.profileId === profileId ? current : undefined;
  }

  /**
   * Validate `next` in the thread keeping `known`, sending only `change` against its text. Undefined when the thread
   * no longer has that index (evicted, or replaced by a text that was not stored): the caller validates the whole text.
   */
  private async validateOnKept(known: Kept, next: string, change: TextChange, previous: DatasetDigests, control: WorkControl): Promise<CatalogValidation | undefined> {
    const task: ValidationTask = {
      profileId: known.profileId,
      // The thread's own digests of that version stand for `previous`: a 10,000-entry map is not worth copying.
      previous: undefined,
      ntriples: change.added,
      chunk: { index: 0, count: 1 },
      catalogKey: known.catalogKey,
      cacheTriples: this.cacheTriples,
      base: { version: known.version, removed: change.removed },
    };
    const result = await this.runOn(known.lane, task, control);
    if ('needFullText' in result) {
      if (this.keptTexts.get(known.catalogKey) === known) this.keptTexts.delete(known.catalogKey);
      return undefined;
    }
    this.forgetEvicted(known.lane, result);
    return this.finish([result], previous, known.lane, next, known.profileId, known.catalogKey);
  }

  private finish(outcomes: ValidationTaskResult[], previous: DatasetDigests | undefined, lane: number, text: string, profileId: string, catalogKey: string): CatalogValidation {
    const first = outcomes[0]!;
    const fresh = outcomes.length === 1 ? first.results : sortResults(outcomes.flatMap((o) => o.results));
    const slowest = (key: keyof ValidationTaskResult['timings']) => Math.max(...outcomes.map((o) => o.timings[key]));
    // digestChanges come only from tasks with `base`, which are sent only with `previous` at hand.
    const current = first.digestChanges ? applyDigestChanges(previous!, first.digestChanges) : digestsOnly(first.digests!);
    const results = first.covers === 'all' ? fresh : mergeSortedResults(carriedResults(previous?.results ?? [], first.covers, current), fresh);
    const digests: DatasetDigests = { ...current, results };
    if (first.kept && !results.some((r) => r.severity === 'Violation')) {
      const kept: Kept = { lane, generation: this.generations[lane]!, text, version: first.kept.version, profileId, catalogKey };
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

  private async run(lane: number, task: ValidationTask, control: WorkControl): Promise<ValidationTaskResult> {
    const result = await this.runOn(lane, task, control);
    if ('needFullText' in result) throw new Error('a validation thread asked for the full text of a full text');
    return result;
  }

  /**
   * One task on one lane. When the task is aborted (its deadline, or its client gone), Piscina terminates the lane's
   * thread if the task was running and starts a fresh one, which keeps nothing: forget every index that lane kept,
   * so the next write of those catalogues is validated whole. (A task aborted while queued leaves the thread as it
   * was; forgetting is then only a full validation more.)
   */
  private async runOn(lane: number, task: ValidationTask, control: WorkControl): Promise<ValidationTaskResult | NeedFullText> {
    const attempt = () => {
      const started = control.startPort();
      const request: WorkerRequest = { kind: 'validate', task, started };
      return { task: request, options: { signal: control.signal, transferList: [started] } };
    };
    try {
      return await this.lanes[lane]!.run<ValidationTaskResult | NeedFullText>(attempt);
    } catch (error) {
      if (control.signal.aborted) this.laneLost(lane);
      throw error;
    }
  }

  private laneLost(lane: number): void {
    this.generations[lane]!++;
    for (const [key, entry] of this.keptTexts) if (entry.lane === lane) this.keptTexts.delete(key);
  }

  /** The threads' memory, as one pool (each thread is a lane of its own). */
  memory(): PoolMemory {
    return combinedMemory(this.lanes.map((lane) => lane.memory()));
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
  /** The lane's generation when its thread kept this index (see laneLost). */
  generation: number;
  text: string;
  version: number;
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

function digestsOnly(digests: DatasetDigests): Omit<DatasetDigests, 'results'> {
  return { shared: digests.shared, datasets: digests.datasets };
}

/** The earlier results of the nodes not validated this time, of datasets still in the catalogue (in report order). */
function carriedResults(previous: ValidationResult[], covers: { shared: boolean; datasets: string[] }, current: Omit<DatasetDigests, 'results'>): ValidationResult[] {
  const revalidated = new Set(covers.datasets);
  return previous.filter((r) => (r.dataset === undefined ? !covers.shared : !revalidated.has(r.dataset) && Object.hasOwn(current.datasets, r.dataset)));
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
