/**
 * Per-client limits over HTTP against the real server: request rates per minute (reads and costly work apart), costly
 * requests in flight, clients keyed by address (IPv6 by /56) or by a valid token, X-Forwarded-For honoured only with
 * TRUST_PROXY, and what is never limited.
 */
import { expect } from 'chai';
import { admin, startTestServer, type TestServer } from '../support/server.js';
import { makeCatalog } from '../support/catalogs.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  limit: string;
  value: number;
  retryAfter: number;
}

const ASK = `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`;
// Runs until QUERY_TIMEOUT_MS on the 300 triples loaded in before().
const CROSS_PRODUCT = `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }')}`;

/**
 * A request as the client at `address` (TRUST_PROXY=loopback makes the server believe X-Forwarded-For), read to its
 * end as a client sending one request after another does: a request counts as in flight until its response is sent.
 */
async function from(server: TestServer, address: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'X-Forwarded-For': address, ...(init.headers as Record<string, string>) } });
  const body = await res.arrayBuffer();
  return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, headers: res.headers });
}

async function expectTooMany(res: Response, limit: string, value: number): Promise<Problem> {
  expect(res.status).to.equal(429);
  expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  const problem = (await res.json()) as Problem;
  expect(problem).to.include({ status: 429, title: 'Too Many Requests', limit, value });
  expect(problem.detail).to.include(limit);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).to.be.within(1, 60);
  expect(problem.retryAfter).to.equal(retryAfter);
  return problem;
}

