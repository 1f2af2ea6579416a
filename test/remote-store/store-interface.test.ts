import { expect } from 'chai';
import N3 from 'n3';
import { pino } from 'pino';
import { RemoteStore } from '../../src/store/remote/remote-store.js';
import { DEFAULT_GRAPH, type Store, type StoreChange } from '../../src/store/store.js';
import { StoreError } from '../../src/store/store-error.js';
import { emptyVirtuoso, virtuosoOrSkip, type Virtuoso } from '../support/virtuoso.js';
import { XSD, openRemoteStore, remoteDataDir, rawFetch, sortedLines, text , storeErrorOf } from './open-remote.js';

const EX = 'http://example.org/iface/';
const catalog = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `<${EX}d${i}> <http://purl.org/dc/terms/title> "${tag} ${i}"@sv .\n<${EX}d${i}> <http://purl.org/dc/terms/issued> "2024-01-0${(i % 9) + 1}"^^<${XSD}date> .\n`).join('');

describe('remote store through the Store interface (Virtuoso)', function () {
  this.timeout(180_000);
  let virtuoso: Virtuoso;
  let store: Store;
  let dataDir: string;
  const changes: StoreChange[] = [];
  before(async function () {
    virtuoso = await virtuosoOrSkip(this);
    await emptyVirtuoso(virtuoso);
    dataDir = remoteDataDir();
    store = await openRemoteStore(virtuoso, { dataDir });
    store.onChange((change) => changes.push(change));
  });
  after(async () => store?.close());

  it('declares what it can do', () => {
    expect(store.capabilities).to.deep.equal({ graphPatches: false, literalOriginals: true, writeLog: false });
    expect(store.patchGraph).to.equal(undefined);
    expect(store.ready).to.equal(true);
    expect(store.touchedSince(0)).to.equal('unknown');
  });

  it('writes, replaces, adds to and drops graphs, with a change event after each acknowledged write', async () => {
    const graph = `${EX}catalog-a`;
    const first = await store.replaceGraph(graph, catalog(3, 'first'));
    expect(first).to.include({ existed: false, changed: true });
    expect(changes.at(-1)).to.deep.equal({ graphs: [graph], kind: 'replace', seq: first.seq });
    expect(await store.graphExists(graph)).to.equal(true);
    expect(await store.listGraphs()).to.include(graph);

    const second = await store.replaceGraph(graph, catalog(2, 'second'));
    expect(second).to.include({ existed: true, changed: true, seq: first.seq + 1 });
    expect(sortedLines(await store.ntriples([{ graph }]))).to.deep.equal(sortedLines(catalog(2, 'second')));

    const added = await store.addToGraph(graph, `<${EX}extra> <${EX}p> "1.50"^^<${XSD}decimal> .\n`);
    expect(added.existed).to.equal(true);
    expect(changes.at(-1)!.kind).to.equal('add');
    expect(sortedLines(await store.ntriples([{ graph }]))).to.deep.equal(sortedLines(catalog(2, 'second') + `<${EX}extra> <${EX}p> "1.50"^^<${XSD}decimal> .\n`));

    // A replacement by an empty text leaves an empty graph, as on the embedded store.
    await store.replaceGraph(graph, '');
    expect(await store.graphExists(graph)).to.equal(true);
    expect(await store.ntriples([{ graph }])).to.equal('');

    const dropped = await store.dropGraph(graph);
    expect(dropped).to.include({ existed: true, changed: true });
    expect(changes.at(-1)).to.deep.equal({ graphs: [graph], kind: 'drop', seq: dropped.seq });
    expect(await store.graphExists(graph)).to.equal(false);
    const again = await store.dropGraph(graph);
    expect(again).to.include({ existed: false, changed: false });
  });

  it('keeps the write count in the remote store and the literal originals in DATA_DIR across a restart', async () => {
    const graph = `${EX}catalog-b`;
    const written = `<${EX}b> <${EX}p> "P1Y2M"^^<${XSD}duration> .\n`;
    const prepared: number[] = [];
    const { seq } = await store.replaceGraph(graph, written, { prepare: (n) => void prepared.push(n) });
    expect(prepared).to.deep.equal([seq]);
    const again = await openRemoteStore(virtuoso, { dataDir });
    const elsewhere = await openRemoteStore(virtuoso);
    try {
      expect(again.stats().seq).to.equal(seq);
      expect(elsewhere.stats().seq, 'the count is the remote store\'s, not this machine\'s').to.equal(seq);
      expect(await again.ntriples([{ graph }])).to.equal(written);
    } finally {
      await again.close();
      await elsewhere.close();
    }
  });

  it('does not count or switch in a write whose prepare throws', async () => {
    const graph = `${EX}catalog-refused`;
    const before = store.stats().seq;
    const failure = await store.replaceGraph(graph, catalog(2, 'refused'), { prepare: () => { throw new Error('records unavailable'); } }).catch((error: Error) => error);
    expect((failure as Error).message).to.equal('records unavailable');
    expect(store.stats().seq).to.equal(before);
    expect(await store.graphExists(graph)).to.equal(false);
    const again = await openRemoteStore(virtuoso, { dataDir });
    try {
      expect(again.stats().seq).to.equal(before);
    } finally {
      await again.close();
    }
  });

  it('runs SPARQL Update over our graphs: the default graph, WITH, DELETE WHERE, GRAPH ?g limited to ours', async () => {
    await store.replaceGraph(DEFAULT_GRAPH, `<${EX}x> <${EX}p> "in default" .\n`);
    await store.update(`INSERT DATA { <${EX}y> <${EX}p> "also default" }`, EX);
    expect(sortedLines(await store.ntriples([{ graph: DEFAULT_GRAPH }]))).to.deep.equal(sortedLines(`<${EX}x> <${EX}p> "in default" .\n<${EX}y> <${EX}p> "also default" .\n`));
    await store.update(`DELETE WHERE { <${EX}y> ?p ?o }`, EX);
    expect(await store.ntriples([{ graph: DEFAULT_GRAPH }])).to.equal(`<${EX}x> <${EX}p> "in default" .\n`);

    const graph = `${EX}catalog-c`;
    await store.update(`INSERT DATA { GRAPH <${graph}> { <${EX}c> <${EX}p> 1 } }`, EX);
    expect(await store.listGraphs()).to.include(graph);
    expect(changes.at(-1)).to.include({ kind: 'update', graphs: 'all' });
    await store.update(`DELETE { GRAPH ?g { ?s <${EX}p> 1 } } INSERT { GRAPH ?g { ?s <${EX}p> 2 } } WHERE { GRAPH ?g { ?s <${EX}p> 1 } }`, EX);
    expect(await store.ntriples([{ graph }])).to.equal(`<${EX}c> <${EX}p> "2"^^<${XSD}integer> .\n`);
    // Relative IRIs resolve against the base IRI given.
    await store.update(`INSERT DATA { GRAPH <catalog-c> { <rel> <${EX}p> "r" } }`, EX);
    expect(await store.ntriples([{ graph }])).to.include(`<${EX}rel> <${EX}p> "r" .`);
    await store.update(`DROP GRAPH <${graph}>`, EX);
    expect(await store.listGraphs()).to.not.include(graph);
  });

  it("DROP and CLEAR (ALL or a graph) reach our graphs only, never Virtuoso's own", async () => {
    const other = await openRemoteStore(virtuoso);
    try {
      await other.replaceGraph(`${EX}to-drop`, `<${EX}s> <${EX}p> "o" .\n`);
      // A graph that is not ours does not exist for us, Virtuoso's own included.
      const system = await storeErrorOf(other.update('DROP GRAPH <http://www.openlinksw.com/schemas/virtrdf#>', EX));
      expect(system.kind).to.equal('unsupported');
      expect(system.message).to.include('does not exist');
      await other.update('CLEAR SILENT GRAPH <http://www.openlinksw.com/schemas/virtrdf#>', EX);
      const write = await storeErrorOf(other.update('DELETE WHERE { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }', EX));
      expect(write.message).to.include('belongs to the remote store');
      await other.update('DROP ALL', EX);
      expect(await other.listGraphs()).to.deep.equal([]);
      expect(await other.ntriples([{ graph: DEFAULT_GRAPH }])).to.equal('');
      expect(other.stats().quads).to.equal(0);
    } finally {
      await other.close();
    }
    const raw = await rawFetch(virtuoso, virtuoso.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query: 'ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }' }).toString(),
    });
    // Virtuoso answers ASK as a one-row SELECT of __ASK_RETVAL (see ask-results.ts).
    expect(await raw.text()).to.match(/"__ASK_RETVAL".*"value": "1"/s);
  });

  it('answers queries in every results format, with the protocol dataset or our union', async () => {
    const graph = `${EX}catalog-q`;
    await store.replaceGraph(graph, `<${EX}q> <${EX}title> "Vatten, \\"sjöar\\""@sv .\n<${EX}q> <${EX}count> "3"^^<${XSD}integer> .\n`);
    const select = `SELECT ?t WHERE { <${EX}q> <${EX}title> ?t }`;
    const run = (query: string, mediaType: string, dataset?: { defaultGraphs?: string[]; namedGraphs?: string[] }) =>
      text((onChunk) => store.query(query, mediaType, EX, dataset, onChunk));
    const json = JSON.parse(await run(select, 'application/sparql-results+json')) as { results: { bindings: { t: { value: string } }[] } };
    expect(json.results.bindings.map((b) => b.t.value)).to.deep.equal(['Vatten, "sjöar"']);
    expect(await run(select, 'application/sparql-results+xml')).to.include('<binding name="t"><literal xml:lang="sv">Vatten, &quot;sjöar&quot;</literal></binding>');
    expect(await run(select, 'text/csv')).to.equal('t\r\n"Vatten, ""sjöar"""\r\n');
    // SPARQL 1.1 TSV, not Virtuoso's own (which quotes the header and IRIs and drops language tags).
    const rows = `SELECT ?s ?t ?n ?none WHERE { ?s <${EX}title> ?t . ?s <${EX}count> ?n OPTIONAL { ?s <${EX}none> ?none } }`;
    expect(await run(rows, 'text/tab-separated-values')).to.equal(`?s\t?t\t?n\t?none\n<${EX}q>\t"Vatten, \\"sjöar\\""@sv\t"3"^^<${XSD}integer>\t\n`);
    const standard = JSON.parse(await run(rows, 'application/sparql-results+json')) as { results: { bindings: Record<string, unknown>[] } };
    expect(standard.results.bindings[0]!.n).to.deep.equal({ type: 'literal', value: '3', datatype: `${XSD}integer` });
    expect(JSON.parse(await run(`ASK { <${EX}q> ?p ?o }`, 'application/sparql-results+json'))).to.deep.equal({ head: {}, boolean: true });
    expect(await run(`ASK { <${EX}q> <${EX}none> ?o }`, 'application/sparql-results+xml')).to.include('<boolean>false</boolean>');
    // A dataset of other graphs does not see it.
    expect(JSON.parse(await run(`ASK { <${EX}q> ?p ?o }`, 'application/sparql-results+json', { defaultGraphs: [DEFAULT_GRAPH] }))).to.include({ boolean: false });
    expect(JSON.parse(await run(`ASK { GRAPH <${graph}> { <${EX}q> ?p ?o } }`, 'application/sparql-results+json', { defaultGraphs: [], namedGraphs: [graph] }))).to.include({ boolean: true });

    const construct = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
    for (const [mediaType, format] of [['text/turtle', 'Turtle'], ['application/n-triples', 'N-Triples']] as const) {
      const quads = new N3.Parser({ format }).parse(await run(construct, mediaType));
      expect(quads, mediaType).to.have.length(2);
    }
    expect(await run(construct, 'application/rdf+xml')).to.include('rdf:RDF');
    expect(JSON.stringify(JSON.parse(await run(construct, 'application/ld+json')))).to.include('sjöar');
  });

  it('gives syntax errors with line and column, and refuses LOAD', async () => {
    const query = await storeErrorOf(text((onChunk) => store.query('SELECT ?s\nWHERE { ?s ?p }', 'application/sparql-results+json', EX, undefined, onChunk)));
    expect(query.kind).to.equal('syntax');
    expect(query.line).to.equal(2);
    expect(query.column).to.be.a('number');
    const update = await storeErrorOf(store.update('INSERT DATA {\n  <a> <b> }', EX));
    expect(update).to.include({ kind: 'syntax', line: 2 });
    expect((await storeErrorOf(store.update('LOAD <http://example.org/x>', EX))).kind).to.equal('unsupported');
  });

  it('renders graphs, CONSTRUCT parts and extra triples in every RDF media type, literals as written', async () => {
    const graph = `${EX}catalog-r`;
    const body = `<${EX}r> <${EX}title> "Titel"@sv .\n<${EX}r> <${EX}size> "1.0E0"^^<${XSD}double> .\n<${EX}r> <${EX}flag> "1"^^<${XSD}boolean> .\n<${EX}other> <${EX}title> "Annan" .\n`;
    await store.replaceGraph(graph, body);
    const extra = `<${EX}page> <${EX}next> <${EX}page2> .\n`;
    const parts = [{ graph, construct: `CONSTRUCT { <${EX}r> ?p ?o } WHERE { GRAPH <${graph}> { <${EX}r> ?p ?o } }` }];
    const nt = await text((onChunk) => store.render(parts, 'application/n-triples', onChunk, { extra }));
    expect(sortedLines(nt)).to.deep.equal(sortedLines(body.split('\n').filter((l) => l.startsWith(`<${EX}r>`)).join('\n') + '\n' + extra));
    for (const mediaType of ['text/turtle', 'application/rdf+xml', 'application/ld+json']) {
      const document = await text((onChunk) => store.document(graph, mediaType, onChunk));
      expect(document, mediaType).to.include('1.0E0').and.include('Annan');
    }
    expect(await text((onChunk) => store.render([{ graph }], 'text/turtle', onChunk, { requireGraph: `${EX}missing` }))).to.equal('');
    expect(await store.render([{ graph }], 'text/turtle', () => undefined, { requireGraph: `${EX}missing` })).to.equal(false);
    expect(await store.document(`${EX}missing`, 'text/turtle', () => undefined)).to.equal(false);
  });

  it('says the store is unavailable when it cannot be reached', async () => {
    const closed = new RemoteStore({
      queryUrl: 'http://127.0.0.1:9/sparql',
      updateUrl: 'http://127.0.0.1:9/sparql',
      graphStoreUrl: 'http://127.0.0.1:9/gsp',
      pageRows: 100,
      queryTimeoutMs: 1000,
      dataDir: remoteDataDir(),
      log: pino({ level: 'silent' }),
    });
    const error = await storeErrorOf(closed.open());
    expect(error.kind).to.equal('unavailable');
    expect(error.message).to.include('127.0.0.1:9');
  });
});
