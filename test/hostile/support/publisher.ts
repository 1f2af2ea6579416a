import { catalogNTriples } from '../../validation/catalog-generator.js';

/** The publisher beside the hostile clients: Göteborg re-PUTting a generated catalogue with 1% of it changed. */
export const BENCH_CATALOG_ID = 'goteborg-hostile';

export interface Publisher {
  /** PUT round `round` (0 creates the catalogue); status 0 when `signal` gave up on it first. */
  put(round: number, signal?: AbortSignal): Promise<{ status: number; ms: number; body: string }>;
}

export function publisher(url: string, token: string, datasets: number): Publisher {
  const base = `${url}/catalogs/${BENCH_CATALOG_ID}`;
  const changed = Math.max(1, Math.round(datasets / 100));
  return {
    async put(round, signal) {
      // Each round revises another 1% of the datasets, so every PUT is a real write.
      const revisions: Record<number, { revision: number }> = {};
      for (let k = 0; k < changed; k++) revisions[(round * changed + k) % datasets] = { revision: round };
      const body = catalogNTriples(datasets, { base, datasets: round ? revisions : {} });
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
