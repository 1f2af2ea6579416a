/**
 * Re-sending an unchanged catalog costs nothing lasting. Each parse of a body left its quads' wasm memory behind in
 * the parser thread (Oxigraph frees it only in finalizers, which a Piscina thread never ran between tasks): about
 * 37 KB per re-PUT of this catalog, RSS from 470 to 870 MB after 9,000 of them. The parser threads' and replicas'
 * external (wasm) memory, as they report it in /healthz, must stay where it was.
 */
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { eventually, goteborgCatalog, health, putCatalog, type HealthMemory } from './support.js';

const RE_PUTS = 600;
/** Before the fix the parser threads' external memory grew by about 20 MB over these re-PUTs. */
const ALLOWED_GROWTH = 3 * 1024 * 1024;

describe('unchanged re-PUTs', function () {
  this.timeout(300_000);
  let server: TestServer;

  before(async () => {
    // A budget large enough that no thread is replaced: the growth would otherwise be hidden by a fresh thread.
    server = await startTestServer({ env: { MEMORY_BUDGET_MB: '100000' } });
  });
  after(async () => {
    await server?.stop();
  });

  const external = (threads: { external: number }[]) => threads.reduce((sum, t) => sum + t.external, 0);
  const parsersAndReplicas = (m: HealthMemory) => ({
    parsers: external(m.components.parsers.threads),
    replicas: external(m.components.replicas.replicas),
    threads: m.components.parsers.threads.map((t) => t.threadId).sort(),
  });

  it('leave the parser threads and replicas holding what they held', async () => {
    const body = goteborgCatalog(10);
    expect((await putCatalog(server, body)).status).to.equal(201);
    // Warm up: both parser threads started, the writer keeps the catalog's text.
    await Promise.all([0, 1].map(async () => {
      for (let i = 0; i < 20; i++) expect((await putCatalog(server, body)).status).to.equal(204);
    }));
    const start = parsersAndReplicas((await eventually(() => health(server), (h) => h.memory.components.parsers.threads.length > 0)).memory);

    await Promise.all([0, 1, 2, 3].map(async () => {
      for (let i = 0; i < RE_PUTS / 4; i++) {
        const res = await putCatalog(server, body);
        await res.arrayBuffer();
        expect(res.status).to.equal(204);
      }
    }));
    const end = parsersAndReplicas((await health(server)).memory);
    const { memory } = await health(server);
    expect(memory.components.parsers.recycled, 'no thread was replaced').to.equal(0);
    expect(end.threads, 'the same parser threads').to.deep.equal(start.threads);
    expect(end.parsers - start.parsers, `parser threads' external memory grew from ${start.parsers} to ${end.parsers}`).to.be.below(ALLOWED_GROWTH);
    expect(end.replicas - start.replicas, `replicas' external memory grew from ${start.replicas} to ${end.replicas}`).to.be.below(ALLOWED_GROWTH);
  });
});