describe('per-client limits', function () {
  this.timeout(120_000);
  let server: TestServer;
  let publisherToken: string;

  before(async () => {
    server = await startTestServer({
      env: {
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_PER_MINUTE: '5',
        COSTLY_RATE_LIMIT_PER_MINUTE: '3',
        COSTLY_CONCURRENCY_PER_CLIENT: '1',
        SPARQL_CONCURRENCY: '2',
        QUERY_TIMEOUT_MS: '3000',
      },
    });
    let data = '';
    for (let i = 0; i < 300; i++) data += `<http://e/s${i}> <http://e/p> "${i}" .\n`;
    const load = await fetch(`${server.url}/store?graph=http://e/cross`, { method: 'PUT', body: data, headers: { ...admin, 'Content-Type': 'application/n-triples' } });
    expect(load.status).to.equal(201);
    const issued = await fetch(`${server.url}/admin/tokens`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ organisation: 'goteborg', role: 'publisher' }) });
    expect(issued.status).to.equal(201);
    publisherToken = ((await issued.json()) as { token: string }).token;
  });
  after(async () => server.kill());

  it('answers the request past the costly limit with 429, Retry-After, RateLimit headers and a problem document', async () => {
    const client = '192.0.2.1';
    for (let remaining = 2; remaining >= 0; remaining--) {
      const res = await from(server, client, ASK);
      expect(res.status).to.equal(200);
      expect(res.headers.get('ratelimit')).to.match(new RegExp(`^"costly"; r=${remaining}; t=\\d+$`));
      expect(res.headers.get('ratelimit-policy')).to.match(/^"costly"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/);
    }
    const refused = await from(server, client, ASK);
    expect(refused.headers.get('ratelimit')).to.match(/^"costly"; r=0; t=\d+$/);
    const problem = await expectTooMany(refused, 'COSTLY_RATE_LIMIT_PER_MINUTE', 3);
    // A page's script may read them.
    const exposed = refused.headers.get('access-control-expose-headers')!.split(',').map((h) => h.trim());
    expect(exposed).to.include.members(['RateLimit', 'RateLimit-Policy', 'Retry-After']);
    expect(problem.detail).to.match(/more than 3 costly requests/);
    // POST /validate counts against the same limit.
    const validate = await from(server, client, '/validate?profile=dcat-ap-3', { method: 'POST', body: '', headers: { 'Content-Type': 'text/turtle' } });
    await expectTooMany(validate, 'COSTLY_RATE_LIMIT_PER_MINUTE', 3);
  });

  it('counts reads apart from costly work, with their own limit', async () => {
    const client = '192.0.2.2';
    for (let i = 0; i < 3; i++) expect((await from(server, client, ASK)).status).to.equal(200);
    expect((await from(server, client, ASK)).status).to.equal(429);
    // The SPARQL limit is spent; reads are not.
    for (let remaining = 4; remaining >= 0; remaining--) {
      const res = await from(server, client, '/catalogs');
      expect(res.status).to.equal(200);
      expect(res.headers.get('ratelimit')).to.match(new RegExp(`^"reads"; r=${remaining}; t=\\d+$`));
    }
    await expectTooMany(await from(server, client, '/organisations'), 'RATE_LIMIT_PER_MINUTE', 5);
    // The query editor and the service description are reads, not queries; a page of /catalog is a read, the whole
    // store's documents are costly.
    expect((await from(server, '192.0.2.3', '/sparql')).headers.get('ratelimit')).to.match(/^"reads"/);
    expect((await from(server, '192.0.2.3', '/catalog?page=1&pageSize=10')).headers.get('ratelimit')).to.match(/^"reads"/);
    expect((await from(server, '192.0.2.3', '/catalog.nt')).headers.get('ratelimit')).to.match(/^"costly"/);
    expect((await from(server, '192.0.2.3', '/dump.nq')).headers.get('ratelimit')).to.match(/^"costly"/);
    expect((await from(server, '192.0.2.9', '/catalogs/goteborg/validation')).headers.get('ratelimit')).to.match(/^"costly"/);
  });

  it('never limits /healthz, /metrics or the admin token', async () => {
    const client = '192.0.2.4';
    for (let i = 0; i < 6; i++) await from(server, client, '/catalogs');
    expect((await from(server, client, '/catalogs')).status).to.equal(429);
    for (let i = 0; i < 10; i++) {
      const health = await from(server, client, '/healthz');
      expect(health.status).to.equal(200);
      expect(health.headers.get('ratelimit')).to.equal(null);
      // Not served yet (404), but never a 429.
      expect((await from(server, client, '/metrics')).status).to.not.equal(429);
    }
    for (let i = 0; i < 10; i++) {
      const res = await from(server, client, ASK, { headers: admin });
      expect(res.status).to.equal(200);
      expect(res.headers.get('ratelimit')).to.equal(null);
    }
  });

  it('keys a valid token by the token, not the address, with ten times the limits; an invalid token counts as its address', async () => {
    const client = '192.0.2.5';
    for (let i = 0; i < 3; i++) expect((await from(server, client, ASK)).status).to.equal(200);
    expect((await from(server, client, ASK)).status).to.equal(429);
    const addressPolicy = (await from(server, client, ASK)).headers.get('ratelimit-policy')!;

    const bearer = { Authorization: `Bearer ${publisherToken}` };
    const withToken = await from(server, client, ASK, { headers: bearer });
    expect(withToken.status).to.equal(200);
    expect(withToken.headers.get('ratelimit')).to.match(/^"costly"; r=29; t=\d+$/);
    const tokenPolicy = withToken.headers.get('ratelimit-policy')!;
    expect(tokenPolicy).to.match(/^"costly"; q=30; w=60; pk=:[A-Za-z0-9+/=]+:$/);
    expect(tokenPolicy.split('pk=')[1]).to.not.equal(addressPolicy.split('pk=')[1]);
    // The same token from elsewhere is the same client.
    expect((await from(server, '198.51.100.7', ASK, { headers: bearer })).headers.get('ratelimit')).to.match(/^"costly"; r=28;/);
    // Inventing a token does not make a new client.
    await expectTooMany(await from(server, client, ASK, { headers: { Authorization: 'Bearer invented' } }), 'COSTLY_RATE_LIMIT_PER_MINUTE', 3);
  });

  it('does not limit a publisher writing its own catalogue', async () => {
    const client = '192.0.2.6';
    for (let i = 0; i < 6; i++) await from(server, client, '/catalogs');
    expect((await from(server, client, '/catalogs')).status).to.equal(429);
    const body = makeCatalog({ orgnr: '2120001355', name: 'Göteborgs Stad', catalogIri: 'http://e/gbg-cat', datasetBase: 'http://e/gbg', datasets: 2 });
    for (let i = 0; i < 3; i++) {
      const res = await from(server, client, '/catalogs/goteborg', { method: 'PUT', body, headers: { Authorization: `Bearer ${publisherToken}`, 'Content-Type': 'text/turtle' } });
      expect(res.status).to.be.oneOf([201, 204]);
      expect(res.headers.get('ratelimit')).to.equal(null);
    }
    // Another organisation's catalogue is not its own: counted (and refused by the route).
    const other = await from(server, client, '/catalogs/boras', { method: 'PUT', body, headers: { Authorization: `Bearer ${publisherToken}`, 'Content-Type': 'text/turtle' } });
    expect(other.status).to.equal(403);
    expect(other.headers.get('ratelimit')).to.match(/^"reads"; r=\d+;/);
  });

  it('groups IPv6 clients by /56', async () => {
    // 2001:db8:0:1::/64 and 2001:db8:0:2::/64 lie in one /56; 2001:db8:0:100::/64 in the next.
    for (const address of ['2001:db8:0:1::1', '2001:db8:0:2::7', '2001:db8:0:1::2']) expect((await from(server, address, ASK)).status).to.equal(200);
    await expectTooMany(await from(server, '2001:db8:0:ff::1', ASK), 'COSTLY_RATE_LIMIT_PER_MINUTE', 3);
    expect((await from(server, '2001:db8:0:100::1', ASK)).status).to.equal(200);
  });

  it('refuses a second costly request in flight with 429 and accepts it once the first has ended', async () => {
    const client = '192.0.2.7';
    const slow = from(server, client, CROSS_PRODUCT).then((res) => res.status);
    // The first request has been counted once its RateLimit header would be set; wait until it is evaluating.
    await new Promise((r) => setTimeout(r, 300));
    const second = await from(server, client, ASK);
    const problem = await expectTooMany(second, 'COSTLY_CONCURRENCY_PER_CLIENT', 1);
    expect(problem.retryAfter).to.equal(1);
    // Another client is not held back by this one.
    expect((await from(server, '192.0.2.8', ASK)).status).to.equal(200);
    expect(await slow).to.equal(503);
    expect((await from(server, client, ASK)).status).to.equal(200);
  });

  it('believes X-Forwarded-For only with TRUST_PROXY', async () => {
    const direct = await startTestServer({ env: { COSTLY_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const addresses = ['192.0.2.10', '192.0.2.11', '192.0.2.12'];
      const statuses = [];
      for (const address of addresses) statuses.push((await from(direct, address, ASK)).status);
      expect(statuses).to.deep.equal([200, 200, 429]);
    } finally {
      await direct.kill();
    }
  });
});
