import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { count, put, select } from '../support/http.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const doc = (i: number) => `<http://example.org/s${i}> <http://example.org/p> "value ${i}" .\n`;

async function graphText(server: TestServer, graph: string): Promise<string> {
  const res = await fetch(`${server.url}/store?graph=${encodeURIComponent(graph)}`, { headers: { Accept: 'application/n-triples' } });
  expect(res.status).to.equal(200);
  return res.text();
}

describe('durability of the embedded store', function () {
  this.timeout(120_000);
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });

  it('brings back every acknowledged write after kill -9 in the middle of a stream of writes', async () => {
    server = await startTestServer();
    const acknowledged: number[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let i = w; !stop; i += 4) {
          try {
            const res = await put(`${server!.url}/store?graph=http://example.org/g${i}`, doc(i), 'application/n-triples');
            if (res.status === 201) acknowledged.push(i);
          } catch {
            return; // connection refused: the server is gone
          }
        }
      })(),
    );
    // Kill once writes are well under way, however busy the machine is, and while more are in flight.
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).to.be.greaterThan(20);

    server = await server.restart();
    const rows = await select(server.url, 'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }');
    const present = new Set(rows.results.bindings.map((b) => b.g!.value));
    const missing = acknowledged.filter((i) => !present.has(`http://example.org/g${i}`));
    expect(missing, 'acknowledged writes missing after kill -9').to.deep.equal([]);
  });

  it('restarts to the same graphs and quads, through snapshots and journal alike', async () => {
    // A tiny compaction threshold makes the server snapshot after almost every write.
    server = await startTestServer({ env: { COMPACT_JOURNAL_BYTES: '200' } });
    for (let i = 0; i < 20; i++) {
      expect((await put(`${server.url}/store?graph=http://example.org/g${i % 7}`, doc(i) + doc(i + 100), 'application/n-triples')).status).to.be.oneOf([201, 204]);
    }
    await new Promise((r) => setTimeout(r, 500));
    const before = await graphDump(server);
    await server.kill();
    server = await server.restart();
    expect(await graphDump(server)).to.deep.equal(before);
    expect(fs.readdirSync(path.join(server.dataDir, 'snapshots')).some((f) => f.endsWith('.nt'))).to.equal(true);
  });

  it('drops a torn last journal record instead of refusing to start', async () => {
    server = await startTestServer();
    await put(`${server.url}/store?graph=http://example.org/kept`, doc(1), 'application/n-triples');
    await server.kill();
    const segments = fs.readdirSync(path.join(server.dataDir, 'journal')).sort();
    const last = path.join(server.dataDir, 'journal', segments.at(-1)!);
    // Half a frame: a length that promises more bytes than follow.
    fs.appendFileSync(last, Buffer.from([0xff, 0x00, 0x00, 0x00, 0x12, 0x34]));
    server = await server.restart();
    expect(await count(server.url)).to.equal(1);
    expect(server.output()).to.match(/torn record/);
    expect((await put(`${server.url}/store?graph=http://example.org/after`, doc(2), 'application/n-triples')).status).to.equal(201);
    await server.kill();
    server = await server.restart();
    expect(await count(server.url)).to.equal(2);
  });

  it('gives back the literals exactly as written, also after a restart from snapshots', async () => {
    server = await startTestServer({ env: { COMPACT_JOURNAL_BYTES: '1' } });
    const written =
      `<http://example.org/d> <http://www.w3.org/ns/dcat#byteSize> "5"^^<${XSD}nonNegativeInteger> .\n` +
      `<http://example.org/d> <http://example.org/price> "1.50"^^<${XSD}decimal> .\n` +
      `<http://example.org/d> <http://example.org/n> "007"^^<${XSD}int> .\n` +
      `<http://example.org/d> <http://example.org/when> "2024-01-01T10:00:00.000Z"^^<${XSD}dateTime> .\n`;
    await put(`${server.url}/store?graph=http://example.org/lit`, written, 'application/n-triples');
    const sorted = written.split('\n').filter(Boolean).sort().join('\n') + '\n';
    expect(await graphText(server, 'http://example.org/lit')).to.equal(sorted);
    // SPARQL sees Oxigraph's canonical form; documented in the README.
    const rows = await select(server.url, 'SELECT ?o WHERE { <http://example.org/d> <http://www.w3.org/ns/dcat#byteSize> ?o }');
    expect(rows.results.bindings[0]!.o!.datatype).to.equal(`${XSD}integer`);
    await new Promise((r) => setTimeout(r, 500));
    await server.stop();
    server = await server.restart();
    expect(await graphText(server, 'http://example.org/lit')).to.equal(sorted);
  });

  it('finishes in-flight writes and exits 0 on SIGTERM', async () => {
    server = await startTestServer();
    const write = put(`${server.url}/store?graph=http://example.org/last`, doc(9), 'application/n-triples');
    await new Promise((r) => setTimeout(r, 5));
    const exit = server.stop();
    const status = (await write).status;
    expect(await exit).to.equal(0);
    server = await server.restart();
    expect(await count(server.url)).to.equal(status === 201 ? 1 : 0);
  });
});

async function graphDump(server: TestServer): Promise<Record<string, string>> {
  const rows = await select(server.url, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g');
  const result: Record<string, string> = {};
  for (const row of rows.results.bindings) {
    const graph = row.g!.value;
    const res = await fetch(`${server.url}/store?graph=${encodeURIComponent(graph)}`, { headers: { Accept: 'application/n-triples', ...admin } });
    result[graph] = await res.text();
  }
  return result;
}
