/**
 * With QUERY_WORKERS unset, the server runs as many replicas as copies of the store fit the replicas' share of
 * MEMORY_BUDGET_MB (src/store/replica-pool.ts, fitToBudget): a budget that cannot hold two copies with room to spare
 * runs one instead of replacing two again and again. Budgets here are derived from what this machine's replicas
 * measure, so the test holds wherever it runs.
 */
import os from 'node:os';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { indexReady } from '../support/dataset-index.js';
import { eventually, goteborgCatalog, health, putCatalog, tripleCount } from './support.js';

const MB = 1024 * 1024;
/** src/memory/budget.ts, SHARES.replicas. */
const REPLICAS_SHARE = 0.45;

type Health = Awaited<ReturnType<typeof health>>;

function replicas(h: Health) {
  return h.memory.components.replicas;
}

/** A budget whose replicas' share is `times` the given bytes. */
function budgetFor(bytes: number, times: number): string {
  return String(Math.ceil((bytes * times) / REPLICAS_SHARE / MB));
}

async function sparqlCount(server: TestServer): Promise<number> {
  const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')}`, { headers: { Accept: 'application/sparql-results+json' } });
  expect(res.status).to.equal(200);
  return Number(((await res.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value);
}

describe('replicas following the memory budget', function () {
  this.timeout(600_000);
  let server: TestServer | undefined;

  before(function () {
    if (Math.min(2, os.availableParallelism()) < 2) this.skip(); // one core: one replica whatever the budget
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('run one replica when two copies of the store do not fit, and QUERY_WORKERS=2 still runs two', async () => {
    server = await startTestServer();
    expect((await putCatalog(server, goteborgCatalog(1500))).status).to.equal(201);
    const stored = await tripleCount(server);
    server = await restartAndSettle(server, {});
    const roomy = replicas(await health(server));
    expect(roomy.followsBudget).to.equal(true);
    expect(roomy.running).to.equal(2);
    const fresh = Math.max(...roomy.replicas.map((r) => r.freshBytes));

    // Room for 1.8 fresh copies: two would need 4 (each fitting twice over), one has plenty.
    server = await restartAndSettle(server, { MEMORY_BUDGET_MB: budgetFor(fresh, 1.8) });
    let h = await health(server);
    expect(h.replicas).to.equal(1);
    expect(replicas(h).running).to.equal(1);
    expect(replicas(h).replicas).to.have.length(1);
    // Queries are not held back for a replica kept for writes when there is only one.
    const quads = await sparqlCount(server);
    expect(quads).to.be.at.least(stored);

    // Writes go on, and the one replica is not replaced over and over.
    for (let round = 0; round < 4; round++) {
      expect((await putCatalog(server, goteborgCatalog(1500 + (round % 2)))).status).to.equal(204);
    }
    expect((await putCatalog(server, goteborgCatalog(1500))).status).to.equal(204);
    expect(await tripleCount(server)).to.equal(stored);
    h = await health(server);
    expect(h.replicas).to.equal(1);
    // Five writes of 1,500 datasets: a replacement or two when its wasm memory peaks, not one per write.
    expect(replicas(h).recycled).to.be.at.most(2);
    // The quality graphs follow each write once the search index has it: count after they have.
    await indexReady(server);
    const written = await sparqlCount(server);
    expect(written).to.be.at.least(stored);

    // An explicit QUERY_WORKERS is the operator's word: two, at the same budget.
    server = await restartAndSettle(server, { QUERY_WORKERS: '2' });
    h = await health(server);
    expect(h.replicas).to.equal(2);
    expect(replicas(h).followsBudget).to.equal(false);
    await indexReady(server);
    expect(await sparqlCount(server)).to.equal(written);
  });

  it('go down to one replica as the store outgrows two copies, and /healthz says so', async () => {
    server = await startTestServer();
    const empty = Math.max(...replicas(await eventually(() => health(server!), (h) => h.replicasReady === 2)).replicas.map((r) => r.freshBytes));
    await server.stop();
    // Room for 4.4 empty copies: two load at the start (each fits twice over); a catalog that grows each past 1.47
    // times an empty one leaves them no half to spare.
    server = await startTestServer({ env: { MEMORY_BUDGET_MB: budgetFor(empty, 4.4) } });
    let h = await eventually(() => health(server!), (value) => value.replicasReady === 2);
    expect(replicas(h).running).to.equal(2);

    expect((await putCatalog(server, goteborgCatalog(3000))).status).to.equal(201);
    const stored = await tripleCount(server);
    h = await eventually(() => health(server!), (value) => value.replicas === 1 && value.replicasReady === 1 && replicas(value).replicas.length === 1);
    expect(replicas(h).lowered).to.equal(1);
    expect(replicas(h).running).to.equal(1);
    expect(h.status).to.equal('ok');
    expect(await sparqlCount(server)).to.be.at.least(stored);
    expect((await putCatalog(server, goteborgCatalog(3001))).status).to.equal(204);
    expect(await tripleCount(server)).to.be.greaterThan(stored);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(Number(/^dpv_memory_replicas_running (\d+)/m.exec(metrics)?.[1])).to.equal(1);
  });
});

/** Restart with `env` added and wait until every replica the server decided to run is ready. */
async function restartAndSettle(server: TestServer, env: Record<string, string>): Promise<TestServer> {
  await server.stop();
  const next = await server.restart(env);
  await eventually(() => health(next), (h) => h.replicasReady === h.replicas && replicas(h).replicas.every((r) => r.ready), 120_000);
  // A replica that fits would be loaded right after the first: give the pool a moment to show that it decided not to.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return next;
}
