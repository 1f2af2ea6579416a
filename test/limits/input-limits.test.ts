/**
 * Bodies past the input limits are refused before any parser sees them, with 400 or 413 and a problem document naming
 * the limit, its value and where; bodies just inside them are accepted. The issue's hostile bodies are refused in well
 * under a second each while /healthz keeps answering.
 */
import { expect } from 'chai';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { entityBody, nestedJsonLd, nestedRdfXml, nestedTurtle, ntriples, unclosedRdfXml } from './hostile-bodies.js';

interface Problem {
  status: number;
  detail: string;
  limit?: string;
  value?: number;
  line?: number;
  column?: number;
}

const LIMITS = {
  MAX_TRIPLES_PER_REQUEST: '1000',
  MAX_NTRIPLES_LINE_BYTES: '2000',
  MAX_XML_ENTITY_EXPANSION: '100000',
  MAX_QUERY_BYTES: '10000',
};

describe('input limits checked before parsing', function () {
  this.timeout(180_000);
  let server: TestServer;
  let graphs = 0;
  before(async () => {
    server = await startTestServer({ env: LIMITS });
  });
  after(async () => server.kill());

  const putGraph = (body: string, type: string) =>
    fetch(`${server.url}/store?graph=${encodeURIComponent(`http://example.org/g${++graphs}`)}`, {
      method: 'PUT',
      body,
      headers: { 'Content-Type': type, ...admin },
    });

  async function expectRefused(res: Response, status: number, limit: string, value: number): Promise<Problem> {
    const problem = (await res.json()) as Problem;
    expect(res.status, problem.detail).to.equal(status);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(problem).to.include({ limit, value });
    expect(problem.detail).to.contain(limit);
    return problem;
  }

  it('refuses RDF/XML nested past MAX_XML_DEPTH with 400 and where, and accepts it at the limit', async () => {
    const refused = await expectRefused(await putGraph(nestedRdfXml(257), 'application/rdf+xml'), 400, 'MAX_XML_DEPTH', 256);
    expect(refused.line).to.equal(3);
    // The 257th element starts after the 255 inner ones that fit (rdf:RDF is on line 2): 128 <ex:N> and 127 <ex:p>.
    expect(refused.column).to.equal(128 * '<ex:N>'.length + 127 * '<ex:p>'.length + 1);
    expect((await putGraph(nestedRdfXml(256), 'application/rdf+xml')).status).to.equal(201);
  });

  it('refuses entity references expanding past MAX_XML_ENTITY_EXPANSION with 413, and accepts them at the limit', async () => {
    const refused = await expectRefused(await putGraph(entityBody(1000, 101), 'application/rdf+xml'), 413, 'MAX_XML_ENTITY_EXPANSION', 100000);
    expect(refused.line).to.equal(7);
    expect(refused.column).to.equal('<ex:p>'.length + 100 * '&big;'.length + 1);
    expect((await putGraph(entityBody(1000, 100), 'application/rdf+xml')).status).to.equal(201);
    const stored = await fetch(`${server.url}/store?graph=${encodeURIComponent(`http://example.org/g${graphs}`)}`, { headers: { Accept: 'application/n-triples' } });
    expect(await stored.text()).to.contain('a'.repeat(100_000));
  });

  it('still refuses external, parameter and nested entities', async () => {
    const declare = (declaration: string) => `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n${declaration}\n]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n`;
    for (const [declaration, words] of [
      ['<!ENTITY ext SYSTEM "file:///etc/passwd">', /external entity "ext"/],
      ['<!ENTITY % pe "x">', /parameter entity "pe"/],
      ['<!ENTITY a "x">\n<!ENTITY b "&a;&a;">', /entity "b" refers to another entity/],
    ] as const) {
      const res = await putGraph(declare(declaration), 'application/rdf+xml');
      const problem = (await res.json()) as Problem;
      expect(res.status).to.equal(400);
      expect(problem.detail).to.match(words);
      expect(problem.line).to.be.a('number');
    }
  });

  it('refuses JSON-LD nested past MAX_JSON_DEPTH with 400 and where, and accepts it at the limit', async () => {
    const refused = await expectRefused(await putGraph(nestedJsonLd(257), 'application/ld+json'), 400, 'MAX_JSON_DEPTH', 256);
    expect(refused).to.include({ line: 1, column: 256 * '{"http://example.org/p": '.length + 1 });
    expect((await putGraph(nestedJsonLd(256), 'application/ld+json')).status).to.equal(201);
  });

  it('refuses Turtle nesting "[" and "(" past MAX_TURTLE_NESTING, not counting strings and IRIs, and accepts it at the limit', async () => {
    const refused = await expectRefused(await putGraph(nestedTurtle(257), 'text/turtle'), 400, 'MAX_TURTLE_NESTING', 256);
    expect(refused).to.include({ line: 3, column: '<http://example.org/s#(x> <http://example.org/p> '.length + 256 * '[ <http://example.org/p> '.length + 1 });
    expect((await putGraph(nestedTurtle(256), 'text/turtle')).status).to.equal(201);
    const collection = `<http://example.org/s> <http://example.org/p> ${'( '.repeat(257)}1${' )'.repeat(257)} .\n`;
    await expectRefused(await putGraph(collection, 'text/turtle'), 400, 'MAX_TURTLE_NESTING', 256);
  });

  it('refuses an N-Triples line longer than MAX_NTRIPLES_LINE_BYTES with 413 and where, and accepts one at the limit', async () => {
    const line = (bytes: number) => {
      const head = '<http://example.org/s> <http://example.org/p> "';
      const tail = '" .';
      return `${head}${'x'.repeat(bytes - head.length - tail.length)}${tail}`;
    };
    const refused = await expectRefused(await putGraph(`${ntriples(1)}${line(2001)}\n`, 'application/n-triples'), 413, 'MAX_NTRIPLES_LINE_BYTES', 2000);
    expect(refused).to.include({ line: 2, column: 2001 });
    expect((await putGraph(`${ntriples(1)}${line(2000)}\n`, 'application/n-triples')).status).to.equal(201);
  });

  it('refuses more than MAX_TRIPLES_PER_REQUEST triples with 413, in any syntax and over multipart parts together', async () => {
    const refused = await expectRefused(await putGraph(`# a comment is not a triple\n${ntriples(1001)}`, 'application/n-triples'), 413, 'MAX_TRIPLES_PER_REQUEST', 1000);
    expect(refused).to.include({ line: 1002, column: 1 });
    expect((await putGraph(`# a comment is not a triple\n\n${ntriples(1000)}`, 'application/n-triples')).status).to.equal(201);
    // Turtle's triples are counted by the parser thread, before their lines are written.
    await expectRefused(await putGraph(ntriples(1001), 'text/turtle'), 413, 'MAX_TRIPLES_PER_REQUEST', 1000);
    const form = new FormData();
    form.append('a', new Blob([ntriples(600)], { type: 'application/n-triples' }), 'a.nt');
    form.append('b', new Blob([ntriples(600, 600)], { type: 'text/turtle' }), 'b.ttl');
    const multipart = await fetch(`${server.url}/store?graph=http://example.org/multipart`, { method: 'POST', body: form, headers: admin });
    await expectRefused(multipart, 413, 'MAX_TRIPLES_PER_REQUEST', 1000);
    expect((await fetch(`${server.url}/store?graph=http://example.org/multipart`)).status).to.equal(404);
  });

  it('checks the limits on every route that reads RDF: /validate, its form, catalog writes and multipart parts', async () => {
    const validate = await fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', body: nestedTurtle(300), headers: { 'Content-Type': 'text/turtle' } });
    await expectRefused(validate, 400, 'MAX_TURTLE_NESTING', 256);
    const form = new FormData();
    form.append('profile', 'dcat-ap-3');
    form.append('syntax', 'application/ld+json');
    form.append('text', nestedJsonLd(300));
    await expectRefused(await fetch(`${server.url}/validate`, { method: 'POST', body: form }), 400, 'MAX_JSON_DEPTH', 256);
    const catalog = await fetch(`${server.url}/catalogs/goteborg`, { method: 'PUT', body: nestedRdfXml(300), headers: { 'Content-Type': 'application/rdf+xml', ...admin } });
    await expectRefused(catalog, 400, 'MAX_XML_DEPTH', 256);
    expect((await fetch(`${server.url}/catalogs/goteborg`)).status).to.equal(404);
    const parts = new FormData();
    parts.append('a', new Blob([ntriples(2)], { type: 'application/n-triples' }), 'a.nt');
    parts.append('b', new Blob([entityBody(1000, 200)], { type: 'application/rdf+xml' }), 'b.rdf');
    const multipart = await fetch(`${server.url}/store`, { method: 'POST', body: parts, headers: admin });
    await expectRefused(multipart, 413, 'MAX_XML_ENTITY_EXPANSION', 100000);
  });

  it('refuses the issue\'s hostile bodies in well under a second each while /healthz answers', async () => {
    const hostile: [string, string, number, string][] = [
      ['100,000-deep RDF/XML', unclosedRdfXml(100_000), 400, 'MAX_XML_DEPTH'],
      ['one 50,000-character entity referenced 50,000 times', entityBody(50_000, 50_000), 413, 'MAX_XML_ENTITY_EXPANSION'],
      ['1,000,000-deep JSON', '['.repeat(1_000_000), 400, 'MAX_JSON_DEPTH'],
      ['Turtle with 100,000 "["', `<http://example.org/s> <http://example.org/p> ${'['.repeat(100_000)}`, 400, 'MAX_TURTLE_NESTING'],
    ];
    const types = ['application/rdf+xml', 'application/rdf+xml', 'application/ld+json', 'text/turtle'];
    let polling = true;
    let slowestHealth = 0;
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        const res = await fetch(`${server.url}/healthz`);
        expect(res.status).to.equal(200);
        await res.arrayBuffer();
        slowestHealth = Math.max(slowestHealth, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      for (const [i, [name, body, status, limit]] of hostile.entries()) {
        for (const route of ['store', 'validate'] as const) {
          const started = performance.now();
          const res =
            route === 'store'
              ? await putGraph(body, types[i]!)
              : await fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', body, headers: { 'Content-Type': types[i]! } });
          const problem = (await res.json()) as Problem;
          const ms = performance.now() - started;
          expect(res.status, `${name} at /${route}: ${problem.detail}`).to.equal(status);
          expect(problem.limit).to.equal(limit);
          expect(problem.line, name).to.be.a('number');
          expect(problem.column, name).to.be.a('number');
          expect(ms, `${name} at /${route}`).to.be.below(1000);
        }
      }
    } finally {
      polling = false;
      await poll;
    }
    expect(slowestHealth).to.be.below(1000);
  });

  it('refuses SPARQL text nested past MAX_SPARQL_NESTING with 400 and a query past MAX_QUERY_BYTES with 413', async () => {
    const ask = (query: string) => fetch(`${server.url}/sparql`, { method: 'POST', body: query, headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' } });
    const deep = `ASK {\n${'{ '.repeat(300)}?s ?p ?o${' }'.repeat(300)} }`;
    const refused = await expectRefused(await ask(deep), 400, 'MAX_SPARQL_NESTING', 256);
    expect(refused).to.include({ line: 2, column: 255 * 2 + 1 });
    // Braces in strings, IRIs and comments, and "<" as less-than, are not nesting.
    const fine = `ASK { # {{{{ (((\n ?s ?p ?o FILTER(?o != "${'{'.repeat(300)}" && ?o != <http://example.org/(((>) FILTER(1 < 2) }`;
    const ok = await ask(fine);
    expect(ok.status, await ok.clone().text()).to.equal(200);
    expect(((await ok.json()) as { boolean: boolean }).boolean).to.be.a('boolean');
    await expectRefused(await ask(`ASK { ?s ?p "${'x'.repeat(10_000)}" }`), 413, 'MAX_QUERY_BYTES', 10000);
    const update = await fetch(`${server.url}/sparql`, { method: 'POST', body: `INSERT DATA { ${'{ '.repeat(300)} }`, headers: { 'Content-Type': 'application/sparql-update', ...admin } });
    await expectRefused(update, 400, 'MAX_SPARQL_NESTING', 256);
  });
});
