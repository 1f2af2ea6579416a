/**
 * Graph patches are a capability: the catalog writer and the quality graphs use patchGraph() where the backend offers
 * it and replace the graph otherwise. Both paths run here over the real embedded store, once as it is and once
 * behind a wrapper that hides the capability (a backend without patches, like a remote SPARQL store); the served
 * catalog and its quality graph must come out the same, also after a restart.
 */
import { expect } from 'chai';
import { readConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { registerStoreBackend } from '../../src/store/open-store.js';
import { openEmbeddedStore } from '../../src/store/embedded/open-embedded.js';
import type { Store } from '../../src/store/store.js';
import { ADMIN_TOKEN, admin, tempDataDir } from '../support/server.js';
import { canonical } from '../support/rdf.js';
import { count } from '../support/http.js';
import { catalogNTriples, datasetIri, datasetNTriples } from '../validation/catalog-generator.js';

const BASE = 'https://data.goteborg.se/katalog';
const WRITES = new Set(['replaceGraph', 'addToGraph', 'patchGraph', 'dropGraph', 'update']);

/** The store with every write recorded as "method graph"; with `hidePatches`, a backend that offers no patches. */
function observed(store: Store, hidePatches: boolean, writes: string[]): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'capabilities') return { ...target.capabilities, graphPatches: target.capabilities.graphPatches && !hidePatches };
      if (property === 'patchGraph' && hidePatches) return undefined;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (WRITES.has(String(property))) writes.push(`${String(property)} ${String(args[0])}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A server in this process over an embedded store in `dataDir`, seen through observed(). */
async function start(dataDir: string, hidePatches: boolean, writes: string[]): Promise<{ server: RunningServer; url: string }> {
  const restore = registerStoreBackend('embedded', (opening) => observed(openEmbeddedStore(opening), hidePatches, writes));
  try {
    // A fixed BASE_URL: graph names follow it, and a restart listens on another port.
    const config = readConfig({ PORT: '0', BASE_URL: 'https://portal.example.org', DATA_DIR: dataDir, ADMIN_TOKEN, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', COSTLY_RATE_LIMIT_PER_MINUTE: '0' });
    const server = await startServer(config);
    const address = server.http.address() as { port: number };
    return { server, url: `http://127.0.0.1:${address.port}` };
  } finally {
    restore();
  }
}

const put = (url: string, body: string) => fetch(`${url}/catalogs/goteborg`, { method: 'PUT', body, headers: { 'Content-Type': 'application/n-triples', ...admin } });

async function served(url: string): Promise<string> {
  const res = await fetch(`${url}/catalogs/goteborg.nt`);
  expect(res.status).to.equal(200);
  return canonical(await res.text());
}

/** Waits until every acknowledged write is in the search index, and so in the quality graphs. */
async function indexed(url: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { search: { state: string } };
    if (health.search.state === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the search index did not catch up in 30 s');
}

async function measurementsOf(url: string, dataset: number): Promise<number> {
  return count(url, `GRAPH ?g { ?m <http://www.w3.org/ns/dqv#computedOn> <${datasetIri(dataset, BASE)}> } FILTER(CONTAINS(STR(?g), "/quality/"))`);
}

const first = catalogNTriples(30, { base: BASE });
/** Dataset 3 revised, 7 dropped, 30 added, dataset 10's contact point (a blank-node tree) changed. */
const next = first
  .replace(datasetNTriples(3, { base: BASE }), datasetNTriples(3, { base: BASE, revision: 2 }))
  .replace(datasetNTriples(7, { base: BASE }), '')
  .replace(`_:contact10 <http://www.w3.org/2006/vcard/ns#fn> "Förvaltning 10"@sv .`, `_:contact10 <http://www.w3.org/2006/vcard/ns#fn> "Ny förvaltning"@sv .`)
  .concat(datasetNTriples(30, { base: BASE }));

for (const hidePatches of [false, true]) {
  describe(`catalog re-PUT on a backend ${hidePatches ? 'without' : 'with'} graph patches`, function () {
    this.timeout(180_000);
    const dataDir = tempDataDir('dpv-patches-');
    const writes: string[] = [];
    let running: { server: RunningServer; url: string } | undefined;

    after(async () => running?.server.stop());

    it(`stores the change as ${hidePatches ? 'a graph replace' : 'a patch'} and serves exactly the catalog sent`, async () => {
      running = await start(dataDir, hidePatches, writes);
      const { url } = running;
      expect(next).to.not.equal(first);
      expect(next).to.include('Ny förvaltning');
      expect((await put(url, first)).status).to.equal(201);
      await indexed(url);
      expect(await measurementsOf(url, 7)).to.equal(1);
      writes.length = 0;

      const res = await put(url, next);
      expect(res.status, await res.clone().text()).to.equal(204);
      const catalogWrites = writes.filter((w) => w.endsWith('/catalogs/goteborg'));
      expect(catalogWrites.map((w) => w.split(' ')[0])).to.deep.equal([hidePatches ? 'replaceGraph' : 'patchGraph']);
      expect(await served(url)).to.equal(await canonical(next));
      // Every contact point and period is a blank-node tree: a replace or patch that left an old one would show.
      const blankSubjects = await count(url, `{ SELECT DISTINCT ?b WHERE { GRAPH ?g { ?b ?p ?o FILTER(isBlank(?b)) } FILTER(CONTAINS(STR(?g), "/catalogs/goteborg")) } }`);
      expect(blankSubjects).to.equal(30 * 2);

      await indexed(url);
      expect(await measurementsOf(url, 7), 'the dropped dataset leaves the quality graph').to.equal(0);
      expect(await measurementsOf(url, 30), 'the added dataset enters it').to.equal(1);
      if (hidePatches) expect(writes.filter((w) => w.startsWith('patchGraph'))).to.deep.equal([]);
    });

    it('serves the same catalog after a restart', async () => {
      await running!.server.stop();
      running = await start(dataDir, hidePatches, writes);
      expect(await served(running.url)).to.equal(await canonical(next));
    });
  });
}
