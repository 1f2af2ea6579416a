import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';

async function mainHeapUsed(url: string): Promise<number> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { memory: { mainHeapUsed: number } };
  return health.memory.mainHeapUsed;
}

describe('a result of millions of rows', function () {
  this.timeout(300_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { QUERY_TIMEOUT_MS: '120000' } });
  });
  after(async () => server.kill());

  it('is streamed to the client in chunks with bounded memory', async () => {
    let data = '';
    for (let i = 0; i < 1500; i++) data += `<http://e/s${i}> <http://e/p> <http://e/o${i}> .\n`;
    expect((await put(`${server.url}/store?graph=http://e/rows`, data, 'application/n-triples')).status).to.equal(201);
    const heapBefore = await mainHeapUsed(server.url);
    let heapMax = heapBefore;
    // 1500 × 1500 = 2.25M rows, about 70 MB of TSV.
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT ?a ?b WHERE { ?a <http://e/p> ?x . ?b <http://e/p> ?y }')}`, {
      headers: { Accept: 'text/tab-separated-values' },
    });
    expect(res.status).to.equal(200);
    let rows = 0;
    let chunks = 0;
    let bytes = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      bytes += value.length;
      for (const byte of value) if (byte === 10) rows++;
      // A slow reader: the server must wait for it instead of buffering the rest.
      if (chunks % 50 === 0) {
        await new Promise((r) => setTimeout(r, 5));
        heapMax = Math.max(heapMax, await mainHeapUsed(server.url));
      }
    }
    expect(rows - 1).to.equal(1500 * 1500);
    expect(chunks).to.be.greaterThan(10);
    // Oxigraph builds the whole result in the replica's thread (its JS API has no iterator); the main thread, which
    // serves every other request, holds only the few 1 MiB chunks in flight.
    expect(bytes).to.be.greaterThan(50 * 1024 * 1024);
    expect(heapMax - heapBefore, `main heap grew ${heapMax - heapBefore} bytes for ${bytes} bytes of results`).to.be.lessThan(48 * 1024 * 1024);
    expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
  });
});
