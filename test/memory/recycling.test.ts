/**
 * A thread past its memory share is replaced by a fresh one when idle, and the server goes on answering correctly:
 * with a budget of 1 MB every replica, parser, validation and extraction thread is past its share after a write.
 */
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { eventually, goteborgCatalog, health, putCatalog, tripleCount } from './support.js';

describe('threads past their memory share', function () {
  this.timeout(180_000);
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ env: { MEMORY_BUDGET_MB: '1', QUERY_WORKERS: '2' } });
  });
  after(async () => {
    await server?.stop();
  });

  it('are replaced when idle, and the store answers as before', async () => {
    const before = (await health(server)).memory.components;
    expect(before.replicas.recycled).to.equal(0);
    expect(before.parsers.recycled).to.equal(0);

    const body = goteborgCatalog(200);
    expect((await putCatalog(server, body)).status).to.equal(201);
    const stored = await tripleCount(server);
    expect(stored).to.be.greaterThan(200 * 10);

    // The write grew each replica's store well past a quarter of its share over what it held when loaded.
    const after = await eventually(
      () => health(server),
      (h) => h.memory.components.replicas.recycled > 0 && h.memory.components.parsers.recycled > 0 && h.replicasReady === h.replicas,
    );
    expect(after.memory.components.replicas.replicas.filter((r) => r.ready && !r.retiring)).to.have.length(2);
    expect(after.status).to.equal('ok');
    // A fresh replica was loaded from the snapshot and journal: it holds the same catalog.
    for (let read = 0; read < 4; read++) expect(await tripleCount(server)).to.equal(stored);
    const count = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')}`, { headers: { Accept: 'application/sparql-results+json' } });
    const n = Number(((await count.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value);
    expect(n).to.be.at.least(stored);

    // Writes keep working on the fresh threads: an unchanged re-PUT, then a change.
    expect((await putCatalog(server, body)).status).to.equal(204);
    expect((await putCatalog(server, goteborgCatalog(201))).status).to.equal(204);
    expect(await tripleCount(server)).to.be.greaterThan(stored);
    // Validation and extraction threads too, once the writes' validations and extractions are done.
    await eventually(
      () => health(server),
      (h) => h.memory.components.validation.recycled > 0 && h.memory.components.extraction.recycled > 0,
    );

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(Number(/^dpv_memory_recycled_threads\{component="replicas"\} (\d+)/m.exec(metrics)![1])).to.be.greaterThan(0);
    expect(Number(/^dpv_memory_recycled_threads\{component="parsers"\} (\d+)/m.exec(metrics)![1])).to.be.greaterThan(0);
  });
});
