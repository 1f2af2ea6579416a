import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer, tempDataDir, admin, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';
import { runCli } from '../support/cli.js';
import { canonical } from '../support/rdf.js';
import { makeCatalog } from '../support/catalogs.js';

// A fixed BASE_URL: the restored store is served by another process on another port, and catalog graphs are named
// {BASE_URL}/catalogs/{id}.
const BASE_URL = 'https://data.example.se';
const GRAPH = 'http://example.org/g1';
const WRITTEN = '<http://example.org/s> <http://example.org/n> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n<http://example.org/s> <http://example.org/b> _:tree .\n_:tree <http://example.org/p> "Åsa säger \\"hej\\""@sv .\n';

/** `dump` has a counterpart: a restored data directory serves the same documents, tokens and records. */
describe('restore', function () {
  this.timeout(180_000);
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });

  async function publishSome(): Promise<{ dataDir: string; token: string; catalog: string; records: unknown; graph: string }> {
    server = await startTestServer({ env: { BASE_URL } });
    const body = makeCatalog({ orgnr: '2120001355', name: 'Göteborgs Stad', catalogIri: `${BASE_URL}/catalogs/goteborg`, datasetBase: `${BASE_URL}/catalogs/goteborg/datasets`, datasets: 3 });
    const created = await fetch(`${server.url}/catalogs/goteborg`, { method: 'PUT', body, headers: { ...admin, 'Content-Type': 'text/turtle' } });
    expect(created.status, await created.text()).to.equal(201);
    expect((await put(`${server.url}/store?graph=${encodeURIComponent(GRAPH)}`, WRITTEN, 'application/n-triples')).status).to.equal(201);
    const issued = await fetch(`${server.url}/admin/tokens`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ organisation: 'goteborg' }) });
    expect(issued.status).to.equal(201);
    const { token } = (await issued.json()) as { token: string };
    const catalog = await (await fetch(`${server.url}/catalogs/goteborg.nt`)).text();
    const records = await (await fetch(`${server.url}/catalogs`, { headers: { Accept: 'application/json' } })).json();
    const graph = await (await fetch(`${server.url}/store?graph=${encodeURIComponent(GRAPH)}`, { headers: { Accept: 'application/n-triples' } })).text();
    const dataDir = server.dataDir;
    expect(await server.stop()).to.equal(0);
    server = undefined;
    return { dataDir, token, catalog, records, graph };
  }

  it('gives back the same dump, catalogs, records, tokens and literals as written', async () => {
    const before = await publishSome();
    const dump = await runCli(['dump'], { DATA_DIR: before.dataDir });
    expect(dump.code, dump.stderr).to.equal(0);
    expect(dump.stdout).to.include('<urn:x-dataportal-vast:records>');
    const file = path.join(tempDataDir('dpv-dump-'), 'backup.nq');
    fs.writeFileSync(file, dump.stdout);

    const restoredDir = path.join(tempDataDir('dpv-restore-'), 'data');
    const restored = await runCli(['restore', file], { DATA_DIR: restoredDir });
    expect(restored.code, restored.stderr).to.equal(0);
    expect(restored.stderr).to.match(/restored 3 graphs, \d+ quads and \d+ records/);
    // The restored store dumps as the one it came from: every graph, every literal as written, every record.
    const redump = await runCli(['dump'], { DATA_DIR: restoredDir });
    expect(await canonical(redump.stdout)).to.equal(await canonical(dump.stdout));

    server = await startTestServer({ dataDir: restoredDir, env: { BASE_URL } });
    expect(await canonical(await (await fetch(`${server.url}/catalogs/goteborg.nt`)).text())).to.equal(await canonical(before.catalog));
    expect(await (await fetch(`${server.url}/catalogs`, { headers: { Accept: 'application/json' } })).json()).to.deep.equal(before.records);
    const graph = await (await fetch(`${server.url}/store?graph=${encodeURIComponent(GRAPH)}`, { headers: { Accept: 'application/n-triples' } })).text();
    expect(graph).to.include('"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>');
    expect(await canonical(graph)).to.equal(await canonical(before.graph));
    // The organisation's token, issued before the dump, still publishes; an invented one does not.
    const body = makeCatalog({ orgnr: '2120001355', name: 'Göteborgs Stad', catalogIri: `${BASE_URL}/catalogs/goteborg`, datasetBase: `${BASE_URL}/catalogs/goteborg/datasets`, datasets: 4 });
    const rewrite = (token: string) => fetch(`${server!.url}/catalogs/goteborg`, { method: 'PUT', body, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/turtle' } });
    expect((await rewrite('not-a-token')).status).to.equal(401);
    expect((await rewrite(before.token)).status).to.equal(204);
    expect(await server.stop()).to.equal(0);
    server = undefined;

    const again = await runCli(['dump', '--graphs-only'], { DATA_DIR: restoredDir });
    expect(again.stdout).to.include('"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://example.org/g1> .');
    expect(again.stdout).not.to.include('urn:x-dataportal-vast:records');
  });

  it('refuses a data directory that is not empty, and leaves it as it was', async () => {
    const before = await publishSome();
    const file = path.join(tempDataDir('dpv-dump-'), 'backup.nq');
    fs.writeFileSync(file, (await runCli(['dump'], { DATA_DIR: before.dataDir })).stdout);
    const listing = fs.readdirSync(before.dataDir).sort();
    const result = await runCli(['restore', file], { DATA_DIR: before.dataDir });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/needs an empty data directory/);
    expect(fs.readdirSync(before.dataDir).sort()).to.deep.equal(listing);
  });

  it('names the line of a statement that is not N-Quads, and restores nothing', async () => {
    const file = path.join(tempDataDir('dpv-dump-'), 'broken.nq');
    fs.writeFileSync(file, '<http://e/s> <http://e/p> "ok" <http://e/g> .\n<http://e/s> <http://e/p> "never closed <http://e/g> .\n');
    const target = path.join(tempDataDir('dpv-restore-'), 'data');
    const result = await runCli(['restore', file], { DATA_DIR: target });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/broken\.nq, line 2: not an N-Quads statement/);
    expect(result.stderr).to.match(/nothing was restored/);
    expect(fs.existsSync(target)).to.equal(false);
    expect(fs.readdirSync(path.dirname(target))).to.deep.equal([]);
  });

  it('refuses a graph whose lines come back after another graph (its blank nodes could not be joined)', async () => {
    const file = path.join(tempDataDir('dpv-dump-'), 'split.nq');
    fs.writeFileSync(file, '<http://e/s> <http://e/p> _:b <http://e/g1> .\n<http://e/s> <http://e/p> "x" <http://e/g2> .\n_:b <http://e/p> "y" <http://e/g1> .\n');
    const target = path.join(tempDataDir('dpv-restore-'), 'data');
    const result = await runCli(['restore', file], { DATA_DIR: target });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/line 3: graph <http:\/\/e\/g1> comes back after other graphs/);
    expect(fs.existsSync(target)).to.equal(false);
  });

  it('names the graph and lines the store could not load', async () => {
    const file = path.join(tempDataDir('dpv-dump-'), 'bad-iri.nq');
    fs.writeFileSync(file, '<http://e/s> <http://e/p> "fine" <http://e/g1> .\n<http://e/s> <http://e/p> <not an iri> <http://e/g2> .\n');
    const target = path.join(tempDataDir('dpv-restore-'), 'data');
    const result = await runCli(['restore', file], { DATA_DIR: target });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/lines 2–2: graph <http:\/\/e\/g2> could not be loaded/);
    expect(fs.existsSync(target)).to.equal(false);
  });
});
