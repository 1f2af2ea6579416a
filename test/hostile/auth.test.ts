import { expect } from 'chai';
import { admin } from '../support/server.js';
import { FIXTURE_CATALOG, TARGETS, expectRefused, hostileFamily, sendTo } from './support/stand.js';
import { head, rawExchange } from './support/raw-http.js';

const TURTLE = 'text/turtle';
const WRITES = ['catalogPut', 'catalogPost', 'store'] as const;

hostileFamily('hostile Authorization', (stand) => {
  it('refuses malformed Authorization headers with 401 and WWW-Authenticate, on every write', async () => {
    const malformed = [
      'Bearer',
      'Bearer ',
      'Bearer a b',
      'Basic dXNlcjpwYXNz',
      'Digest username="x"',
      'Token abc',
      'bearer',
      'Bearer\tabc def',
      `Bearer ${'='.repeat(50)}`,
      'Negotiate YIIB',
      '',
    ];
    for (const header of malformed) {
      for (const target of WRITES) {
        const res = await sendTo(stand(), target, FIXTURE_CATALOG, TURTLE, { Authorization: header });
        // An empty header is no credentials at all: still 401 on a write.
        const problem = await expectRefused(res, `"${header}" → ${target}`, [401]);
        expect(res.headers.get('www-authenticate'), `"${header}" → ${target}`).to.match(/^Bearer/);
        expect(problem.detail).to.not.contain(header.slice(7) || '\u0000');
      }
    }
  });

  it('refuses a 12 kB token and a token of every printable character with 401, without echoing it', async () => {
    const huge = `Bearer ${'A'.repeat(12_000)}`;
    for (const target of WRITES) {
      const res = await sendTo(stand(), target, FIXTURE_CATALOG, TURTLE, { Authorization: huge });
      const problem = await expectRefused(res, `12 kB token → ${target}`, [401]);
      expect(JSON.stringify(problem)).to.not.contain('A'.repeat(100));
    }
    let printable = '';
    for (let c = 0x21; c < 0x7f; c++) printable += String.fromCharCode(c);
    await expectRefused(await sendTo(stand(), 'store', FIXTURE_CATALOG, TURTLE, { Authorization: `Bearer ${printable}` }), 'printable token', [401]);
  });

  it('refuses a token past the header size limit with 431, and raw non-ASCII and control bytes in it with 4xx', async () => {
    const past = await rawExchange(stand().port, [head('PUT', TARGETS.store.path, { 'Content-Type': TURTLE, Authorization: `Bearer ${'A'.repeat(40_000)}`, 'Content-Length': 0 })]);
    expect(past.responses[0]?.status).to.equal(431);
    for (const bytes of [Buffer.from([0xc3, 0xa5, 0xc3, 0xa4]), Buffer.from([0xff, 0xfe]), Buffer.from([0x01, 0x02]), Buffer.from([0x7f])]) {
      const request = Buffer.concat([
        Buffer.from(`PUT ${TARGETS.store.path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${TURTLE}\r\nContent-Length: 0\r\nConnection: close\r\nAuthorization: Bearer abc`),
        bytes,
        Buffer.from('\r\n\r\n'),
      ]);
      const exchange = await rawExchange(stand().port, [request]);
      expect(exchange.responses.length, bytes.toString('hex')).to.equal(1);
      expect(exchange.responses[0]!.status, bytes.toString('hex')).to.be.oneOf([400, 401]);
      expect(exchange.responses[0]!.headers['content-type']).to.match(/^application\/problem\+json/);
    }
  });

  it('refuses a publisher token where it has no right: another organisation, the graph store, SPARQL Update, tokens', async () => {
    await expectRefused(
      await fetch(`${stand().server.url}/catalogs/boras`, { method: 'PUT', body: FIXTURE_CATALOG, headers: { 'Content-Type': TURTLE, ...stand().publisher } }),
      'another organisation',
      [403],
    );
    await expectRefused(await sendTo(stand(), 'store', FIXTURE_CATALOG, TURTLE, stand().publisher), 'graph store', [403]);
    await expectRefused(
      await fetch(`${stand().server.url}/sparql`, { method: 'POST', body: 'CLEAR ALL', headers: { 'Content-Type': 'application/sparql-update', ...stand().publisher } }),
      'SPARQL Update',
      [403],
    );
    await expectRefused(
      await fetch(`${stand().server.url}/admin/tokens`, { method: 'POST', body: '{"organisation":"boras"}', headers: { 'Content-Type': 'application/json', ...stand().publisher } }),
      'issuing tokens',
      [403],
    );
    await expectRefused(await fetch(`${stand().server.url}/catalogs/goteborg`, { method: 'DELETE', headers: { Authorization: 'Bearer nope' } }), 'DELETE with a wrong token', [401]);
  });

  it('refuses hostile token requests from the admin: not JSON, deep JSON, huge, unknown organisation', async () => {
    const issue = (body: string | Buffer, type = 'application/json') =>
      fetch(`${stand().server.url}/admin/tokens`, { method: 'POST', body: body as BodyInit, headers: { 'Content-Type': type, ...admin } });
    await expectRefused(await issue('{"organisation":'), 'truncated JSON', [400]);
    await expectRefused(await issue(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'deep JSON', [400, 413]);
    await expectRefused(await issue(JSON.stringify({ organisation: 'x'.repeat(2_000_000) })), 'huge', [400, 413]);
    await expectRefused(await issue('{"organisation":"atlantis"}'), 'unknown organisation', [400, 404, 422]);
    await expectRefused(await issue('{"organisation":"goteborg","role":"root"}'), 'an unknown role', [400, 422]);
    await expectRefused(await issue('{"organisation":"goteborg"}', 'text/plain'), 'text/plain', [415]);
  });

  it('answers a wrong token and an almost-right one alike', async () => {
    const wrong = await sendTo(stand(), 'store', FIXTURE_CATALOG, TURTLE, { Authorization: 'Bearer not-the-admin-token' });
    const almost = await sendTo(stand(), 'store', FIXTURE_CATALOG, TURTLE, { Authorization: `${admin.Authorization}x` });
    const a = await expectRefused(wrong, 'wrong token', [401]);
    const b = await expectRefused(almost, 'almost the admin token', [401]);
    expect(a.detail).to.equal(b.detail);
  });
});
