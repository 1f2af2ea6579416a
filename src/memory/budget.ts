import fs from 'node:fs';
import os from 'node:os';

const MB = 1024 * 1024;

/** Where the budget came from, for /healthz: said so an operator can tell a default from a setting. */
export type BudgetSource = 'MEMORY_BUDGET_MB' | 'cgroup' | 'machine';

/**
 * The memory the server may take when MEMORY_BUDGET_MB is not set: three quarters of the container's limit (cgroup v2
 * `memory.max` or v1 `memory.limit_in_bytes`) or, without one, of the machine's memory. The quarter left is for what
 * is not divided into shares: V8's garbage between collections, the code of each thread, buffers of requests in flight.
 */
export function machineBudgetMb(): { mb: number; source: BudgetSource } {
  const machine = os.totalmem();
  const limit = cgroupLimit();
  const bytes = limit !== undefined && limit < machine ? limit : machine;
  return { mb: Math.max(1, Math.floor((bytes * 0.75) / MB)), source: limit !== undefined && limit < machine ? 'cgroup' : 'machine' };
}

function cgroupLimit(): number | undefined {
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const value = Number(fs.readFileSync(file, 'utf8').trim());
      // 'max' (v2) reads as NaN; v1 says "no limit" with a number near 2^63.
      if (Number.isFinite(value) && value > 0 && value < 2 ** 60) return value;
    } catch {
      // not in a cgroup, or another version
    }
  }
  return undefined;
}

/**
 * How the budget is divided, as fractions. Replicas hold the whole store each, so they get most; validation threads
 * keep catalog indexes (about 400 bytes a triple) for fast re-PUTs; parser threads hold one body's quads at a time;
 * extraction runs one catalog at a time; the main thread keeps catalog texts (CATALOG_CACHE_MB) and the search index.
 */
export const SHARES = {
  replicas: 0.45,
  validation: 0.2,
  parsers: 0.1,
  extraction: 0.05,
  catalogTexts: 0.1,
  searchIndex: 0.1,
} as const;

export type Component = keyof typeof SHARES;

/** The default of CATALOG_CACHE_MB: its share of the budget, at most the 512 MB it was before there was a budget. */
export function catalogTextsDefaultMb(budgetMb: number): number {
  return Math.min(512, Math.floor(budgetMb * SHARES.catalogTexts));
}

/** Bytes of each component in all; a pool divides its part among its threads. */
export type MemoryShares = Record<Component, number> & { totalBytes: number };

export function memoryShares(budgetMb: number, catalogCacheMb: number): MemoryShares {
  const total = budgetMb * MB;
  return {
    totalBytes: total,
    replicas: Math.floor(total * SHARES.replicas),
    validation: Math.floor(total * SHARES.validation),
    parsers: Math.floor(total * SHARES.parsers),
    extraction: Math.floor(total * SHARES.extraction),
    // CATALOG_CACHE_MB bounds the kept texts (its default is their share): what it says is what they may take.
    catalogTexts: catalogCacheMb * MB,
    searchIndex: Math.floor(total * SHARES.searchIndex),
  };
}
