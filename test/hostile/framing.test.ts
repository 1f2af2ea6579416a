import zlib from 'node:zlib';
import { expect } from 'chai';
import { admin } from '../support/server.js';
import { FIXTURE_CATALOG, TARGETS, expectRefused, hostileFamily, sendTo, type Stand } from './support/stand.js';
import { refusedAt } from './support/cases.js';
import { head, rawExchange, type RawExchange, type RawResponse } from './support/raw-http.js';
import { BODY_LIMIT, HOSTILE_SERVER_ENV } from './support/server-env.js';

const TURTLE = 'text/turtle';
const BROKEN_TURTLE = '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d "x" ex:e .\n';
const GRACE_MS = Number(HOSTILE_SERVER_ENV.BODY_GRACE_MS);
const HEADERS_TIMEOUT_MS = Number(HOSTILE_SERVER_ENV.HEADERS_TIMEOUT_MS);
const VALIDATE = TARGETS.validate.path;
/** How long the server keeps reading a refused body before it cuts the connection (src/http/error-handler.ts). */
const LINGER_MS = 5_000;

/** A raw response must be a refusal with a problem document too. */
function expectRawProblem(response: RawResponse | undefined, status: number, what: string): Record<string, unknown> {
  expect(response, `${what}: no response`).to.not.equal(undefined);
  expect(response!.status, `${what}: ${response!.body}`).to.equal(status);
  expect(response!.headers['content-type'], what).to.match(/^application\/problem\+json/);
  const problem = JSON.parse(response!.body) as Record<string, unknown>;
  expect(problem.detail, what).to.be.a('string').and.not.equal('');
  return problem;
}

function expectNo5xx(exchange: RawExchange, what: string): void {
  for (const response of exchange.responses) expect(response.status, `${what}: ${response.body}`).to.be.below(500);
}

const post = (stand: Stand, body: Buffer | string, headers: Record<string, string>) =>
  fetch(`${stand.server.url}${VALIDATE}`, { method: 'POST', body: body as BodyInit, headers: { 'Content-Type': TURTLE, ...headers } });

