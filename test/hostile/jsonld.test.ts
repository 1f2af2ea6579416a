import { expect } from 'chai';
import { CATALOG_ID, hostileFamily } from './support/stand.js';
import { cutPoints, jsonParses, refusedAt } from './support/cases.js';

const JSONLD = 'application/ld+json';
const node = (extra: Record<string, unknown> = {}) => JSON.stringify({ '@id': 'http://example.org/a', 'http://example.org/p': 'x', ...extra });

hostileFamily('hostile JSON-LD', (stand) => {
  let catalog = '';
  before(async () => {
    catalog = await (await fetch(`${stand().server.url}/catalogs/${CATALOG_ID}.jsonld`)).text();
    expect(jsonParses(catalog)).to.equal(true);
  });

  it('refuses an empty body and JSON that is not an object', async () => {
    await refusedAt(stand(), '', JSONLD, 'empty JSON-LD', { allowed: [400] });
    await refusedAt(stand(), '"just a string"', JSONLD, 'a JSON string', { targets: ['catalogPut'] });
    await refusedAt(stand(), 'null', JSONLD, 'null', { targets: ['catalogPut'] });
  });

  it('refuses the stored catalogue cut at 50 places, each with a position', async () => {
    const points = cutPoints(catalog, 50, jsonParses);
    expect(points.length).to.be.greaterThan(40);
    for (const at of points) {
      const refusals = await refusedAt(stand(), catalog.slice(0, at), JSONLD, `cut at ${at}`, { targets: ['validate', 'catalogPut'], allowed: [400] });
      expect(refusals.get('validate')!.line, `cut at ${at}`).to.be.a('number');
    }
  });

  it('never fetches a remote @context, in any place a context can be named, and says which it refused', async () => {
    const trap = stand().trap;
    const remote = trap.url('/context.jsonld');
    const documents = [
      node({ '@context': remote }),
      node({ '@context': [{ ex: 'http://example.org/' }, remote] }),
      node({ '@context': { '@import': remote } }),
      // A scoped context on a term, applied when the term is used.
      JSON.stringify({ '@context': { knows: { '@id': 'http://example.org/knows', '@context': remote } }, '@id': 'http://example.org/a', knows: { '@id': 'http://example.org/b', name: 'x' } }),
      // A context inside a nested node.
      JSON.stringify({ '@id': 'http://example.org/a', 'http://example.org/p': { '@context': remote, '@id': 'http://example.org/b', name: 'x' } }),
    ];
    for (const [i, document] of documents.entries()) {
      const refusals = await refusedAt(stand(), document, JSONLD, `remote context ${i}`, { allowed: [400] });
      for (const problem of refusals.values()) expect(problem.detail, `remote context ${i}`).to.contain(remote);
    }
  });

  it('refuses named graphs, invalid UTF-8, NUL outside strings and a BOM in the middle', async () => {
    await refusedAt(stand(), JSON.stringify({ '@id': 'http://example.org/g', '@graph': [{ '@id': 'http://example.org/a', 'http://example.org/p': 'x' }] }), JSONLD, 'a named graph', { allowed: [400] });
    await refusedAt(stand(), Buffer.concat([Buffer.from('{"@id": "http://example.org/a", "http://example.org/p": "G'), Buffer.from([0xf6]), Buffer.from('teborg"}')]), JSONLD, 'Latin-1 byte', { allowed: [400] });
    await refusedAt(stand(), '{"@id": "http://example.org/a",\0 "http://example.org/p": "x"}', JSONLD, 'NUL between members', { allowed: [400] });
    await refusedAt(stand(), '{"@id": "http://example.org/a", \ufeff"http://example.org/p": "x"}', JSONLD, 'BOM mid-document', { allowed: [400] });
    await refusedAt(stand(), node(), `${JSONLD}; charset=utf-16`, 'declared UTF-16', { allowed: [415] });
  });

  it('refuses invalid JSON-LD: bad keywords, relative @id with no base to resolve, @type of a number', async () => {
    await refusedAt(stand(), JSON.stringify({ '@context': { '@version': 2 } }), JSONLD, '@version 2', { allowed: [400] });
    await refusedAt(stand(), JSON.stringify({ '@id': 'http://example.org/a', '@type': 5 }), JSONLD, '@type a number', { allowed: [400] });
    await refusedAt(stand(), JSON.stringify({ '@context': { '@vocab': 5 } }), JSONLD, '@vocab a number', { allowed: [400] });
  });

  it('refuses 100,000 nested arrays and 100,000 nested objects with 4xx', async () => {
    const arrays = `{"@id": "http://example.org/a", "http://example.org/p": ${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}`;
    await refusedAt(stand(), arrays, JSONLD, '100,000 nested arrays', { targets: ['validate', 'store'] });
    const objects = `${'{"http://example.org/p": '.repeat(100_000)}"x"${'}'.repeat(100_000)}`;
    await refusedAt(stand(), objects, JSONLD, '100,000 nested objects', { targets: ['validate', 'store'] });
  });
});
