import { indexReady } from '../support/dataset-index.js';
import fs from 'node:fs';
import net from 'node:net';
import { generateRegion, type GeneratedRegion } from '../../src/demo/region-generator.js';
import { admin, startTestServer, type TestServer } from '../support/server.js';

/** Big enough for every page type, paging over several /catalog pages and facets with many values; small enough to publish in seconds. */
export const REGION_DATASETS = 150;

/** What a browser sends for a page load (Chromium's and Firefox's navigation Accept). */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export interface RegionServer {
  server: TestServer;
  url: string;
  region: GeneratedRegion;
  /** Stop the server and remove its data directory (a region is a few MB; suites run often). */
  stop(): Promise<void>;
}

/**
 * The generated region's IRIs are minted under BASE_URL, so BASE_URL must be known before the server starts: the
 * port is chosen here (free at the time of asking) and passed as both PORT and BASE_URL.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A real server holding a generated region, every catalog PUT through the gate with the admin token, indexed. */
export async function startRegionServer(datasets = REGION_DATASETS): Promise<RegionServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // One replica and no warming: the suite reads, it does not measure.
  const server = await startTestServer({ port, env: { BASE_URL: url, QUERY_WORKERS: '1', WARM_CATALOGS: 'false' } });
  const region = generateRegion({ datasets, baseUrl: url });
  const stop = async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
  try {
    for (const catalog of region.catalogs) await publishCatalog(url, catalog.id, catalog.text, catalog.mediaType);
    await indexReady(server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { server, url, region, stop };
}

export { indexReady };

export async function publishCatalog(url: string, id: string, text: string, mediaType: string): Promise<void> {
  const res = await fetch(`${url}/catalogs/${id}`, { method: 'PUT', body: text, headers: { ...admin, 'Content-Type': mediaType } });
  if (res.status !== 201 && res.status !== 204) throw new Error(`PUT /catalogs/${id}: ${res.status} ${await res.text()}`);
}
