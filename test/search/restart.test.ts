import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { admin, startTestServer, type TestServer } from '../support/server.js';
import { BORAS, GOTEBORG, datasetIri, indexReady, publish, search } from './fixtures.js';

/**
 * The "dataset index loaded" log line of this process: how much it read from disk and had to extract again. The log
 * may reach us after /healthz has answered, so wait for it.
 */
async function lastLoad(server: TestServer): Promise<{ catalogs: number; datasets: number; toExtract: number }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const line = server.output().split('\n').find((l) => l.includes('"dataset index loaded"'));
    if (line) return JSON.parse(line) as { catalogs: number; datasets: number; toExtract: number };
    if (Date.now() > deadline) throw new Error(`no "dataset index loaded" in the log:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first page of the regional catalog as N-Triples. */
async function catalogPage(server: TestServer): Promise<string> {
  const res = await fetch(`${server.url}/catalog?page=1&pageSize=100`, { headers: { Accept: 'application/n-triples' } });
  expect(res.status).to.equal(200);
  return res.text();
}

describe('search index across restarts', function () {
  this.timeout(180_000);
  let server: TestServer | undefined;
  afterEach(async () => server?.kill());

  it('is persisted on a clean stop and loaded at the next start without extracting anything again', async () => {
    server = await startTestServer();
    await publish(server, GOTEBORG);
    await publish(server, BORAS);
    await indexReady(server);
    expect(await server.stop()).to.equal(0);
    expect(fs.readdirSync(path.join(server.dataDir, 'search')).sort()).to.deep.equal(['catalog-boras.json', 'catalog-goteborg.json', 'state.json', 'texts']);
    // One descriptions file per catalog: /catalog pages read their datasets from them.
    expect(fs.readdirSync(path.join(server.dataDir, 'search', 'texts')).map((f) => f.split('.')[0]).sort()).to.deep.equal(['boras', 'goteborg']);

    server = await server.restart();
    await indexReady(server);
    expect(await lastLoad(server)).to.include({ catalogs: 2, datasets: 8, toExtract: 0 });
    const page = await catalogPage(server);
    expect(page).to.include(`<${datasetIri('goteborg', 'laddstolpar')}> <http://purl.org/dc/terms/title>`);
    expect((await search(server, 'q=laddstolpe')).results.map((r) => r.iri)).to.deep.equal([datasetIri('goteborg', 'laddstolpar')]);
    expect((await search(server, '')).total).to.equal(8);
  });

  it('after kill -9 reflects the writes made just before it, extracting only the catalogs they touched', async () => {
    server = await startTestServer();
    await publish(server, GOTEBORG);
    await publish(server, BORAS);
    await indexReady(server);
    const renamed = { ...GOTEBORG, datasets: GOTEBORG.datasets.map((d) => (d.slug === 'laddstolpar' ? { ...d, title: { sv: 'Snabbladdare vid infartsparkeringar' } } : d)) };
    await publish(server, renamed);
    const res = await fetch(`${server.url}/catalogs/boras`, { method: 'DELETE', headers: admin });
    expect(res.status).to.equal(204);
    await server.kill();

    server = await server.restart();
    // The server answers while the index loads; searches see what is loaded so far.
    expect((await fetch(`${server.url}/search?q=skola`, { headers: { Accept: 'application/json' } })).status).to.equal(200);
    await indexReady(server);
    const load = await lastLoad(server);
    expect(load.toExtract).to.be.at.most(2);
    expect((await search(server, 'q=snabbladdare')).results.map((r) => r.iri)).to.deep.equal([datasetIri('goteborg', 'laddstolpar')]);
    expect((await search(server, 'q=laddstolpe')).total).to.equal(0);
    const page = await catalogPage(server);
    expect(page).to.include('"Snabbladdare vid infartsparkeringar"@sv');
    expect(page).not.to.include('/catalogs/boras/');
    const all = await search(server, '');
    expect(all.total).to.equal(GOTEBORG.datasets.length);
    expect(all.facets.organisation!.map((v) => v.value)).to.deep.equal(['goteborg']);
  });
});
