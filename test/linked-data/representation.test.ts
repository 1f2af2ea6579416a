import express from 'express';
import request from 'supertest';
import { expect } from 'chai';
import { chooseRepresentation, type HtmlRenderer } from '../../src/http/representation.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { NQuadsOfGraph } from '../../src/rdf/nquads-of-graph.js';
import pino from 'pino';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A route using the helper, with or without a page for people. */
function app(html?: HtmlRenderer) {
  const a = express();
  a.get('/thing{.:ext}', (req, res) => {
    const chosen = chooseRepresentation(req, res, { suffix: req.params.ext, alternate: (ext) => `https://x.se/thing.${ext}`, html });
    res.setHeader('X-Chosen', chosen.mediaType);
    if (chosen.kind === 'html') return chosen.render(req, res);
    res.type('text/plain').send(chosen.extension);
  });
  a.use(errorHandler(pino({ level: 'silent' })));
  return a;
}
const page: HtmlRenderer = async (_req, res) => void res.type('text/html').send('<p>page</p>');

describe('the representation helper', () => {
  // [Accept, with a page, expected type or status]
  const CASES: [string | undefined, boolean, string | number][] = [
    [BROWSER, true, 'text/html'],
    [BROWSER, false, 'text/turtle'],
    ['*/*', true, 'text/turtle'],
    [undefined, true, 'text/turtle'],
    ['text/html', true, 'text/html'],
    ['text/html', false, 406],
    ['application/ld+json, text/html;q=0.5', true, 'application/ld+json'],
  ];
  for (const [accept, withPage, expected] of CASES) {
    it(`Accept ${accept ?? '(none)'} ${withPage ? 'with' : 'without'} a page → ${expected}`, async () => {
      const req = request(app(withPage ? page : undefined)).get('/thing');
      const res = await (accept ? req.set('Accept', accept) : req);
      expect(res.headers.vary).to.equal('Accept');
      if (typeof expected === 'number') return void expect(res.status).to.equal(expected);
      expect(res.status).to.equal(200);
      expect(res.headers['x-chosen']).to.equal(expected);
      // Every offer but the chosen one is an alternate.
      expect(res.headers.link).to.include('<https://x.se/thing.nt>; rel="alternate"; type="application/n-triples"');
      if (withPage && expected !== 'text/html') expect(res.headers.link).to.include('<https://x.se/thing.html>; rel="alternate"; type="text/html"');
      if (!withPage || expected === 'text/html') expect(res.headers.link).not.to.include('text/html');
    });
  }

  it('.html picks the page only where there is one; other suffixes are 404 naming the offered ones', async () => {
    expect((await request(app(page)).get('/thing.html').set('Accept', 'text/turtle')).headers['x-chosen']).to.equal('text/html');
    const missing = await request(app()).get('/thing.html');
    expect(missing.status).to.equal(404);
    expect(missing.body.detail).to.include('.ttl, .jsonld, .rdf, .nt');
    expect((await request(app(page)).get('/thing.xyz')).status).to.equal(404);
    expect((await request(app(page)).get('/thing.ttl').set('Accept', 'text/html')).headers.vary).to.equal(undefined);
  });
});

describe('N-Quads of a graph from N-Triples chunks', () => {
  it('labels every line wherever the chunks split it, multi-byte characters included', () => {
    const ntriples = Array.from({ length: 50 }, (_, i) => `<http://e/s${i}> <http://e/p> "å ä ö ${i} . \\n end" .\n<http://e/s${i}> <http://e/q> _:b${i} .\n`).join('');
    const bytes = Buffer.from(ntriples, 'utf8');
    const expected = ntriples.replace(/ \.\n/g, ' <http://e/g> .\n');
    for (let trial = 0; trial < 50; trial++) {
      const quads = new NQuadsOfGraph('http://e/g');
      let out = '';
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(Math.random() * 40);
        out += quads.push(bytes.subarray(at, at + size));
        at += size;
      }
      out += quads.end();
      expect(out).to.equal(expected);
    }
    const last = new NQuadsOfGraph('');
    expect(last.push(Buffer.from('<http://e/s> <http://e/p> "x" .'))).to.equal('');
    expect(last.end()).to.equal('<http://e/s> <http://e/p> "x" .\n');
  });
});
