import type { Logger } from 'pino';
import type { GraphName, Store } from '../store/store.js';
import { allRecords, getRecord } from '../catalogs/catalog-record.js';
import type { Records } from '../records/records.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import type { DatasetIndex } from './dataset-index.js';
import type { ExtractPool } from './extract-pool.js';
import type { PoolMemory } from '../memory/managed-pool.js';
import type { IndexFiles } from './index-files.js';
import type { DescriptionFiles } from './description-files.js';
import type { QualityGraphs } from '../quality/quality-graphs.js';
import { isDcatApCompliant } from '../quality/compliance.js';
import { COMPLIANCE_INDEX } from '../quality/indicators.js';

export interface IndexStatus {
  /** `loading`: reading the persisted index; `indexing`: catalogs waiting to be extracted; `ready`: caught up. */
  state: 'loading' | 'indexing' | 'ready';
  /** Catalogs waiting to be (re-)extracted, the one in progress included. */
  pending: number;
  datasets: number;
  version: number;
  /** The store sequence number every write up to which is in the index (0 until caught up once). */
  seq: number;
}

export interface FollowerDeps {
  store: Store;
  records: Records;
  index: DatasetIndex;
  files: IndexFiles;
  descriptions: DescriptionFiles;
  extractor: ExtractPool;
  baseUrl: string;
  log: Logger;
  /** The catalogs' DQV graphs, written after each catalog is indexed; absent in tools that only need the index. */
  quality?: QualityGraphs;
}

/**
 * Keeps the dataset index in step with the store: every acknowledged write names the graphs it touched, and each
 * touched public catalog graph is extracted again in the background. Writes to a catalog while it waits are one
 * extraction (the queue is a set); a catalog gone or no longer public leaves the index. At a start the persisted
 * index is loaded first (searches see it grow) and only catalogs written since it was persisted are extracted.
 */
export class IndexFollower {
  private readonly pending = new Set<string>();
  private inProgress: string | undefined;
  private loading = true;
  private running: Promise<void> | undefined;
  private started: Promise<void> | undefined;
  private stopping = false;
  /** Catalogs whose file is out of date, and catalogs whose file must go. */
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private indexedSeq = 0;
  /** An extraction failed: the files must not claim to reflect the store up to now. */
  private incomplete = false;
  private readonly waiters: (() => void)[] = [];
  private readonly catalogPrefix: string;
  /** A write may have touched any graph (SPARQL Update): the quality graphs must be rewritten from the index. */
  private qualityStale = false;

  constructor(private readonly deps: FollowerDeps) {
    this.catalogPrefix = `${catalogGraph(deps.baseUrl, '')}`;
    deps.store.onChange(({ graphs }) => this.touched(graphs));
  }

  get status(): IndexStatus {
    const pending = this.pending.size + (this.inProgress !== undefined ? 1 : 0);
    return {
      state: this.loading ? 'loading' : pending > 0 ? 'indexing' : 'ready',
      pending,
      datasets: this.deps.index.size,
      version: this.deps.index.version,
      seq: this.indexedSeq,
    };
  }

  /** The extraction thread's memory, for /healthz and /metrics. */
  extractionMemory(): PoolMemory {
    return this.deps.extractor.memory();
  }

  /** Load the persisted index and catch up, in the background; the store must be open. */
  start(): void {
    this.started ??= this.load()
      .catch((error: Error) => {
        this.deps.log.error({ err: error.message }, 'the persisted dataset index could not be loaded; extracting every catalog');
        for (const record of allRecords(this.deps.records)) this.pending.add(record.id);
      })
      .finally(() => {
        this.loading = false;
        this.kick();
      });
  }

