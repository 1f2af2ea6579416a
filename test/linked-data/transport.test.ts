import http from 'node:http';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';
import { makeCatalog } from '../support/catalogs.js';
import { GOTEBORG_TURTLE } from '../support/linked-data.js';

const BASE_URL = 'https://data.example.se';

/** A GET with node:http, so the body arrives as sent (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('linked data: CORS and compression', function () {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { BASE_URL } });
    expect((await put(`${server.url}/catalogs/goteborg`, GOTEBORG_TURTLE)).status).to.equal(201);
    const big = makeCatalog({ orgnr: '2120001561', name: 'Borås', catalogIri: 'https://data.boras.se/catalog', datasetBase: 'https://data.boras.se/d', datasets: 300 });
    expect((await put(`${server.url}/catalogs/boras`, big)).status).to.equal(201);
  });
  after(async () => {
    await server.stop();
  });

  for (const [path, method, headers] of [
    ['/sparql', 'POST', 'authorization, content-type'],
    ['/catalogs/x', 'PUT', 'Authorization, Content-Type, If-Match'],
    ['/catalogs/goteborg/datasets/badplatser', 'GET', 'accept, if-none-match'],
  ] as const) {
    it(`a preflight for ${method} ${path} needs no token`, async () => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://kommun.example.se', 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
      });
      expect(res.status).to.equal(204);
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
      expect(res.headers.get('access-control-allow-methods')).to.include(method);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['authorization', 'content-type', 'accept', 'if-match', 'if-none-match']) expect(allowed).to.include(header);
    });
  }

  it('reads and SPARQL results carry Access-Control-Allow-Origin and expose ETag, Link, Location', async () => {
    for (const path of ['/catalogs/goteborg', '/sparql?query=ASK%7B%7D', '/organisations', '/catalogs/goteborg/datasets/badplatser']) {
      const res = await fetch(`${server.url}${path}`, { headers: { Origin: 'https://kommun.example.se' } });
      await res.arrayBuffer();
      expect(res.status, path).to.equal(200);
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
      const exposed = res.headers.get('access-control-expose-headers') ?? '';
      for (const header of ['ETag', 'Link', 'Location', 'Validation-Warnings', 'Server-Timing']) expect(exposed).to.include(header);
    }
  });

  const COMPRESSED = [
    '/catalogs/boras.nt',
    '/catalogs/boras.ttl',
    '/catalogs/boras.jsonld',
    '/catalog',
    '/catalog.rdf?page=1&pageSize=50',
    '/dump.nq',
    `/sparql?query=${encodeURIComponent('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }')}`,
    `/sparql?query=${encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }')}`,
    '/organisations.json',
    '/.well-known/void',
  ];
  for (const path of COMPRESSED) {
    it(`GET ${path}: gzip and br decode to the identity body, whose Content-Length (when sent) is right`, async () => {
      const url = `${server.url}${path}`;
      const plain = await rawGet(url, { 'Accept-Encoding': 'identity' });
      const gzip = await rawGet(url, { 'Accept-Encoding': 'gzip' });
      const br = await rawGet(url, { 'Accept-Encoding': 'br' });
      for (const res of [plain, gzip, br]) expect(res.status).to.equal(200);
      expect(plain.headers['content-encoding']).to.equal(undefined);
      if (plain.headers['content-length'] !== undefined) expect(Number(plain.headers['content-length'])).to.equal(plain.body.length);
      expect(gzip.headers['content-encoding']).to.equal('gzip');
      expect(br.headers['content-encoding']).to.equal('br');
      expect(gzip.body.length).to.be.lessThan(plain.body.length);
      expect(br.body.length).to.be.lessThan(plain.body.length);
      // Blank node labels and the dump's graph order are the same between reads of an unchanged store.
      const text = plain.body.toString('utf8');
      const normal = (s: string) => s.replace(/_:[A-Za-z0-9]+/g, '_:b').split('\n').sort().join('\n');
      expect(normal(zlib.gunzipSync(gzip.body).toString('utf8'))).to.equal(normal(text));
      expect(normal(zlib.brotliDecompressSync(br.body).toString('utf8'))).to.equal(normal(text));
      expect(gzip.headers.vary ?? '').to.match(/accept-encoding/i);
    });
  }

  it('small bodies go uncompressed with their Content-Length', async () => {
    const res = await rawGet(`${server.url}/organisations/goteborg.json`, { 'Accept-Encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).to.equal(undefined);
    expect(Number(res.headers['content-length'])).to.equal(res.body.length);
  });
});
