import { expect } from 'chai';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { put, select } from '../support/http.js';
import { canonical, toNTriples } from '../support/rdf.js';
import { indexReady } from '../support/dataset-index.js';
import { BORAS_DATASET, BORAS_TURTLE, GOTEBORG_PUBLISHER, GOTEBORG_TURTLE } from '../support/linked-data.js';

const BASE_URL = 'https://data.example.se';
const GBG = `${BASE_URL}/catalogs/goteborg`;
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** `Vary` naming Accept itself (compression adds Accept-Encoding). */
const VARY_ACCEPT = /(^|,)\s*accept\s*(,|$)/i;
const TYPES: Record<string, string> = { ttl: 'text/turtle', jsonld: 'application/ld+json', rdf: 'application/rdf+xml', nt: 'application/n-triples' };

describe('linked data: dereferencing', function () {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { BASE_URL } });
    expect((await put(`${server.url}/catalogs/goteborg`, GOTEBORG_TURTLE)).status).to.equal(201);
    expect((await put(`${server.url}/catalogs/boras`, BORAS_TURTLE)).status).to.equal(201);
  });
  after(async () => {
    await server.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
  const resource = (iri: string, ext = '') => `/resource${ext}?iri=${encodeURIComponent(iri)}`;

  const PATHS: Record<string, string> = {
    'catalog graph': '/catalogs/goteborg',
    catalog: '/catalogs/goteborg/catalog',
    dataset: '/catalogs/goteborg/datasets/badplatser',
    distribution: '/catalogs/goteborg/datasets/badplatser/csv',
    'data service': '/catalogs/goteborg/services/badplatser-api',
    'agent under BASE_URL': '/catalogs/goteborg/agents/miljoforvaltningen',
    '/resource?iri= (dataset)': resource(BORAS_DATASET),
    '/resource?iri= (agent)': resource(GOTEBORG_PUBLISHER),
    organisation: '/organisations/goteborg',
    VoID: '/.well-known/void',
  };
  // The resources the portal has a page for: a browser gets it, `text/html` alone too; the rest stay RDF only.
  const PAGES = new Set(['catalog graph', 'catalog', 'dataset', 'distribution', '/resource?iri= (dataset)', 'organisation']);
  // [Accept, expected Content-Type or status] where there is no page.
  const ACCEPTS: [string | undefined, string | number][] = [
    [undefined, 'text/turtle'],
    ['*/*', 'text/turtle'],
    [BROWSER, 'text/turtle'],
    ['text/turtle; charset=utf-8', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['application/rdf+xml;q=0.9, text/turtle;q=0.5', 'application/rdf+xml'],
    ['application/n-triples', 'application/n-triples'],
    ['text/turtle;q=0, */*;q=0.1', 'application/ld+json'],
    ['text/html', 406],
    ['image/png', 406],
  ];
  for (const [name, path] of Object.entries(PATHS)) {
    for (const [accept, otherwise] of ACCEPTS) {
      const expected = PAGES.has(name) && (accept === BROWSER || accept === 'text/html') ? 'text/html' : otherwise;
      it(`${name}: Accept ${accept ?? '(none)'} → ${expected}`, async () => {
        const res = await get(path, accept ? { Accept: accept } : {});
        const body = await res.text();
        expect(res.headers.get('vary') ?? '').to.match(VARY_ACCEPT);
        if (typeof expected === 'number') {
          expect(res.status, body).to.equal(expected);
          // An error is negotiated too: a client that takes only HTML gets the error page.
          expect(res.headers.get('content-type')).to.match(accept === 'text/html' ? /^text\/html/ : /^application\/problem\+json/);
          return;
        }
        expect(res.status, body).to.equal(200);
        expect(res.headers.get('content-type')).to.equal(`${expected}; charset=utf-8`);
        expect(body.length).to.be.greaterThan(0);
      });
    }
  }

  /** The triples of a description, parsed from whatever syntax it came in. */
  async function descriptionOf(path: string, format = 'ttl'): Promise<string> {
    const res = await get(path, { Accept: TYPES[format]! });
    expect(res.status).to.equal(200);
    return toNTriples(await res.text(), format, BASE_URL);
  }

  it('a dataset comes with its blank-node closure, nested blank nodes included, and literals as written', async () => {
    const nt = await descriptionOf('/catalogs/goteborg/datasets/badplatser');
    expect(nt).to.include('<http://www.w3.org/2006/vcard/ns#locality> "Göteborg"');
    expect(nt).to.include('<http://www.w3.org/ns/dcat#startDate> "2020-01-01"');
    expect(nt).to.include(`<${GBG}/datasets/badplatser/csv>`);
    // Only the dataset's own tree: not the distribution's triples, not the catalog's.
    expect(nt).not.to.include('checksumValue');
    expect(nt).not.to.include('Göteborgs Stads datakatalog');
    const distribution = await descriptionOf('/catalogs/goteborg/datasets/badplatser/csv', 'nt');
    expect(distribution).to.include('"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"^^<http://www.w3.org/2001/XMLSchema#hexBinary>');
    expect(distribution).to.include('"1234"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>');
  });

  it('every syntax gives the same graph', async () => {
    const path = '/catalogs/goteborg/datasets/badplatser';
    const forms = await Promise.all(Object.keys(TYPES).map(async (format) => canonical(await descriptionOf(path, format))));
    for (const form of forms) expect(form).to.equal(forms[0]);
  });

  // [path, expected Content-Type or status]
  const SUFFIXES: [string, string | number][] = [
    ['/catalogs/goteborg/datasets/badplatser.ttl', 'text/turtle'],
    ['/catalogs/goteborg/datasets/badplatser.jsonld', 'application/ld+json'],
    ['/catalogs/goteborg/datasets/badplatser.rdf', 'application/rdf+xml'],
    ['/catalogs/goteborg/datasets/badplatser.xml', 'application/rdf+xml'],
    ['/catalogs/goteborg/datasets/badplatser.nt', 'application/n-triples'],
    ['/catalogs/goteborg/datasets/badplatser/csv.nt', 'application/n-triples'],
    ['/catalogs/goteborg/services/badplatser-api.rdf', 'application/rdf+xml'],
    [resource(BORAS_DATASET, '.jsonld'), 'application/ld+json'],
    ['/organisations/goteborg.nt', 'application/n-triples'],
    ['/.well-known/void.nt', 'application/n-triples'],
    ['/catalogs/goteborg.html', 'text/html'],
    ['/catalogs/goteborg/datasets/badplatser.html', 'text/html'],
    ['/catalogs/goteborg/services/badplatser-api.html', 404],
    ['/catalogs/goteborg/datasets/badplatser.xyz', 404],
    [resource(BORAS_DATASET, '.xyz'), 404],
    ['/.well-known/void.html', 404],
  ];
  for (const [path, expected] of SUFFIXES) {
    it(`GET ${path} → ${expected}, whatever Accept says`, async () => {
      const res = await get(path, { Accept: 'image/png' });
      await res.arrayBuffer();
      if (typeof expected === 'number') {
        expect(res.status).to.equal(expected);
        return;
      }
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal(`${expected}; charset=utf-8`);
      expect(res.headers.get('vary') ?? '').not.to.match(VARY_ACCEPT);
    });
  }

  // Unknown IRIs and bad requests: [path, status]
  const MISSES: [string, number][] = [
    ['/catalogs/goteborg/datasets/nope', 404],
    ['/catalogs/goteborg/datasets/nope.ttl', 404],
    ['/catalogs/nope/datasets/badplatser', 404],
    ['/nothing/here', 404],
    [resource('https://data.boras.se/datasets/nope'), 404],
    [resource(`${GBG}/datasets/badplatser`).replace('iri=', 'x='), 400],
    ['/resource?iri=datasets%2Fbadplatser', 400],
  ];
  for (const [path, status] of MISSES) {
    it(`GET ${path} → ${status} problem document`, async () => {
      const res = await get(path);
      expect(res.status).to.equal(status);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(((await res.json()) as { status: number }).status).to.equal(status);
    });
  }

  it('the validation route still answers under /catalogs/{id}/', async () => {
    const res = await get('/catalogs/goteborg/validation');
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { catalog: string }).catalog).to.equal('goteborg');
  });

  it('a relative IRI resolved under BASE_URL dereferences; so do percent-encoded paths', async () => {
    const nt = await descriptionOf('/catalogs/goteborg/agents/miljoforvaltningen', 'nt');
    expect(nt).to.include('"Miljöförvaltningen"@sv');
  });

  it('the publisher IRI outside BASE_URL is served at /resource?iri= from the catalog that describes it', async () => {
    const nt = await descriptionOf(resource(GOTEBORG_PUBLISHER), 'nt');
    expect(nt).to.include(`<${GOTEBORG_PUBLISHER}> <http://xmlns.com/foaf/0.1/name> "Göteborgs Stad"@sv`);
  });

  it('an organisation IRI no catalog describes is sent on to its description (303)', async () => {
    // Alingsås: in data/organisations.csv, published by no catalog here.
    const res = await fetch(`${server.url}${resource('http://dataportal.se/organisation/SE2120001553')}`, { redirect: 'manual' });
    await res.arrayBuffer();
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal(`${BASE_URL}/organisations/alingsas`);
  });

  it('Link headers name every other representation', async () => {
    const res = await get('/catalogs/goteborg/datasets/badplatser', { Accept: 'text/turtle' });
    await res.arrayBuffer();
    const link = res.headers.get('link') ?? '';
    expect(link).to.include(`<${GBG}/datasets/badplatser.jsonld>; rel="alternate"; type="application/ld+json"`);
    expect(link).to.include(`<${GBG}/datasets/badplatser.rdf>; rel="alternate"; type="application/rdf+xml"`);
    expect(link).to.include(`<${GBG}/datasets/badplatser.nt>; rel="alternate"; type="application/n-triples"`);
    expect(link).not.to.include('type="text/turtle"');
    const byIri = await get(resource(BORAS_DATASET), { Accept: 'application/n-triples' });
    await byIri.arrayBuffer();
    expect(byIri.headers.get('link')).to.include(`<${BASE_URL}/resource.ttl?iri=${encodeURIComponent(BORAS_DATASET)}>; rel="alternate"; type="text/turtle"`);
    const catalog = await get('/catalogs/goteborg');
    await catalog.arrayBuffer();
    expect(catalog.headers.get('link')).to.include(`<${GBG}.rdf>; rel="alternate"; type="application/rdf+xml"`);
    const page = await get('/catalog?page=1&pageSize=1');
    await page.arrayBuffer();
    expect(page.headers.get('link')).to.include(`<${BASE_URL}/catalog.nt?page=1&pageSize=1>; rel="alternate"`);
  });

  // [path]: each answers 304 to its own ETag and to its Last-Modified.
  const CONDITIONAL = ['/catalogs/goteborg/datasets/badplatser', resource(BORAS_DATASET), '/organisations', '/organisations/goteborg.json', '/.well-known/void', '/dump.nq'];
  for (const path of CONDITIONAL) {
    it(`GET ${path}: ETag and Last-Modified, 304 when unchanged`, async () => {
      const res = await get(path);
      await res.arrayBuffer();
      const etag = res.headers.get('etag');
      const modified = res.headers.get('last-modified');
      expect(etag).to.match(/^".+"$/);
      expect(modified).to.be.a('string');
      expect((await get(path, { 'If-None-Match': etag! })).status).to.equal(304);
      expect((await get(path, { 'If-Modified-Since': modified! })).status).to.equal(304);
      expect((await get(path, { 'If-None-Match': '"other-ttl"' })).status).to.equal(200);
    });
  }

  it('a description changes its ETag when its catalog is written', async () => {
    const path = resource(BORAS_DATASET);
    const before = (await get(path)).headers.get('etag');
    expect((await put(`${server.url}/catalogs/boras`, BORAS_TURTLE.replace('"Parker"@sv', '"Parker och torg"@sv'))).status).to.equal(204);
    const res = await get(path, { 'If-None-Match': before! });
    expect(res.status).to.equal(200);
    expect(await res.text()).to.include('Parker och torg');
  });

  it('the VoID triple counts equal SPARQL COUNTs of each catalog graph', async () => {
    const res = await get('/.well-known/void', { Accept: 'application/n-triples' });
    const nt = toNTriples(await res.text(), 'nt');
    const VOID = 'http://rdfs.org/ns/void#';
    expect(nt).to.include(`<${VOID}sparqlEndpoint> <${BASE_URL}/sparql>`);
    expect(nt).to.include(`<${VOID}dataDump> <${BASE_URL}/dump.nq>`);
    expect(nt).to.include(`<${VOID}uriSpace> "${BASE_URL}/"`);
    expect(nt).to.include(`<${VOID}vocabulary> <http://www.w3.org/ns/dcat#>`);
    for (const id of ['goteborg', 'boras']) {
      const subset = `${BASE_URL}/.well-known/void#catalog-${id}`;
      expect(nt).to.include(`<${VOID}subset> <${subset}>`);
      expect(nt).to.include(`<${subset}> <${VOID}dataDump> <${BASE_URL}/catalogs/${id}.nt>`);
      const counted = await select(server.url, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${BASE_URL}/catalogs/${id}> { ?s ?p ?o } }`);
      const n = counted.results.bindings[0]!.n!.value;
      expect(nt).to.include(`<${subset}> <${VOID}triples> "${n}"^^<http://www.w3.org/2001/XMLSchema#integer>`);
    }
  });

  it('/dump.nq is every public graph as N-Quads, literals as written', async () => {
    const extra = 'http://example.org/graphs/extra';
    const body = '<http://example.org/s> <http://example.org/p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n<http://example.org/s> <http://example.org/q> _:b .\n_:b <http://example.org/r> "x\\ny ." .\n';
    expect((await fetch(`${server.url}/store?graph=${encodeURIComponent(extra)}`, { method: 'PUT', body, headers: { ...admin, 'Content-Type': 'application/n-triples' } })).status).to.equal(201);
    // The catalogs' quality graphs (DQV, written after each catalog is indexed) are public graphs too.
    await indexReady(server);
    const res = await get('/dump.nq');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/n-quads; charset=utf-8');
    const quads = toNTriples(await res.text(), 'nq').split('\n').filter(Boolean);
    const byGraph = new Map<string, string[]>();
    for (const quad of quads) {
      const graph = /<([^>]*)> \.$/.exec(quad.replace(/ \.$/, '').replace(/$/, ' .'))?.[1] ?? '';
      const triple = quad.slice(0, quad.lastIndexOf(` <${graph}>`));
      if (!byGraph.has(graph)) byGraph.set(graph, []);
      byGraph.get(graph)!.push(`${triple} .\n`);
    }
    expect([...byGraph.keys()].sort()).to.deep.equal([`${BASE_URL}/catalogs/boras`, `${GBG}`, extra, `${BASE_URL}/quality/boras`, `${BASE_URL}/quality/goteborg`].sort());
    expect(byGraph.get(extra)!.join('')).to.include('"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>');
    for (const [graph, triples] of byGraph) {
      const stored = await fetch(`${server.url}/store?graph=${encodeURIComponent(graph)}`, { headers: { Accept: 'application/n-triples' } });
      expect(await canonical(triples.join(''))).to.equal(await canonical(await stored.text()));
    }
  });
});