hostileFamily('hostile HTTP framing and headers', (stand) => {
  describe('Content-Encoding', () => {
    it('decodes gzip, deflate and br bodies: a valid catalogue is validated, a broken one refused with its line', async () => {
      const encoders: Record<string, (b: Buffer) => Buffer> = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };
      for (const [coding, encode] of Object.entries(encoders)) {
        const valid = await post(stand(), encode(Buffer.from(FIXTURE_CATALOG)), { 'Content-Encoding': coding });
        expect(valid.status, `${coding}: ${await valid.clone().text()}`).to.equal(200);
        expect(((await valid.json()) as { conforms: boolean }).conforms, coding).to.equal(true);
        const broken = await post(stand(), encode(Buffer.from(BROKEN_TURTLE)), { 'Content-Encoding': coding });
        expect(await expectRefused(broken, coding, [400])).to.include({ line: 3 });
      }
    });

    it('stops inflating a gzip or brotli bomb at the size limit with 413', async () => {
      const zeros = Buffer.alloc(8 * BODY_LIMIT);
      for (const [coding, bomb] of [['gzip', zlib.gzipSync(zeros, { level: 9 })], ['br', zlib.brotliCompressSync(zeros, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })]] as const) {
        expect(bomb.length).to.be.below(BODY_LIMIT / 64);
        const started = Date.now();
        const refusals = await refusedAt(stand(), bomb, TURTLE, `${coding} bomb`, { allowed: [413], headers: { 'Content-Encoding': coding } });
        for (const problem of refusals.values()) expect(problem).to.include({ limit: BODY_LIMIT });
        expect(Date.now() - started, coding).to.be.below(10_000);
      }
      // Layered: gzip of gzip, each layer small.
      const layered = zlib.gzipSync(zlib.gzipSync(zeros));
      await refusedAt(stand(), layered, TURTLE, 'gzip of gzip bomb', { targets: ['validate'], allowed: [413], headers: { 'Content-Encoding': 'gzip, gzip' } });
    });

    it('refuses unknown and too many codings with 415 naming the supported ones, and corrupt data with 400', async () => {
      for (const coding of ['compress', 'bogus', 'gzip, gzip, gzip', 'zstd']) {
        const res = await post(stand(), 'x', { 'Content-Encoding': coding });
        expect(res.headers.get('accept-encoding'), coding).to.contain('gzip');
        expect(await expectRefused(res, coding, [415])).to.have.property('supported');
      }
      const corrupt = zlib.gzipSync(Buffer.from(FIXTURE_CATALOG));
      corrupt[corrupt.length - 20] = corrupt[corrupt.length - 20]! ^ 0xff;
      await refusedAt(stand(), corrupt, TURTLE, 'corrupt gzip', { allowed: [400], headers: { 'Content-Encoding': 'gzip' } });
      await refusedAt(stand(), zlib.gzipSync(Buffer.from(FIXTURE_CATALOG)).subarray(0, 200), TURTLE, 'truncated gzip', { allowed: [400], headers: { 'Content-Encoding': 'gzip' } });
      await refusedAt(stand(), FIXTURE_CATALOG, TURTLE, 'plain text said to be br', { allowed: [400], headers: { 'Content-Encoding': 'br' } });
    });
  });

  describe('charsets and media types', () => {
    it('refuses other charsets with 415, malformed Content-Type with 400 and a missing one with 415', async () => {
      for (const charset of ['utf-16', 'iso-8859-1', 'windows-1252', 'x-unknown']) {
        await refusedAt(stand(), FIXTURE_CATALOG, `${TURTLE}; charset=${charset}`, charset, { allowed: [415] });
      }
      await refusedAt(stand(), FIXTURE_CATALOG, '/turtle', 'malformed Content-Type', { allowed: [400, 415] });
      await refusedAt(stand(), FIXTURE_CATALOG, undefined, 'no Content-Type', { allowed: [415] });
      await refusedAt(stand(), FIXTURE_CATALOG, 'application/octet-stream', 'octet-stream', { allowed: [415] });
    });
  });

  describe('multipart and form bodies', () => {
    it('refuses multipart without a boundary, cut short, with fields or unknown part types, and forms with no document', async () => {
      const part = (type: string, content: string) => `--b\r\nContent-Disposition: form-data; name="file"; filename="x"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
      const store = (body: string, type: string) => fetch(`${stand().server.url}/store?graph=${encodeURIComponent('http://hostile.example/target')}`, { method: 'POST', body, headers: { 'Content-Type': type, ...admin } });
      await expectRefused(await store(part(TURTLE, BROKEN_TURTLE), 'multipart/form-data'), 'no boundary', [400]);
      await expectRefused(await store(part(TURTLE, FIXTURE_CATALOG).slice(0, 300), 'multipart/form-data; boundary=b'), 'cut short', [400]);
      await expectRefused(await store(`${part('application/x-unknown', 'x')}--b--\r\n`, 'multipart/form-data; boundary=b'), 'unknown part type', [400, 415]);
      await expectRefused(await store(`${part(TURTLE, BROKEN_TURTLE)}--b--\r\n`, 'multipart/form-data; boundary=b'), 'broken part', [400]);
      const form = (body: string, type: string) => fetch(`${stand().server.url}${VALIDATE}`, { method: 'POST', body, headers: { 'Content-Type': type } });
      await expectRefused(await form('profile=dcat-ap-3', 'application/x-www-form-urlencoded'), 'form without a document', [400]);
      await expectRefused(await form(`profile=dcat-ap-3&syntax=text%2Fturtle&text=${encodeURIComponent(BROKEN_TURTLE)}`, 'application/x-www-form-urlencoded'), 'form with broken text', [400]);
      await expectRefused(await form(`${Array.from({ length: 50 }, (_, i) => `f${i}=x`).join('&')}`, 'application/x-www-form-urlencoded'), 'form with 50 fields', [400]);
      // Cut inside the file: its stream failed with no listener, which ended the server process (anonymous!).
      await expectRefused(await form(part(TURTLE, FIXTURE_CATALOG).slice(0, 400), 'multipart/form-data; boundary=b'), 'multipart form cut inside the file', [400]);
      await expectRefused(await form(part(TURTLE, FIXTURE_CATALOG).slice(0, 40), 'multipart/form-data; boundary=b'), 'multipart form cut inside the part head', [400]);
    });
  });

  describe('framing', () => {
    it('answers conflicting Content-Length headers, Content-Length with chunked, and bad chunk sizes with 400 problem documents', async () => {
      const conflicting = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': ['5', '6'] }), 'hello!']);
      expectRawProblem(conflicting.responses[0], 400, 'two Content-Lengths');
      const both = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': 5, 'Transfer-Encoding': 'chunked' }), '5\r\nhello\r\n0\r\n\r\n']);
      expectRawProblem(both.responses[0], 400, 'Content-Length with chunked');
      for (const size of ['zz', 'ffffffffffffffffffff', '-1', '5 ; ext="' + 'x'.repeat(20_000) + '"']) {
        const exchange = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Transfer-Encoding': 'chunked' }), `${size}\r\nhello\r\n0\r\n\r\n`]);
        expect(exchange.responses.length, `chunk size ${size.slice(0, 20)}`).to.equal(1);
        expect(exchange.responses[0]!.status, `chunk size ${size.slice(0, 20)}`).to.be.within(400, 499);
        expectRawProblem(exchange.responses[0], exchange.responses[0]!.status, `chunk size ${size.slice(0, 20)}`);
      }
      const unknownTransfer = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Transfer-Encoding': 'gzip' }), 'x']);
      expectRawProblem(unknownTransfer.responses[0], 400, 'Transfer-Encoding gzip without chunked');
    });

    it('answers a body shorter than its Content-Length with 408 at the pace deadline, and closes', async () => {
      const exchange = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': 10_000 }), BROKEN_TURTLE], { timeoutMs: GRACE_MS + 8_000 });
      const problem = expectRawProblem(exchange.responses[0], 408, 'short body');
      expect(problem.detail).to.match(/BODY_MIN_BYTES_PER_SECOND/);
      expect(exchange.closedByServer, 'closed').to.equal(true);
    });

    it('reads bytes past a short Content-Length as a next request and refuses that with 400', async () => {
      const body = `${BROKEN_TURTLE}GARBAGE GARBAGE\r\n\r\n`;
      const exchange = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': BROKEN_TURTLE.length }), body], { timeoutMs: 5_000 });
      expectNo5xx(exchange, 'short Content-Length');
      // Node's parser meets the garbage while the first request is still being answered, and then (as Node does by
      // default) answers the connection's error and closes it: the first answer may be lost, never turned into a 5xx.
      expect(exchange.responses.length).to.be.within(1, 2);
      const last = expectRawProblem(exchange.responses.at(-1), 400, 'the garbage after it');
      expect(last.detail).to.match(/Malformed HTTP request/);
    });

    it('answers two pipelined requests in order', async () => {
      const exchange = await rawExchange(stand().port, [head('GET', '/healthz', {}) + head('GET', '/nothing-here', { Connection: 'close' })], { timeoutMs: 5_000 });
      expect(exchange.responses.map((r) => r.status)).to.deep.equal([200, 404]);
    });

    it('answers a garbage request line, a NUL in a header and a bad percent-encoding with 400 problem documents', async () => {
      expectRawProblem((await rawExchange(stand().port, ['HELLO THERE\r\n\r\n'])).responses[0], 400, 'garbage request line');
      expectRawProblem((await rawExchange(stand().port, ['GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n'])).responses[0], 400, 'NUL in a header');
      expectRawProblem((await rawExchange(stand().port, ['GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n'])).responses[0], 400, 'space in a header name');
      const percent = await fetch(`${stand().server.url}/catalogs/%E0%A4%A`);
      await expectRefused(percent, 'bad percent-encoding', [400, 404]);
    });

    it('answers huge headers and a huge URL with 431 naming the limit', async () => {
      const header = expectRawProblem((await rawExchange(stand().port, [head('GET', '/healthz', { 'X-Big': 'x'.repeat(20_000) })])).responses[0], 431, 'a 20 kB header');
      expect(header).to.have.property('limit');
      expectRawProblem((await rawExchange(stand().port, [head('GET', `/sparql?query=${'x'.repeat(20_000)}`, {})])).responses[0], 431, 'a 20 kB URL');
      const many: Record<string, string> = {};
      for (let i = 0; i < 3_000; i++) many[`X-H${i}`] = 'v';
      const exchange = await rawExchange(stand().port, [head('GET', '/healthz', many)]);
      expectNo5xx(exchange, '3,000 headers');
      expect(exchange.responses.length).to.equal(1);
    });

    it('handles duplicate Content-Type and Authorization headers without a 5xx', async () => {
      const types = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': [TURTLE, 'application/ld+json'], 'Content-Length': BROKEN_TURTLE.length, Connection: 'close' }), BROKEN_TURTLE]);
      expectRawProblem(types.responses[0], 400, 'two Content-Types');
      const tokens = await rawExchange(stand().port, [head('PUT', `/store?graph=${encodeURIComponent('http://hostile.example/target')}`, { 'Content-Type': TURTLE, Authorization: ['Bearer wrong', admin.Authorization], 'Content-Length': BROKEN_TURTLE.length, Connection: 'close' }), BROKEN_TURTLE]);
      expectNo5xx(tokens, 'two Authorizations');
      expect(tokens.responses[0]!.status).to.be.oneOf([400, 401]);
    });

    it('refuses a declared oversized body with 413 before reading it, even behind Expect: 100-continue', async () => {
      const expecting = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': BODY_LIMIT + 1, Expect: '100-continue' })], { timeoutMs: 5_000 });
      const final = expecting.responses.filter((r) => r.status !== 100);
      expectRawProblem(final[0], 413, 'Expect: 100-continue');
      // A sender that goes on sending after the 413 is cut off after a short linger.
      const pushing = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': 1_000_000_000 }), ...Array.from({ length: 200 }, () => [Buffer.alloc(65_536, 0x20), { waitMs: 50 }]).flat()], { timeoutMs: 15_000 });
      expectRawProblem(pushing.responses[0], 413, 'a sender that does not stop');
      expect(pushing.closedByServer).to.equal(true);
      expect(pushing.ms).to.be.below(12_000);
    });
  });

  describe('slow senders and early disconnects', () => {
    it('cuts off headers trickled past HEADERS_TIMEOUT_MS with 408', async () => {
      const steps = [`POST ${VALIDATE} HTTP/1.1\r\nHost: x\r\n`, ...Array.from({ length: 40 }, (_, i) => [{ waitMs: 250 }, `X-Slow-${i}: y\r\n`]).flat()];
      const exchange = await rawExchange(stand().port, steps, { timeoutMs: HEADERS_TIMEOUT_MS + 6_000 });
      expectRawProblem(exchange.responses[0], 408, 'slow headers');
      expect(exchange.closedByServer).to.equal(true);
      expect(exchange.ms).to.be.below(HEADERS_TIMEOUT_MS + 3_000);
    });

    it('cuts off a body trickled below the minimum pace with 408 naming it', async () => {
      const steps = [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': 1_000 }), ...Array.from({ length: 100 }, () => [{ waitMs: 200 }, 'x']).flat()];
      const exchange = await rawExchange(stand().port, steps, { timeoutMs: GRACE_MS + 10_000 });
      const problem = expectRawProblem(exchange.responses[0], 408, 'slow body');
      expect(problem).to.include({ limit: Number(HOSTILE_SERVER_ENV.BODY_MIN_BYTES_PER_SECOND) });
      expect(exchange.closedByServer).to.equal(true);
      // The answer comes at the deadline; the connection is cut after the linger that lets a sender read it.
      expect(exchange.ms).to.be.below(GRACE_MS + LINGER_MS + 3_000);
    });

    it('accepts a body that is slow but keeps the minimum pace', async () => {
      // Twice the minimum pace, for about twice the grace period: 32 kB in 1 kB pieces.
      const rate = 2 * Number(HOSTILE_SERVER_ENV.BODY_MIN_BYTES_PER_SECOND);
      const padding = `# ${'padding '.repeat(126)}\n`;
      const body = Buffer.from(FIXTURE_CATALOG + padding.repeat(Math.ceil((2 * rate * (GRACE_MS / 1000) - FIXTURE_CATALOG.length) / padding.length)));
      const pieces: (Buffer | { waitMs: number })[] = [];
      for (let at = 0; at < body.length; at += 1024) pieces.push(body.subarray(at, at + 1024), { waitMs: Math.round((1024 / rate) * 1000) });
      const exchange = await rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Content-Length': body.length, Connection: 'close' }), ...pieces], { timeoutMs: 30_000 });
      expect(exchange.responses[0]?.status, exchange.responses[0]?.body).to.equal(200);
      expect(exchange.ms).to.be.above(GRACE_MS);
    });

    it('stays whole when 30 clients hang up mid-head, mid-body and mid-chunk', async () => {
      const half = FIXTURE_CATALOG.slice(0, FIXTURE_CATALOG.length / 2);
      const hangups = Array.from({ length: 10 }, () => [
        rawExchange(stand().port, [`POST ${VALIDATE} HTTP/1.1\r\nHost: x\r\nContent-Ty`], { timeoutMs: 200 }),
        rawExchange(stand().port, [head('PUT', TARGETS.catalogPut.path, { 'Content-Type': TURTLE, 'Content-Length': FIXTURE_CATALOG.length, ...stand().publisher }), half], { timeoutMs: 300 }),
        rawExchange(stand().port, [head('POST', VALIDATE, { 'Content-Type': TURTLE, 'Transfer-Encoding': 'chunked' }), `${(1000).toString(16)}\r\n${half.slice(0, 500)}`], { timeoutMs: 300 }),
      ]).flat();
      for (const exchange of await Promise.all(hangups)) expectNo5xx(exchange, 'hang-up');
      // The server still serves the same request in full.
      expect((await sendTo(stand(), 'validate', FIXTURE_CATALOG, TURTLE)).status).to.equal(200);
    });
  });
});
