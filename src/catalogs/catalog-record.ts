import type { Records } from '../records/records.js';

/** What the server keeps about a catalog beside its graph (src/records), atomic with every write of the graph. */
export interface CatalogRecord {
  id: string;
  organisation: string;
  profile: string;
  /** The catalog resource as the publisher named it (often an IRI on its own website). */
  catalogIri: string;
  datasets: number;
  created: string;
  modified: string;
  /** Changes with every write: "<creation time, base 36>.<write count>", so a re-created catalog never reuses one. */
  version: string;
  public: boolean;
  warnings: WarningSummary[];
}

/** Warnings grouped by what they say, with a few of the resources concerned: enough to act on, small to keep. */
export interface WarningSummary {
  message: string;
  path: string | null;
  shape: string | null;
  count: number;
  examples: string[];
}

const KEY = 'catalog:';
export const recordKey = (id: string) => `${KEY}${id}`;

export function getRecord(records: Records, id: string): CatalogRecord | undefined {
  return records.get<CatalogRecord>(recordKey(id));
}

export function allRecords(records: Records): CatalogRecord[] {
  return records.entries<CatalogRecord>(KEY).map(([, record]) => record);
}

export function summariseWarnings(results: { message: string; path: string | null; shape: string | null; focusNode: string }[]): WarningSummary[] {
  const groups = new Map<string, WarningSummary>();
  for (const result of results) {
    const key = `${result.shape}\u0000${result.path}\u0000${result.message}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { message: result.message, path: result.path, shape: result.shape, count: 0, examples: [] }));
    group.count++;
    if (group.examples.length < 5 && !group.examples.includes(result.focusNode)) group.examples.push(result.focusNode);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
