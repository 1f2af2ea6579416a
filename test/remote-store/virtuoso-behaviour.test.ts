import { expect } from 'chai';
import { Readable } from 'node:stream';
import { StoreError } from '../../src/store/store-error.js';
import type { RemoteStore } from '../../src/store/remote/remote-store.js';
import { VIRTUOSO_RESULT_ROWS, virtuosoOrSkip, type Virtuoso } from '../support/virtuoso.js';
import { XSD, openRemoteStore, remoteDataDir, rawFetch, sortedLines, text , storeErrorOf } from './open-remote.js';

const EX = 'http://example.org/';
const many = (n: number, tag = 'v') => Array.from({ length: n }, (_, i) => `<${EX}s${i}> <${EX}p> "${tag} ${i} ${'x'.repeat(40)}" .\n`).join('');

/**
 * Each behaviour measured on Virtuoso 7.2.5 (issue 10): first shown on Virtuoso itself, then the backend's handling
 * of it, which these tests would catch missing.
 */
describe('remote store: what Virtuoso does and how the backend handles it', function () {
  this.timeout(180_000);
  let virtuoso: Virtuoso;
  let store: RemoteStore;
  before(async function () {
    virtuoso = await virtuosoOrSkip(this);
    store = await openRemoteStore(virtuoso);
  });
  after(async () => store?.close());

  const gsp = (graph: string) => `${virtuoso.graphStoreUrl}?graph=${encodeURIComponent(graph)}`;
  const rawGet = async (graph: string) => (await rawFetch(virtuoso, gsp(graph), { headers: { accept: 'application/n-triples' } })).text();

  it('a chunked Graph Store PUT is acknowledged and stores nothing; the backend sends a length and stores all', async () => {
    const body = many(50);
    const chunked = await rawFetch(virtuoso, gsp(`${EX}chunked`), {
      method: 'PUT',
      headers: { 'content-type': 'application/n-triples' },
      body: Readable.toWeb(Readable.from([Buffer.from(body)])) as ReadableStream,
      duplex: 'half',
    });
    expect(chunked.status).to.be.oneOf([201, 204]);
    expect(sortedLines(await rawGet(`${EX}chunked`))).to.have.length(0);

    await store.replaceGraph(`${EX}sent-whole`, body);
    expect(sortedLines(await store.ntriples([{ graph: `${EX}sent-whole` }]))).to.deep.equal(sortedLines(body));
  });

  it('a Graph Store PUT that fails half-way replaces the graph by part of the upload; the backend leaves the graph as it was', async () => {
    // Virtuoso's loader commits a large upload in batches: an error near the end (here a line it cannot parse)
    // answers 500 after the graph was already replaced by the lines before it.
    const old = many(300, 'old');
    const failing = `${many(30_000, 'new')}<${EX}bad> <${EX}p> "never closed .\n`;
    const rawGraph = `${EX}half-raw`;
    await store.replaceGraph(rawGraph, old);
    const raw = await rawFetch(virtuoso, gsp(rawGraph), { method: 'PUT', headers: { 'content-type': 'application/n-triples' }, body: failing });
    expect(raw.status).to.equal(500);
    await raw.arrayBuffer();
    const [row] = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${rawGraph}> { ?s ?p ?o FILTER(STRSTARTS(?o, "new")) } }`, EX);
    expect(Number(row!.n!.value), 'Virtuoso kept the part before the error').to.be.greaterThan(0);

    const graph = `${EX}half-backend`;
    await store.replaceGraph(graph, old);
    const error = await storeErrorOf(store.replaceGraph(graph, failing));
    expect(error.kind).to.equal('syntax');
    expect(error.line).to.equal(30_001);
    expect(sortedLines(await store.ntriples([{ graph }]))).to.deep.equal(sortedLines(old));
    // The failed write was not acknowledged: no change event, no sequence number, and the next one goes through.
    const seq = store.stats().seq;
    await store.replaceGraph(graph, many(10, 'next'));
    expect(store.stats().seq).to.equal(seq + 1);
    expect(sortedLines(await store.ntriples([{ graph }]))).to.deep.equal(sortedLines(many(10, 'next')));
  });

  it(`ResultSetMaxRows (${VIRTUOSO_RESULT_ROWS} here) cuts SELECTs and Graph Store GETs with 200; the backend pages reads and refuses cut results`, async () => {
    const graph = `${EX}large`;
    const body = many(VIRTUOSO_RESULT_ROWS * 2 + 17);
    await store.replaceGraph(graph, body);
    const raw = await rawFetch(virtuoso, gsp(graph), { headers: { accept: 'application/n-triples' } });
    expect(raw.status).to.equal(200);
    expect(sortedLines(await raw.text()).length).to.be.below(VIRTUOSO_RESULT_ROWS * 2);

    expect(sortedLines(await store.ntriples([{ graph }]))).to.deep.equal(sortedLines(body));
    const error = await storeErrorOf(
      text((onChunk) => store.query(`SELECT * WHERE { GRAPH <${graph}> { ?s ?p ?o } }`, 'application/sparql-results+json', EX, undefined, onChunk)),
    );
    expect(error.kind).to.equal('unsupported');
    expect(error.message).to.match(/ResultSetMaxRows/);
    const page = JSON.parse(
      await text((onChunk) => store.query(`SELECT * WHERE { GRAPH <${graph}> { ?s ?p ?o } } LIMIT 100 OFFSET ${VIRTUOSO_RESULT_ROWS * 2}`, 'application/sparql-results+json', EX, undefined, onChunk)),
    ) as { results: { bindings: unknown[] } };
    expect(page.results.bindings).to.have.length(17);
    // The server's own SELECTs (listings) are read in pages, whole.
    const listing = await store.select(`SELECT ?s WHERE { GRAPH <${graph}> { ?s ?p ?o } } ORDER BY ?s`, EX);
    expect(listing).to.have.length(VIRTUOSO_RESULT_ROWS * 2 + 17);
    expect(new Set(listing.map((row) => row.s!.value)).size).to.equal(VIRTUOSO_RESULT_ROWS * 2 + 17);

    // A CONSTRUCT is cut too, with 200 and no header saying so; the backend refuses one that reaches the limit.
    const construct = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
    const rawConstruct = await rawFetch(virtuoso, virtuoso.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/n-triples' },
      body: new URLSearchParams({ query: construct }).toString(),
    });
    expect(rawConstruct.status).to.equal(200);
    expect(rawConstruct.headers.get('x-sparql-maxrows')).to.equal(null);
    expect(sortedLines(await rawConstruct.text()).length).to.be.below(VIRTUOSO_RESULT_ROWS * 2);
    const cut = await storeErrorOf(text((onChunk) => store.query(construct, 'text/turtle', EX, undefined, onChunk)));
    expect(cut.kind).to.equal('unsupported');
    const small = await text((onChunk) => store.query(`${construct} LIMIT 10`, 'application/n-triples', EX, undefined, onChunk));
    expect(sortedLines(small)).to.have.length(10);

    // A page size above the server's limit is noticed from a short page and lowered; the document is still whole.
    const bigPages = await openRemoteStore(virtuoso, { pageRows: VIRTUOSO_RESULT_ROWS * 4 });
    try {
      expect(sortedLines(await bigPages.ntriples([{ graph }]))).to.deep.equal(sortedLines(body));
      expect(await bigPages.select(`SELECT ?s WHERE { GRAPH <${graph}> { ?s ?p ?o } } ORDER BY ?s`, EX)).to.have.length(VIRTUOSO_RESULT_ROWS * 2 + 17);
    } finally {
      await bigPages.close();
    }
  });

  it('a timed-out query answers 200 with partial results and X-SQL-State; the backend throws a timeout', async () => {
    const graph = `${EX}timeout`;
    await store.replaceGraph(graph, many(300));
    const slow = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?a ?p ?o . ?b ?q ?r . ?c ?x ?y . ?d ?e ?f } }`;
    const form = new URLSearchParams({ query: slow, timeout: '500' });
    const raw = await rawFetch(virtuoso, virtuoso.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: form.toString(),
    });
    expect(raw.status).to.equal(200);
    expect(raw.headers.get('x-sql-state')).to.be.a('string');
    await raw.arrayBuffer();

    const quick = await openRemoteStore(virtuoso, { queryTimeoutMs: 500 });
    try {
      const started = Date.now();
      const error = await storeErrorOf(text((onChunk) => quick.query(slow, 'application/sparql-results+json', EX, undefined, onChunk)));
      expect(error.kind).to.equal('timeout');
      expect(Date.now() - started).to.be.below(15_000);
    } finally {
      await quick.close();
    }
  });

  it("Virtuoso's default graph holds its system graphs; the backend's queries see our graphs only", async () => {
    // Virtuoso's schema triples answer a query that names no dataset.
    const systemTriple = 'ASK { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMap> }';
    const raw = await rawFetch(virtuoso, virtuoso.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query: systemTriple }).toString(),
    });
    const answer = await raw.text();
    expect(raw.status, answer).to.equal(200);
    expect(answer).to.match(/"__ASK_RETVAL".*"value": "1"/s);

    const fresh = await openRemoteStore(virtuoso);
    try {
      const ask = await text((onChunk) => fresh.query(systemTriple, 'application/sparql-results+json', EX, undefined, onChunk));
      expect(JSON.parse(ask)).to.deep.equal({ head: {}, boolean: false });
      const graphs = (await fresh.select('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', EX)).map((row) => row.g!.value).sort();
      expect(graphs).to.deep.equal(await fresh.listGraphs());
      expect(graphs.some((g) => !g.startsWith(EX))).to.equal(false);
      const [row] = await fresh.select('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', EX);
      expect(Number(row!.n!.value)).to.equal(fresh.stats().quads);
      // FROM naming a system graph gives nothing from it.
      const system = await fresh.select('SELECT * FROM <http://www.openlinksw.com/schemas/virtrdf#> WHERE { ?s ?p ?o } LIMIT 5', EX);
      expect(system).to.have.length(0);
    } finally {
      await fresh.close();
    }
  });

  it('Virtuoso rewrites typed literals (xsd:duration, booleans, doubles); documents give them back as written, also after a restart', async () => {
    const literals = ['"P1Y2M"^^<D>', '"PT1H"^^<D>', '"P1D"^^<D>'].map((l) => l.replace('<D>', `<${XSD}duration>`));
    literals.push(`"1"^^<${XSD}boolean>`, `"0"^^<${XSD}boolean>`, `"1.0E0"^^<${XSD}double>`, `"01"^^<${XSD}integer>`, `"1.50"^^<${XSD}decimal>`, `"2020-01-01"^^<${XSD}date>`);
    const body = literals.map((literal, i) => `<${EX}lit${i}> <${EX}value> ${literal} .\n`).join('') + `_:b <${EX}value> "PT30M"^^<${XSD}duration> .\n<${EX}lit0> <${EX}node> _:b .\n`;
    const graph = `${EX}literals`;
    const dataDir = remoteDataDir();
    const writer = await openRemoteStore(virtuoso, { dataDir });
    await writer.replaceGraph(graph, body);
    await writer.close();
    const raw = await rawGet(graph);
    expect(raw).to.not.include('"P1Y2M"');
    expect(raw).to.not.include('"1.0E0"');

    const asWritten = (document: string) => sortedLines(document.replace(/_:\S+/g, '_:b'));
    const reopened = await openRemoteStore(virtuoso, { dataDir });
    after(() => reopened.close());
    expect(asWritten(await reopened.ntriples([{ graph }]))).to.deep.equal(asWritten(body));
    const turtle = await text((onChunk) => reopened.document(graph, 'text/turtle', onChunk));
    expect(turtle).to.include('"P1Y2M"^^xsd:duration').and.include('"1.0E0"^^xsd:double').and.include('"PT30M"^^xsd:duration');

    // A store on another DATA_DIR has Virtuoso's forms only: the originals are what this backend keeps.
    expect(asWritten(await store.ntriples([{ graph }]))).to.not.deep.equal(asWritten(body));
  });

  it('blank nodes are refused in INSERT DATA; the backend runs it as INSERT … WHERE {}', async () => {
    const update = `INSERT DATA { GRAPH <${EX}bnodes> { <${EX}a> <${EX}b> _:x . _:x <${EX}c> "in a blank node" } }`;
    const raw = await rawFetch(virtuoso, virtuoso.updateUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ update }).toString(),
    });
    expect(raw.status).to.be.at.least(400);
    expect(await raw.text()).to.match(/Blank node/i);

    await store.update(update, EX);
    expect(await store.listGraphs()).to.include(`${EX}bnodes`);
    const lines = sortedLines(await store.ntriples([{ graph: `${EX}bnodes` }]));
    expect(lines).to.have.length(2);
    expect(lines.join('\n')).to.include('"in a blank node"');
  });
});
