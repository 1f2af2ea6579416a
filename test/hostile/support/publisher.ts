import { catalogNTriples } from '../../validation/catalog-generator.js';

/**
 * The publisher beside the hostile clients: Göteborg re-PUTting a generated catalogue with every dataset revised, so
 * each PUT parses, validates and stores the whole catalogue (a 1%-changed re-PUT of 1,000 datasets takes ~65 ms
 * quiet: three times that is within the noise of a shared machine, and measures little of the write path).
 */
export const BENCH_CATALOG_ID = 'goteborg-hostile';

export interface Publisher {
  /** PUT round `round` (0 creates the catalogue); status 0 when `signal` gave up on it first. */
  put(round: number, signal?: AbortSignal): Promise<{ status: number; ms: number; body: string }>;
}

export function publisher(url: string, token: string, datasets: number): Publisher {
  const base = `${url}/catalogs/${BENCH_CATALOG_ID}`;
  return {
    async put(round, signal) {
      const revisions: Record<number, { revision: number }> = {};
      for (let i = 0; round > 0 && i < datasets; i++) revisions[i] = { revision: round };
      const body = catalogNTriples(datasets, { base, datasets: revisions });
      const started = performance.now();
      try {
        const res = await fetch(`${base}${round === 0 ? '?profile=dcat-ap-3' : ''}`, {
          method: 'PUT',
          body,
          headers: { 'Content-Type': 'application/n-triples', Authorization: `Bearer ${token}` },
          signal,
        });
        const text = await res.text();
        return { status: res.status, ms: performance.now() - started, body: text };
      } catch (error) {
        return { status: 0, ms: performance.now() - started, body: (error as Error).message };
      }
    },
  };
}

/** Issue Göteborg a publisher token with the admin token. */
export async function publisherToken(url: string, adminToken: string): Promise<string> {
  const res = await fetch(`${url}/admin/tokens`, {
    method: 'POST',
    body: JSON.stringify({ organisation: 'goteborg' }),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
