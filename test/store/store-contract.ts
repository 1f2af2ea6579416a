/**
 * What every backend of src/store/store.ts must do, as one suite a backend's test runs over a fresh, empty store of
 * its own (test/store/embedded-contract.test.ts for the embedded store; the remote backend's test calls it too).
 */
import { expect } from 'chai';
import type { Store, StoreChange } from '../../src/store/store.js';
import { StoreError } from '../../src/store/store-error.js';

const G = 'http://example.org/contract/g';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const TRIPLE = '<http://example.org/s> <http://example.org/p> "o" .\n';
const OTHER = '<http://example.org/s> <http://example.org/p> "other" .\n';

async function text(read: (onChunk: (chunk: Uint8Array) => void) => Promise<unknown>): Promise<string> {
  const chunks: Uint8Array[] = [];
  await read((chunk) => void chunks.push(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export function describeStoreContract(name: string, open: (context: Mocha.Context) => Promise<{ store: Store; close(): Promise<void> }>): void {
  describe(`the store interface: ${name}`, function () {
    this.timeout(120_000);
    let store: Store;
    let close: () => Promise<void>;
    const changes: StoreChange[] = [];

    before(async function () {
      ({ store, close } = await open(this));
      store.onChange((change) => changes.push(change));
    });
    after(async () => close?.());
    beforeEach(() => {
      changes.length = 0;
    });

    it('is ready once open and declares its capabilities', () => {
      expect(store.ready).to.equal(true);
      expect(store.stats().ready).to.equal(true);
      expect(store.capabilities).to.have.all.keys('graphPatches', 'literalOriginals', 'writeLog');
      expect(store.memory().bytes).to.be.a('number');
    });

    it('tells listeners the graph, kind and seq of each acknowledged write, and nothing for a write that changed nothing', async () => {
      const replaced = await store.replaceGraph(G, TRIPLE);
      expect(replaced).to.include({ existed: false, changed: true });
      const added = await store.addToGraph(G, OTHER);
      expect(added).to.include({ existed: true, changed: true });
      expect(added.seq).to.be.greaterThan(replaced.seq);
      expect(changes).to.deep.equal([
        { graphs: [G], kind: 'replace', seq: replaced.seq },
        { graphs: [G], kind: 'add', seq: added.seq },
      ]);
      expect(store.stats().seq).to.equal(added.seq);
      changes.length = 0;
      expect((await store.dropGraph('http://example.org/contract/missing')).changed).to.equal(false);
      expect(changes).to.deep.equal([]);
    });

    it('applies patches when it offers them', async function () {
      if (!store.capabilities.graphPatches || !store.patchGraph) this.skip();
      const patched = await store.patchGraph!(G, { remove: OTHER, trees: { roots: [], depth: 0, ntriples: '' }, add: '' });
      expect(changes).to.deep.equal([{ graphs: [G], kind: 'patch', seq: patched.seq }]);
      expect(await text((onChunk) => store.document(G, 'application/n-triples', onChunk))).to.equal(TRIPLE);
    });

    it('runs a SPARQL Update and reports it as an update', async () => {
      await store.update(`INSERT DATA { GRAPH <${G}> { <http://example.org/s> <http://example.org/q> 1 } }`, 'http://example.org/');
      expect(changes.map((c) => c.kind)).to.deep.equal(['update']);
      const graphs = changes[0]!.graphs;
      expect(graphs === 'all' || graphs.includes(G)).to.equal(true);
    });

    it('writes query results in the media type asked for', async () => {
      const query = `SELECT ?o WHERE { GRAPH <${G}> { <http://example.org/s> <http://example.org/p> ?o } }`;
      const json = JSON.parse(await text((onChunk) => store.query(query, 'application/sparql-results+json', 'http://example.org/', undefined, onChunk))) as { results: { bindings: { o: { value: string } }[] } };
      expect(json.results.bindings.map((b) => b.o.value)).to.include('o');
      expect(await text((onChunk) => store.query(query, 'text/csv', 'http://example.org/', undefined, onChunk))).to.match(/^o\r?\n/);
      const turtle = await text((onChunk) => store.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G}> { ?s ?p ?o } }`, 'text/turtle', 'http://example.org/', undefined, onChunk));
      expect(turtle).to.contain('<http://example.org/s>');
      expect((await store.select(query, 'http://example.org/')).map((b) => b.o!.value)).to.include('o');
    });

    it('throws a StoreError of kind syntax, with line and column, for a query that does not parse', async () => {
      const error = await store.query('SELECT * WHERE {\n  ?s ?p\n}', 'application/sparql-results+json', 'http://example.org/', undefined, () => undefined).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(StoreError);
      expect((error as StoreError).kind).to.equal('syntax');
      expect((error as StoreError).line).to.be.a('number');
      expect((error as StoreError).column).to.be.a('number');
    });

    it('gives documents back with literals as written when it declares literalOriginals', async function () {
      if (!store.capabilities.literalOriginals) this.skip();
      const written = `<http://example.org/s> <http://example.org/n> "007"^^<${XSD_INTEGER}> .\n`;
      await store.replaceGraph(`${G}/literals`, written);
      expect(await text((onChunk) => store.document(`${G}/literals`, 'application/n-triples', onChunk))).to.equal(written);
    });

    it('knows which graphs exist, and answers false for the document of a missing one', async () => {
      expect(await store.graphExists(G)).to.equal(true);
      expect(await store.listGraphs()).to.include(G);
      expect(await store.document('http://example.org/contract/missing', 'text/turtle', () => undefined)).to.equal(false);
      await store.dropGraph(G);
      expect(await store.graphExists(G)).to.equal(false);
    });

    it('calls prepare before a write is durable and durable before its change event, and neither for a write that changes nothing', async () => {
      const seen: number[] = [];
      const order: string[] = [];
      store.onChange(({ seq }) => void order.push(`change ${seq}`));
      const written = await store.replaceGraph(`${G}/prepared`, TRIPLE, {
        prepare: (seq) => void (seen.push(seq), order.push(`prepare ${seq}`)),
        durable: (seq) => void order.push(`durable ${seq}`),
      });
      expect(seen).to.deep.equal([written.seq]);
      expect(order.filter((step) => step.endsWith(` ${written.seq}`)), 'durable before anyone hears of it').to.deep.equal([`prepare ${written.seq}`, `durable ${written.seq}`, `change ${written.seq}`]);
      expect(store.stats().seq).to.equal(written.seq);
      await store.dropGraph('http://example.org/contract/never-written', { prepare: (seq) => void seen.push(seq) });
      expect(seen, 'a drop of a missing graph changes nothing').to.have.length(1);
    });

    it('does not make a write whose prepare throws', async () => {
      const before = store.stats().seq;
      let failure: unknown;
      try {
        await store.replaceGraph(`${G}/refused`, TRIPLE, {
          prepare: () => {
            throw new Error('records unavailable');
          },
        });
      } catch (error) {
        failure = error;
      }
      expect((failure as Error | undefined)?.message).to.equal('records unavailable');
      expect(store.stats().seq).to.equal(before);
      expect(await store.graphExists(`${G}/refused`)).to.equal(false);
    });
  });
}
