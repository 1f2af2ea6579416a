import { admin, type TestServer } from '../support/server.js';
import { makeCatalog } from '../support/catalogs.js';

/** The memory part of /healthz, as tests read it (src/memory/report.ts). */
export interface HealthMemory {
  rss: number;
  mainHeapUsed: number;
  budget: { bytes: number; source: string };
  components: {
    main: { bytes: number; shareBytes: number };
    replicas: {
      bytes: number;
      shareBytes: number;
      recycled: number;
      running: number;
      most: number;
      followsBudget: boolean;
      lowered: number;
      replicas: { name: string; ready: boolean; retiring: boolean; heapUsed: number; external: number; freshBytes: number }[];
    };
    parsers: PoolMemory;
    validation: PoolMemory;
    extraction: PoolMemory;
    catalogTexts: { bytes: number; catalogs: number; shareBytes: number };
    searchIndex: { datasets: number; shareBytes: number };
  };
}

interface PoolMemory {
  bytes: number;
  shareBytes: number;
  threadShareBytes: number;
  recycled: number;
  queued: number;
  threads: { threadId: number; heapUsed: number; external: number }[];
}

export async function health(server: TestServer): Promise<Record<string, unknown> & { memory: HealthMemory; replicas: number; replicasReady: number }> {
  const res = await fetch(`${server.url}/healthz`);
  return (await res.json()) as Record<string, unknown> & { memory: HealthMemory; replicas: number; replicasReady: number };
}

export function goteborgCatalog(datasets: number): string {
  return makeCatalog({ orgnr: '2120001355', name: 'Göteborg', catalogIri: 'http://example.org/gbg/catalog', datasetBase: 'http://example.org/gbg', datasets });
}

export function putCatalog(server: TestServer, body: string): Promise<Response> {
  return fetch(`${server.url}/catalogs/goteborg`, { method: 'PUT', body, headers: { 'Content-Type': 'text/turtle', ...admin } });
}

/** Poll until `check` holds (or fail after `ms`): memory reports arrive after the work they follow. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function tripleCount(server: TestServer): Promise<number> {
  const res = await fetch(`${server.url}/catalogs/goteborg.nt`);
  return (await res.text()).split('\n').filter(Boolean).length;
}