  /** Resolves when nothing is waiting to be indexed (used by stop and by in-process tests). */
  idle(): Promise<void> {
    if (!this.loading && !this.running && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Finish the extraction in progress, persist what the index holds, and stop following. Catalogs still waiting are
   * left to the next start, which finds them in the journal.
   */
  async close(): Promise<void> {
    this.stopping = true;
    await this.started;
    await this.running;
    await this.persist();
    await this.deps.extractor.close();
    await this.deps.descriptions.close();
  }

  /** The descriptions of a page of the dataset index's datasets, as N-Triples (see DescriptionFiles). */
  descriptionsOf(items: { iri: string; catalog: string }[]): Promise<string> {
    return this.deps.descriptions.read(items);
  }

  private touched(touched: GraphName[] | 'all'): void {
    if (touched === 'all') {
      this.qualityStale = true;
      for (const record of allRecords(this.deps.records)) this.pending.add(record.id);
      for (const catalog of this.deps.index.catalogs()) this.pending.add(catalog);
    } else {
      for (const graph of touched) {
        const id = this.catalogOf(graph);
        if (id !== undefined) this.pending.add(id);
      }
    }
    this.kick();
  }

  private catalogOf(graph: GraphName): string | undefined {
    if (!graph.startsWith(this.catalogPrefix)) return undefined;
    const id = graph.slice(this.catalogPrefix.length);
    return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? id : undefined;
  }

  private async load(): Promise<void> {
    const { store, index, files, descriptions, log } = this.deps;
    const started = Date.now();
    const state = await files.readState();
    const persisted = new Set<string>();
    for await (const file of files.readCatalogs((name, error) => log.warn({ file: name, err: error.message }, 'unreadable dataset index file; its catalog is extracted again'))) {
      index.replaceCatalog(file.catalog, file.organisation, file.summaries);
      persisted.add(file.catalog);
      // Without its descriptions file the catalog is searchable but extracted again for /catalog pages.
      if (!file.texts || !(await descriptions.adopt(file.catalog, file.texts))) this.pending.add(file.catalog);
      // Let requests in between files: a large region's files take a while to parse.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const publicIds = new Set(allRecords(this.deps.records).filter((r) => r.public).map((r) => r.id));
    for (const id of persisted) {
      if (!publicIds.has(id)) {
        index.removeCatalog(id);
        descriptions.remove(id);
        this.removed.add(id);
      }
    }
    await descriptions.removeUnreferenced();
    for (const id of publicIds) if (!persisted.has(id)) this.pending.add(id);
    const touched = state ? store.touchedSince(state.seq) : 'unknown';
    if (touched === 'unknown' || touched === 'all') {
      if (persisted.size) log.info({ persistedSeq: state?.seq, reason: touched }, 'the journal does not say which catalogs changed since the index was persisted; extracting every catalog');
      for (const id of publicIds) this.pending.add(id);
    } else {
      for (const graph of touched) {
        const id = this.catalogOf(graph);
        if (id !== undefined) this.pending.add(id);
      }
    }
    log.info({ catalogs: persisted.size, datasets: index.size, toExtract: this.pending.size, ms: Date.now() - started }, 'dataset index loaded');
  }

  private kick(): void {
    if (this.loading || this.running || this.stopping) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // A write may have arrived after the loop saw an empty queue and before this ran.
      if (this.pending.size && !this.stopping) this.kick();
      else for (const resolve of this.waiters.splice(0)) resolve();
    });
  }

  private async drain(): Promise<void> {
    if (this.qualityStale && this.deps.quality) {
      this.qualityStale = false;
      await this.deps.quality.forget(new Set(this.deps.index.catalogs())).catch((error: Error) => this.deps.log.warn({ err: error.message }, 'stray quality graphs not dropped'));
    }
    while (this.pending.size && !this.stopping) {
      const id = this.pending.values().next().value as string;
      this.pending.delete(id);
      this.inProgress = id;
      try {
        await this.indexCatalog(id);
      } catch (error) {
        this.incomplete = true;
        this.deps.log.warn({ catalog: id, err: (error as Error).message }, 'catalog not indexed; the next start extracts it again');
      } finally {
        this.inProgress = undefined;
      }
    }
    await this.persist();
  }

  private async indexCatalog(id: string): Promise<void> {
    const { store, records, index, extractor, descriptions, baseUrl } = this.deps;
    const record = getRecord(records, id);
    const graph = catalogGraph(baseUrl, id);
    const chunks: Uint8Array[] = [];
    const found = record?.public === true && (await store.render([{ graph }], 'application/n-triples', (chunk) => void chunks.push(chunk), { requireGraph: graph }));
    if (!found || !record) {
      if (index.removeCatalog(id)) this.removed.add(id);
      descriptions.remove(id);
      this.dirty.delete(id);
      await this.deps.quality?.remove(id);
      return;
    }
    const ntriples = Buffer.concat(chunks).toString('utf8');
    chunks.length = 0;
    const compliant = isDcatApCompliant(record);
    const before = index.summariesOf(id);
    // Datasets the index keeps as they are (same hash, same organisation) keep their quality too, unless the
    // catalog's compliance changed: then every dataset is assessed again.
    const sameBasis = index.organisationOf(id) === record.organisation && before.every((s) => s.quality.met[COMPLIANCE_INDEX] === (compliant ? 1 : 0));
    const assessed = sameBasis ? before.map((s) => s.hash) : [];
    const { summaries, texts } = await extractor.extract({ ntriples, catalog: id, organisation: record.organisation, now: new Date().toISOString(), compliant, assessed });
    await descriptions.replace(id, texts);
    index.replaceCatalog(id, record.organisation, summaries);
    // The descriptions file is new even when no summary changed, and the catalog's index file names it.
    this.dirty.add(id);
    this.removed.delete(id);
    // Before the index is persisted (drain → persist), so a file never claims a state the quality graph lacks.
    await this.deps.quality?.write(id, before, index.summariesOf(id));
  }

  /** Write the files of catalogs that changed; the state only when caught up, with the sequence number it reflects. */
  private async persist(): Promise<void> {
    // Read before any await: every write up to here has reached touched(), and none is waiting when caught up.
    const caughtUp = !this.loading && this.pending.size === 0 && !this.incomplete;
    const seq = this.deps.store.stats().seq;
    const { files, index } = this.deps;
    try {
      for (const id of [...this.dirty]) {
        this.dirty.delete(id);
        const organisation = index.organisationOf(id);
        if (organisation !== undefined) await files.writeCatalog(id, organisation, index.summariesOf(id), this.deps.descriptions.persisted(id));
      }
      for (const id of [...this.removed]) {
        this.removed.delete(id);
        await files.removeCatalog(id);
      }
      if (caughtUp && seq !== this.indexedSeq) {
        await files.writeState(seq);
        this.indexedSeq = seq;
      }
    } catch (error) {
      this.deps.log.error({ err: (error as Error).message }, 'the dataset index could not be persisted; the next start extracts the catalogs again');
    }
  }
}
