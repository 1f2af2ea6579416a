/**
 * W3C SPARQL 1.1 Protocol tests (34 mf:ProtocolTest) and the 3 SPARQL 1.1 Service Description tests, run against
 * the real server from the flattened manifest `w3c-sparql-protocol/tests.json`.
 *
 * - One server per suite (BASE_URL = its own URL); before each test the store is emptied with `DROP SILENT ALL`
 *   and the test's `ut:graphData` files are PUT as the named graphs it names (`/store?graph=…`).
 * - Request paths `/sparql/…` (authority `www.example`) are sent to the server's `/sparql…`.
 * - Headers and body are sent exactly as written; bodies go as bytes so fetch adds no Content-Type of its own, and
 *   a body declared `charset=UTF-16` is encoded as UTF-16.
 * - Every request carries the admin token: this server answers SPARQL Update only with it (401 otherwise), which
 *   would turn every update test into an authentication test. Queries ignore it.
 * - Success statuses are any 2xx/3xx (redirects are not followed); `format` checks parse the body by its
 *   Content-Type: boolean (SPARQL JSON/XML, value compared), tabular (JSON/XML/CSV/TSV), RDF (any RDF syntax).
 */
import { assert } from 'chai';
import path from 'node:path';
import type { TestServer } from '../support/server.js';
import { loadGraph, loadReference, parseRdf, replay, resetStore, startConformanceServer, type W3cTest } from './support.js';

const reference = loadReference<{ protocol: W3cTest[]; serviceDescription: W3cTest[] }>('w3c-sparql-protocol');

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SPARQL_LANGUAGES = [`${SD}SPARQL10Query`, `${SD}SPARQL11Query`, `${SD}SPARQL11Update`];
/** The RDF syntaxes a Service Description client may ask for. */
const SD_ACCEPTS = ['text/turtle', 'application/rdf+xml', 'application/n-triples', 'application/ld+json'];

describe('W3C SPARQL 1.1 Protocol conformance', function () {
  let server: TestServer | undefined;

  before(async function () {
    if (!reference.ok) {
      console.log(`    skipping the W3C SPARQL Protocol tests: ${reference.reason}`);
      this.skip();
    }
    this.timeout(150_000);
    server = await startConformanceServer();
  });

  after(async function () {
    await server?.stop();
  });

  if (!reference.ok) {
    // Mocha runs `before` only for suites with tests; this placeholder lets it print why the suite is skipped.
    it('W3C SPARQL Protocol reference tests', function () {
      this.skip();
    });
    return;
  }

  const { dir, data } = reference;

  describe('protocol (manifest.ttl)', function () {
    beforeEach(async function () {
      await resetStore(server!);
    });

    for (const test of data.protocol) {
      it(test.id, async function () {
        if (test.approval && /withdrawn|rejected/i.test(test.approval)) this.skip();
        for (const { file, graphIri } of test.graphData) await loadGraph(server!, path.join(dir, file), graphIri);
        await replay(test, {
          server: server!,
          // `/sparql/?query=…` → `/sparql?query=…`: the endpoint is exactly /sparql.
          mapPath: (p) => p.replace(/^\/sparql\/?/, '/sparql'),
          originalUrl: (p) => `http://www.example${p}`,
        });
      });
    }
  });

  describe('service description (service-description-manifest.ttl)', function () {
    const byId = new Map(data.serviceDescription.map((t) => [t.id, t]));
    const endpoint = () => `${server!.url}/sparql`;

    /** GET the endpoint (no query) and parse the answer as the RDF syntax its Content-Type names. */
    async function describeService(accept?: string) {
      const res = await fetch(endpoint(), { headers: accept ? { Accept: accept } : {}, redirect: 'manual' });
      const body = await res.text();
      assert.strictEqual(res.status, 200, `GET ${endpoint()}${accept ? ` (Accept: ${accept})` : ''} answered ${res.status}: ${body.slice(0, 300)}`);
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      return { type, quads: parseRdf(body, type, endpoint()) };
    }

    const sdTest = (id: string, run: () => Promise<void>) => {
      it(id, async function () {
        if (!byId.has(id)) this.skip();
        await run();
      });
    };

    sdTest('returns-rdf', async () => {
      // No Accept at all (a plain GET) and each RDF syntax a client may ask for.
      const plain = await describeService();
      assert.isAbove(plain.quads.length, 0, 'the service description is empty');
      for (const accept of SD_ACCEPTS) {
        const { type, quads } = await describeService(accept);
        assert.strictEqual(type, accept, `Accept: ${accept} was answered with ${type}`);
        assert.strictEqual(quads.length, plain.quads.length, `the ${accept} description has ${quads.length} triples, the default one ${plain.quads.length}`);
      }
    });

    sdTest('has-endpoint-triple', async () => {
      const { quads } = await describeService();
      const endpoints = quads.filter((q) => q.predicate.value === `${SD}endpoint`).map((q) => q.object.value);
      assert.include(endpoints, endpoint(), `no sd:endpoint <${endpoint()}>; sd:endpoint values: ${endpoints.join(', ') || 'none'}`);
    });

    sdTest('conforms-to-schema', async () => {
      const { quads } = await describeService();
      const objects = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
      // The W3C validator's check: every sd:NamedGraph has an sd:name.
      for (const q of quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${SD}NamedGraph`)) {
        assert.isNotEmpty(objects(q.subject.value, `${SD}name`), `sd:NamedGraph ${q.subject.value} has no sd:name`);
      }
      // An sd:Service with this endpoint and at least one recognised SPARQL language.
      const services = quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${SD}Service`).map((q) => q.subject.value);
      assert.isNotEmpty(services, 'no resource is typed sd:Service');
      const service = services.find((s) => objects(s, `${SD}endpoint`).some((o) => o.value === endpoint()));
      assert.isDefined(service, `no sd:Service has sd:endpoint <${endpoint()}>`);
      const languages = objects(service!, `${SD}supportedLanguage`).map((o) => o.value);
      assert.isTrue(
        languages.some((l) => SPARQL_LANGUAGES.includes(l)),
        `sd:supportedLanguage is not one of sd:SPARQL10Query/SPARQL11Query/SPARQL11Update: ${languages.join(', ') || 'none'}`,
      );
      // Ranges of the vocabulary: these properties point at resources, never literals.
      for (const p of ['endpoint', 'supportedLanguage', 'feature', 'resultFormat', 'inputFormat', 'defaultDataset', 'availableGraphs', 'defaultEntailmentRegime']) {
        for (const q of quads.filter((q) => q.predicate.value === `${SD}${p}`)) {
          assert.notStrictEqual(q.object.termType, 'Literal', `sd:${p} has the literal ${q.object.value}; its range is a resource`);
        }
      }
      // Best practice checked by the same validator: whatever has service properties is typed sd:Service.
      const serviceProperties = ['endpoint', 'feature', 'supportedLanguage', 'resultFormat', 'inputFormat', 'defaultDataset'].map((p) => `${SD}${p}`);
      for (const subject of new Set(quads.filter((q) => serviceProperties.includes(q.predicate.value)).map((q) => q.subject.value))) {
        assert.include(services, subject, `${subject} has sd:Service properties but is not typed sd:Service`);
      }
    });
  });
});
