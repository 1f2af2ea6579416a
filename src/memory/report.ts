import type { AppContext } from '../context.js';
import type { StoreMemory } from '../store/store.js';
import type { CatalogServices } from '../catalogs/routes.js';
import { combinedMemory, type PoolMemory } from './managed-pool.js';
import { memoryShares, type BudgetSource } from './budget.js';
import { threadBytes } from './thread-memory.js';

/** Memory per component, as /healthz shows it under `memory` (and /metrics as gauges). Bytes throughout. */
type WithShare<T> = T & { shareBytes: number };

/** Memory per component, as /healthz shows it under `memory` (and /metrics as gauges). Bytes throughout. */
export interface MemoryReport {
  budget: { bytes: number; source: BudgetSource };
  /** Each with `shareBytes`, its part of the budget in all. */
  components: {
    /** The main thread's heap: requests, the search index, the kept catalog texts. */
    main: WithShare<{ bytes: number; heapUsed: number; external: number }>;
    /** The store backend's memory in this process (the embedded store: its replicas, each with its heap and wasm memory). */
    replicas: WithShare<StoreMemory>;
    parsers: WithShare<PoolMemory>;
    validation: WithShare<PoolMemory>;
    extraction: WithShare<PoolMemory>;
    /** Texts of recently written catalogs, kept in the main thread (CATALOG_CACHE_MB). */
    catalogTexts: WithShare<{ bytes: number; catalogs: number }>;
    /** The dataset index, in the main thread: counted in `main`; it holds every public dataset and drops none. */
    searchIndex: WithShare<{ datasets: number }>;
  };
}

export function memoryReport(ctx: Pick<AppContext, 'config' | 'store' | 'parsers' | 'validator' | 'indexer' | 'datasets' | 'publicWork'>, catalogs: Pick<CatalogServices, 'writer'>): MemoryReport {
  const shares = memoryShares(ctx.config.memoryBudgetMb, ctx.config.catalogCacheMb);
  const { heapUsed, external } = process.memoryUsage();
  const kept = catalogs.writer.keptTexts;
  const dryRuns = ctx.publicWork.memory();
  return {
    budget: { bytes: shares.totalBytes, source: ctx.config.memoryBudgetSource },
    components: {
      main: { bytes: threadBytes({ heapUsed, external }), heapUsed, external, shareBytes: shares.catalogTexts + shares.searchIndex },
      replicas: { ...ctx.store.memory(), shareBytes: shares.replicas },
      // The dry runs' threads (capacity/public-work.ts) keep to a part of the same shares.
      parsers: { ...combinedMemory([ctx.parsers.memory(), dryRuns.parsers]), shareBytes: shares.parsers },
      validation: { ...combinedMemory([ctx.validator.memory(), dryRuns.validation]), shareBytes: shares.validation },
      extraction: { ...ctx.indexer.extractionMemory(), shareBytes: shares.extraction },
      catalogTexts: { bytes: kept.bytes, catalogs: kept.catalogs, shareBytes: shares.catalogTexts },
      searchIndex: { datasets: ctx.datasets.size, shareBytes: shares.searchIndex },
    },
  };
}

/** Work waiting per queue, for /metrics. */
export function queueDepths(report: MemoryReport, indexPending: number): Record<string, number> {
  const { components: c } = report;
  return { replicas: c.replicas.queued ?? 0, parsers: c.parsers.queued, validation: c.validation.queued, extraction: c.extraction.queued, search_index: indexPending };
}
