import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';

const UPDATE = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> "o" } }';

function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

async function issue(server: TestServer, body: unknown, headers: Record<string, string> = admin, type = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': type, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function token(server: TestServer, organisation: string, role?: string): Promise<string> {
  const res = await issue(server, role ? { organisation, role } : { organisation });
  expect(res.status, await res.clone().text()).to.equal(201);
  return ((await res.json()) as { token: string }).token;
}

async function sparqlUpdate(server: TestServer, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...headers }, body: UPDATE });
}

/** Every byte under a directory, as one string (the store keeps text: journal JSON, snapshots, manifest). */
function everything(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

describe('POST /admin/tokens', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.kill();
  });

  it('issues a publisher token by default: 201 with the token, shown once', async () => {
    const res = await issue(server, { organisation: 'goteborg' });
    expect(res.status).to.equal(201);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const body = (await res.json()) as { token: string; organisation: string; role: string };
    expect(body).to.include({ organisation: 'goteborg', role: 'publisher' });
    expect(body.token).to.match(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('identifies a publisher token: it reads, but may not do what needs the admin token (403)', async () => {
    const publisher = bearer(await token(server, 'boras', 'publisher'));
    expect((await sparqlUpdate(server, publisher)).status).to.equal(403);
    expect((await issue(server, { organisation: 'boras', role: 'admin' }, publisher)).status).to.equal(403);
    expect((await put(`${server.url}/store?graph=http://example.org/x`, '<http://a> <http://b> <http://c> .', 'application/n-triples', publisher)).status).to.equal(403);
    const read = await fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: publisher });
    expect(read.status).to.equal(200);
  });

  it('issues admin tokens that may do what the admin token does', async () => {
    const adminToken = bearer(await token(server, 'vgr', 'admin'));
    expect((await sparqlUpdate(server, adminToken)).status).to.equal(204);
    expect((await issue(server, { organisation: 'ale' }, adminToken)).status).to.equal(201);
  });

  it('answers 401 without a token and with an unknown one', async () => {
    for (const headers of [{}, bearer('not-a-token'), { Authorization: 'Basic dXNlcjpwYXNz' }]) {
      const res = await issue(server, { organisation: 'goteborg' }, headers);
      expect(res.status).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
      expect((await sparqlUpdate(server, headers)).status).to.equal(401);
    }
  });

  it('checks the token before the body: 401 even for a body it would refuse', async () => {
    expect((await issue(server, 'not json', {}, 'text/plain')).status).to.equal(401);
  });

  // [what, body, Content-Type, status, message]
  const BAD: [string, string, string, number, RegExp][] = [
    ['a body that is not JSON', '{"organisation": ', 'application/json', 400, /not valid JSON/],
    ['a JSON array', '["goteborg"]', 'application/json', 400, /must be a JSON object/],
    ['no organisation', '{"role": "publisher"}', 'application/json', 400, /"organisation" is required/],
    ['an unknown organisation', '{"organisation": "stockholm"}', 'application/json', 400, /no organisation "stockholm"/],
    ['an unknown role', '{"organisation": "goteborg", "role": "owner"}', 'application/json', 400, /role must be one of publisher, admin/],
    ['a role that is not a string', '{"organisation": "goteborg", "role": 1}', 'application/json', 400, /"role" must be one of/],
    ['a form body', 'organisation=goteborg', 'application/x-www-form-urlencoded', 415, /application\/json/],
    ['text', '{"organisation": "goteborg"}', 'text/plain', 415, /application\/json/],
    ['a charset other than UTF-8', '{"organisation": "goteborg"}', 'application/json; charset=iso-8859-1', 415, /charset/],
  ];
  for (const [what, body, type, status, message] of BAD) {
    it(`answers ${status} to ${what}`, async () => {
      const res = await issue(server, body, admin, type);
      expect(res.status).to.equal(status);
      expect(((await res.json()) as { detail: string }).detail).to.match(message);
    });
  }

  it('answers 415 without a Content-Type and 405 to other methods', async () => {
    const res = await fetch(`${server.url}/admin/tokens`, { method: 'POST', headers: admin, body: new Uint8Array(Buffer.from('{"organisation":"goteborg"}')) });
    expect(res.status).to.equal(415);
    const get = await fetch(`${server.url}/admin/tokens`, { headers: admin });
    expect(get.status).to.equal(405);
    expect(get.headers.get('allow')).to.equal('POST');
  });

  it('accepts application/json with charset=utf-8', async () => {
    expect((await issue(server, { organisation: 'mark' }, admin, 'application/json; charset=utf-8')).status).to.equal(201);
  });
});

describe('tokens across restarts', function () {
  this.timeout(120_000);
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });

  it('keeps issued tokens after kill -9, and stores only their hashes', async () => {
    server = await startTestServer();
    const publisher = await token(server, 'goteborg');
    const adminToken = await token(server, 'vgr', 'admin');
    await server.kill();

    server = await server.restart();
    expect((await sparqlUpdate(server, bearer(publisher))).status, 'publisher token after restart').to.equal(403);
    expect((await sparqlUpdate(server, bearer(adminToken))).status, 'admin token after restart').to.equal(204);
    expect((await sparqlUpdate(server, bearer('made-up'))).status).to.equal(401);

    const disk = everything(server.dataDir);
    for (const clear of [publisher, adminToken]) {
      expect(disk.includes(clear), 'the clear token is on disk').to.equal(false);
      expect(disk.includes(crypto.createHash('sha256').update(clear).digest('hex')), 'its hash is on disk').to.equal(true);
    }
  });

  it('keeps tokens through compaction (snapshots replace the journal)', async () => {
    server = await startTestServer({ env: { COMPACT_JOURNAL_BYTES: '200' } });
    const publisher = await token(server, 'boras');
    for (let i = 0; i < 10; i++) {
      const doc = `<http://example.org/s${i}> <http://example.org/p> "${'x'.repeat(100)}" .\n`;
      expect((await put(`${server.url}/store?graph=http://example.org/g${i}`, doc, 'application/n-triples')).status).to.equal(201);
    }
    await new Promise((r) => setTimeout(r, 500));
    await server.stop();
    expect(fs.readdirSync(path.join(server.dataDir, 'snapshots')).some((f) => f.endsWith('.nt'))).to.equal(true);

    server = await server.restart();
    expect((await sparqlUpdate(server, bearer(publisher))).status).to.equal(403);
    expect(everything(server.dataDir).includes(publisher)).to.equal(false);
  });
});
