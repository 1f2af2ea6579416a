/**
 * Parses have a deadline (PARSE_TIMEOUT_MS plus PARSE_TIMEOUT_MS_PER_MB per MiB): at it the parser thread is
 * terminated and replaced and the client gets 503 naming the limit. A client that disconnects cancels its parse,
 * which frees the thread for the next request; a catalog write whose client left does not disturb the next ones.
 */
import { expect } from 'chai';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { parseToNTriples } from '../../src/rdf/parse.js';
import { ntriples, slowRdfXml } from './hostile-bodies.js';
import { catalogNTriples } from '../validation/catalog-generator.js';

const SLOW = slowRdfXml(4_000_000);

/** A large body (past the small-body thread) that parses in a few milliseconds. */
const QUICK_LARGE = ntriples(6000);

describe('parse deadlines and cancelled parses', function () {
  this.timeout(180_000);
  /**
   * What parsing SLOW takes here, now: the machine may be shared, so times are judged against it. A thread that kept
   * parsing would be busy about this long; a replaced thread costs a worker start, a fraction of it.
   */
  let parseMs = 0;
  before(async () => {
    const started = performance.now();
    const outcome = await parseToNTriples({ bytes: Buffer.from(SLOW), mediaType: 'application/rdf+xml', baseIri: 'http://example.org/' });
    parseMs = performance.now() - started;
    expect(outcome.ok).to.equal(true);
  });

  describe('at PARSE_TIMEOUT_MS', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ env: { PARSE_TIMEOUT_MS: '1000', PARSE_TIMEOUT_MS_PER_MB: '0' } });
    });
    after(async () => server.kill());

    it('stops a slow parse at its deadline with 503 naming PARSE_TIMEOUT_MS, then serves the next requests normally', async () => {
      expect(QUICK_LARGE.length).to.be.above(256 * 1024);
      // The body must take clearly longer than the deadline to parse, or this test says nothing.
      expect(parseMs).to.be.above(1500);
      // Both parser threads for large bodies are stopped; each is replaced.
      const started = performance.now();
      const answers = await Promise.all(
        [1, 2].map(() => fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', body: SLOW, headers: { 'Content-Type': 'application/rdf+xml' } })),
      );
      const elapsed = performance.now() - started;
      for (const res of answers) {
        const problem = (await res.json()) as { detail: string; limit: string; value: number; stopped: string; deadlineMs: number };
        expect(res.status, problem.detail).to.equal(503);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(res.headers.get('retry-after')).to.match(/^\d+$/);
        expect(problem).to.include({ limit: 'PARSE_TIMEOUT_MS', value: 1000, stopped: 'parse', deadlineMs: 1000 });
        expect(problem.detail).to.contain('PARSE_TIMEOUT_MS');
      }
      // Stopped at the deadline, counted from when a thread started on each: well before either parse would end.
      expect(elapsed).to.be.below(parseMs);

      const store = await fetch(`${server.url}/store?graph=http://example.org/after`, { method: 'PUT', body: QUICK_LARGE, headers: { 'Content-Type': 'application/n-triples', ...admin } });
      expect(store.status).to.equal(201);
      const small = await fetch(`${server.url}/store?graph=http://example.org/small`, { method: 'PUT', body: ntriples(3), headers: { 'Content-Type': 'text/turtle', ...admin } });
      expect(small.status).to.equal(201);
      // Had the parses gone on, their threads would have been busy until about now at the earliest.
      expect(performance.now() - started).to.be.below(parseMs);
      expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    });
  });

  describe('when the client disconnects', () => {
    let server: TestServer;
    before(async () => {
      // One client sends three dry runs at once here: past the default per-client limit of costly requests in flight.
      server = await startTestServer({ env: { COSTLY_CONCURRENCY_PER_CLIENT: '0' } });
    });
    after(async () => server.kill());

    it('cancels its parse, so the parser threads are free for the next request at once', async () => {
      const started = performance.now();
      const gone = [1, 2].map(async () => {
        const client = new AbortController();
        const sent = fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', body: SLOW, headers: { 'Content-Type': 'application/rdf+xml' }, signal: client.signal });
        setTimeout(() => client.abort(), 400);
        return sent.then(
          () => 'answered',
          () => 'aborted',
        );
      });
      expect(await Promise.all(gone)).to.deep.equal(['aborted', 'aborted']);
      // Without the cancellation the dry runs' thread would go on parsing, and this dry run would wait for it.
      const res = await fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', body: QUICK_LARGE, headers: { 'Content-Type': 'application/n-triples' } });
      expect(res.status).to.equal(200);
      expect(performance.now() - started).to.be.below(parseMs);
      expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    });

    it('answers a small body at once while slow parses hold the parser threads for large ones', async () => {
      const clients = [1, 2].map(() => new AbortController());
      const started = performance.now();
      const slow = clients.map((client) =>
        fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', body: SLOW, headers: { 'Content-Type': 'application/rdf+xml' }, signal: client.signal }).then(
          () => 'answered',
          () => 'aborted',
        ),
      );
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        // A JSON-LD body with a remote context is refused by its parser in milliseconds, if it gets a thread.
        const remote = await fetch(`${server.url}/validate?profile=dcat-ap-3`, {
          method: 'POST',
          body: JSON.stringify({ '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/s' }),
          headers: { 'Content-Type': 'application/ld+json' },
        });
        expect(remote.status).to.equal(400);
        expect(((await remote.json()) as { detail: string }).detail).to.contain('context');
        // Had it queued behind the slow parses, it would have waited for one of them to end.
        expect(performance.now() - started).to.be.below(parseMs / 2);
      } finally {
        for (const client of clients) client.abort();
        expect(await Promise.all(slow)).to.deep.equal(['aborted', 'aborted']);
      }
    });

    it('validates the next writes of a catalog as usual after a write of it whose client left', async () => {
      const base = 'https://data.goteborg.se/gone';
      const url = `${server.url}/catalogs/goteborg-gone`;
      const client = new AbortController();
      // 3,000 datasets take seconds to parse and validate: the client leaves long before anything could be stored.
      const gone = fetch(url, { method: 'PUT', body: catalogNTriples(3000, { base }), headers: { 'Content-Type': 'application/n-triples', ...admin }, signal: client.signal });
      setTimeout(() => client.abort(), 300);
      expect(await gone.then(() => 'answered', () => 'aborted')).to.equal('aborted');
      // (Whether the left write stopped is not told apart here: without cancellation it would still lose the race for
      // the catalog's lock to this write and be stored later; the parser-thread test above is the one that fails then.)
      const next = catalogNTriples(100, { base });
      const created = await fetch(url, { method: 'PUT', body: next, headers: { 'Content-Type': 'application/n-triples', ...admin } });
      expect(created.status, await created.clone().text()).to.equal(201);
      const withoutTitle = next.split('\n').filter((line) => !line.includes('"Datamängd 3"@sv') && !line.includes('"Dataset 3"@en')).join('\n');
      const refused = await fetch(url, { method: 'PUT', body: withoutTitle, headers: { 'Content-Type': 'application/n-triples', ...admin } });
      expect(refused.status).to.equal(422);
      const report = (await refused.json()) as { results: { severity: string; focusNode: string; path: string }[] };
      expect(report.results.filter((r) => r.severity === 'Violation').map((r) => [r.focusNode, r.path])).to.deep.equal([[`${base}/datasets/d3`, 'http://purl.org/dc/terms/title']]);
    });
  });
});
