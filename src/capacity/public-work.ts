import type { Config } from '../config.js';
import { ParserPool } from '../rdf/parser-pool.js';
import { CatalogValidator, type CatalogValidation } from '../validation/catalog-validator.js';
import { WorkGate } from './work-gate.js';
import { QueryTimeBudget } from './query-time-budget.js';
import { combinedMemory, type PoolMemory } from '../memory/managed-pool.js';
import type { MemoryShares } from '../memory/budget.js';

/**
 * The options of CatalogValidator.validate but `keepIndex`, which a dry run never sets; `signal` (its client has gone)
 * also takes a dry run that still waits for the thread off the queue.
 */
export type DryRunOptions = Omit<NonNullable<Parameters<CatalogValidator['validate']>[3]>, 'keepIndex'> & { signal?: AbortSignal };

/** What POST /validate runs on: a parser pool, and a validation that stores and keeps nothing. */
export interface DryRuns {
  parsers: ParserPool;
  validate(profileId: string, ntriples: string, options?: DryRunOptions): Promise<CatalogValidation>;
}

/**
 * Capacity for work anyone may ask for without a token — dry runs (POST /validate) and SPARQL queries — apart from
 * the capacity of catalogue writes, so no amount of it starves a publisher:
 *
 * - Dry runs parse and validate in threads of their own (one parser thread, plus one for small bodies as the writes'
 *   have; one validation thread), never in the pools
 *   writes use (ctx.parsers, ctx.validator). Sharing those, a dry run's parse or validation queued in front of a
 *   publisher's, FIFO, in the same pool; a validation lane is chosen by the catalogue, so a dry run of a large
 *   catalogue blocked every write whose catalogue hashed to that lane. Now the dry runs only compete for CPU time,
 *   which the operating system shares.
 * - SPARQL queries run on at most SPARQL_CONCURRENCY replicas at once (default: all but one), so the last replica
 *   is always free for a write (each write is first applied on a replica with no read in progress), for the
 *   catalogue read-back a write may need, and for page reads.
 * - In front of each, a bounded queue (PUBLIC_WORK_QUEUE, and no wait longer than QUERY_TIMEOUT_MS): a flood is
 *   refused at once with 503 rather than queuing for minutes.
 *
 * Measured on 2 vCPUs at load average 13–14 from other work (test/capacity/reserved-capacity.test.ts, once against
 * this build and once against main at e2ea1a3): a 100-dataset catalogue re-PUT took 541 ms (217 ms quiet) beside 8
 * anonymous dry runs of a 1,000-dataset catalogue, against 3,215 ms (134 ms quiet) when the dry runs shared the
 * writes' threads; beside two slow SPARQL queries it took 355 ms (231 ms quiet), against 6,510 ms (179 ms quiet) —
 * it waited until a query was stopped at QUERY_TIMEOUT_MS (6 s). The price: dry runs no longer use two threads
 * each for parsing and validation (8 of them were answered within 10 s instead of 8.6 s, bench/capacity-bench.ts),
 * and SPARQL queries run one at a time with two replicas. Memory: the two threads take about 45 MB before their
 * first dry run (measured in process), plus 80–120 MB for each profile dry runs have named.
 */
export class PublicWork implements DryRuns {
  readonly parsers: ParserPool;
  private readonly validator: CatalogValidator;
  private readonly parses: WorkGate;
  private readonly validations: WorkGate;
  /** Admits SPARQL queries (not updates, which are writes). */
  readonly queries: WorkGate;
  /** Query time per client (QUERY_TIME_PER_MINUTE_MS). */
  readonly queryTime: QueryTimeBudget;

  /**
   * The part of the parser and validation shares of the memory budget the dry runs' threads keep to (the writes' pools
   * get the rest; see server.ts).
   */
  static readonly MEMORY_PART = 0.25;

  /**
   * `readyReplicas`: how many replicas serve reads now. A replica stopped at a query's deadline is rebuilt from disk,
   * and while it is, the queries' limit follows the replicas ready, so one is still kept for writes: with a fixed
   * limit a hostile client's timed-out queries took both replicas in turn, and a publisher's 1,000-dataset re-PUT
   * waited for a query's timeout (481 ms quiet, up to 4.2 s beside 8 hostile clients, bench/hostile-bench.ts).
   */
  constructor(
    config: Config,
    shares?: Pick<MemoryShares, 'parsers' | 'validation'>,
    readyReplicas: () => number = () => config.queryWorkers,
    /** How many replicas run: fewer than QUERY_WORKERS when the budget holds fewer copies of the store (ReplicaPool). */
    runningReplicas: () => number = () => config.queryWorkers,
  ) {
    const bounded = (what: string, concurrency: number | (() => number)) => new WorkGate({ what, concurrency, queueLimit: config.publicWorkQueue, maxWaitMs: config.queryTimeoutMs });
    this.parses = bounded('dry-run parses', 1);
    // Their threads run at low priority: on a busy machine a publisher's parse and validation get the CPU first.
    this.parsers = new ParserPool({ threads: 1, admission: this.parses, memoryBytes: shares && shares.parsers * PublicWork.MEMORY_PART, background: true });
    // Keeps no catalogue index (a dry run's text is not the next write's), and compiles only the profiles dry runs ask
    // for: the writes' threads have checked them all at start.
    this.validator = new CatalogValidator({ threads: 1, cacheTriples: 0, compileAtStart: false, deadline: config.parseDeadline, memoryBytes: shares && shares.validation * PublicWork.MEMORY_PART, background: true });
    this.validations = bounded('dry-run validations', this.validator.threads);
    // By default one replica is kept from queries (none when there is only one); SPARQL_CONCURRENCY overrides it.
    const keptForWrites = () => (runningReplicas() > 1 ? 1 : 0);
    const limit = config.sparqlConcurrency;
    this.queryTime = new QueryTimeBudget(config.queryTimePerMinuteMs);
    this.queries = bounded('SPARQL queries', () => (limit === undefined ? readyReplicas() - keptForWrites() : Math.min(limit, readyReplicas())));
  }

  validate(profileId: string, ntriples: string, options: DryRunOptions = {}): Promise<CatalogValidation> {
    return this.validations.run(() => this.validator.validate(profileId, ntriples, undefined, { ...options, keepIndex: false }), options.signal);
  }

  /** Work running and waiting at each gate: `capacity` in /healthz. */
  get queues(): Record<'sparqlQueries' | 'dryRunParses' | 'dryRunValidations', { running: number; waiting: number }> {
    const depth = (gate: WorkGate) => ({ running: gate.running, waiting: gate.waiting });
    return { sparqlQueries: depth(this.queries), dryRunParses: depth(this.parses), dryRunValidations: depth(this.validations) };
  }

  /** The dry runs' parser and validation threads, counted with the writes' in /healthz and /metrics. */
  memory(): { parsers: PoolMemory; validation: PoolMemory } {
    return { parsers: this.parsers.memory(), validation: this.validator.memory() };
  }

  async close(): Promise<void> {
    await Promise.all([this.parsers.close(), this.validator.close()]);
  }
}
