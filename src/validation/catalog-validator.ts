import os from 'node:os';
import { Piscina } from 'piscina';
import { checkProfiles, findProfile, PROFILES, UnknownProfileError } from './profiles.js';
import { makeReport, type ValidationReport } from './report.js';
import { sortResults, type ValidationTaskResult } from './validate-task.js';
import type { WorkerRequest } from './validation-worker.js';
import type { DatasetDigests } from './partition.js';

export type { DatasetDigests } from './partition.js';

export interface CatalogValidation {
  report: ValidationReport;
  digests: DatasetDigests;
  /** Datasets whose focus nodes were validated this time (all of them on a first or full validation). */
  validatedDatasets: number;
  /** Datasets in the catalogue. */
  datasets: number;
  /** Threads the work was split over. */
  threads: number;
  /** Milliseconds spent in the slowest thread: indexing, partition + digests, evaluation. */
  timings: { index: number; partition: number; evaluate: number };
}

export interface CatalogValidatorOptions {
  /** Worker threads; default min(2, cores). */
  threads?: number;
  /**
   * Split a full validation over the threads from this many datasets on. Below it one thread is faster: every
   * thread has to index the whole catalogue, and that part does not shrink with more threads.
   */
  splitFrom?: number;
}

const DATASET_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>';

/**
 * The SHACL gate for catalogue writes. Validation runs in worker threads (the event loop stays free); each thread
 * compiles a profile's shapes once. See validate().
 */
export class CatalogValidator {
  readonly threads: number;
  readonly splitFrom: number;
  private readonly pool: Piscina;
  private readonly loading: Promise<unknown>;

  constructor(options: CatalogValidatorOptions = {}) {
    checkProfiles();
    this.threads = Math.max(1, options.threads ?? Math.min(2, os.availableParallelism()));
    this.splitFrom = options.splitFrom ?? 2000;
    this.pool = new Piscina({
      filename: new URL('./validation-worker.js', import.meta.url).href,
      minThreads: 1,
      maxThreads: this.threads,
      // Compiling a profile takes ~0.3 s; keep warm threads for a while.
      idleTimeout: 5 * 60_000,
    });
    // Compile every profile in the first thread now, so broken shapes surface at start-up (see ready()).
    this.loading = this.pool.run({ kind: 'load', profileIds: PROFILES.map((p) => p.id) } satisfies WorkerRequest);
    this.loading.catch(() => {});
  }

  /** Resolves once every profile has compiled in a worker; rejects with the shapes error otherwise. */
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
   */
  async validate(profileId: string, ntriples: string, previous?: DatasetDigests): Promise<CatalogValidation> {
    if (!findProfile(profileId)) throw new UnknownProfileError(profileId);
    const chunks = previous === undefined && this.threads > 1 && estimateDatasets(ntriples, this.splitFrom) >= this.splitFrom ? this.threads : 1;
    const outcomes = await Promise.all(
      Array.from({ length: chunks }, (_, index) =>
        this.pool.run({
          kind: 'validate',
          task: {
            profileId,
            ntriples,
            previous,
            chunk: { index, count: chunks },
          },
        } satisfies WorkerRequest) as Promise<ValidationTaskResult>,
      ),
    );
    const first = outcomes[0]!;
    const results = chunks === 1 ? first.results : sortResults(outcomes.flatMap((o) => o.results));
    const slowest = (key: keyof ValidationTaskResult['timings']) => Math.max(...outcomes.map((o) => o.timings[key]));
    return {
      report: makeReport(results),
      digests: { ...first.digests!, results },
      validatedDatasets: first.validatedDatasets,
      datasets: first.datasets,
      threads: chunks,
      timings: { index: slowest('index'), partition: slowest('partition'), evaluate: slowest('evaluate') },
    };
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Count dcat:Dataset type triples, stopping at `enough`: a cheap look at the text to decide on splitting. */
function estimateDatasets(ntriples: string, enough: number): number {
  let count = 0;
  for (let at = ntriples.indexOf(DATASET_TYPE); at >= 0 && count < enough; at = ntriples.indexOf(DATASET_TYPE, at + 1)) count++;
  return count;
}
