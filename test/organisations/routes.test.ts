import { expect } from 'chai';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { canonical, parse } from '../support/rdf.js';

const BASE_URL = 'https://data.example.se';
const GOTEBORG = 'http://dataportal.se/organisation/SE2120001355';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const DCT = 'http://purl.org/dc/terms/';
const RDFS_SEE_ALSO = 'http://www.w3.org/2000/01/rdf-schema#seeAlso';
const SKOS_NOTATION = 'http://www.w3.org/2004/02/skos/core#notation';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

interface OrganisationJson {
  id: string;
  name: string;
  type: string;
  organisationNumber: string | null;
  iri: string;
  url: string;
}

describe('GET /organisations', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { BASE_URL } });
  });
  after(async () => {
    await server.stop();
  });

  const get = (path: string, accept?: string) => fetch(`${server.url}${path}`, { headers: accept ? { Accept: accept } : {} });

  /** The triples of an RDF response, as "subject predicate object" strings (objects as N-Triples terms). */
  async function triples(res: Response, format: string): Promise<string[]> {
    return parse(await res.text(), format).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.toString()}`);
  }

  it('lists the 50 organisations as JSON, with their IRIs', async () => {
    const res = await get('/organisations', 'application/json');
    expect(res.status).to.equal(200);
    const list = (await res.json()) as OrganisationJson[];
    expect(list).to.have.length(50);
    expect(new Set(list.map((o) => o.id)).size).to.equal(50);
    const goteborg = list.find((o) => o.id === 'goteborg')!;
    expect(goteborg).to.include({ name: 'Göteborgs Stad', type: 'kommun', organisationNumber: '212000-1355', iri: GOTEBORG, url: `${BASE_URL}/organisations/goteborg` });
    const dalsed = list.find((o) => o.id === 'dalsed')!;
    expect(dalsed).to.include({ organisationNumber: null, iri: `${BASE_URL}/organisations/dalsed` });
  });

  it('lists the 50 organisations as RDF, each a foaf:Organization', async () => {
    const res = await get('/organisations', 'application/n-triples');
    const typed = (await triples(res, 'application/n-triples')).filter((t) => t.includes(` ${RDF_TYPE} <${FOAF}Organization>`));
    expect(typed).to.have.length(50);
    expect(typed).to.include(`${GOTEBORG} ${RDF_TYPE} <${FOAF}Organization>`);
  });

  it('describes Göteborg under its dataportal.se IRI, pointing to its page here', async () => {
    const res = await get('/organisations/goteborg', 'text/turtle');
    expect(res.status).to.equal(200);
    const got = await triples(res, 'text/turtle');
    expect(got).to.have.members([
      `${GOTEBORG} ${RDF_TYPE} <${FOAF}Organization>`,
      `${GOTEBORG} ${FOAF}name "Göteborgs Stad"@sv`,
      `${GOTEBORG} ${DCT}identifier "212000-1355"`,
      `${GOTEBORG} ${DCT}type <http://purl.org/adms/publishertype/LocalAuthority>`,
      `${GOTEBORG} ${FOAF}homepage <https://goteborg.se/>`,
      `${GOTEBORG} ${SKOS_NOTATION} "1480"`,
      `${GOTEBORG} ${RDFS_SEE_ALSO} <${BASE_URL}/organisations/goteborg>`,
      `${GOTEBORG} ${FOAF}page <${BASE_URL}/organisations/goteborg>`,
    ]);
  });

  it('describes the region as a regional authority', async () => {
    const got = await triples(await get('/organisations/vgr', 'text/turtle'), 'text/turtle');
    expect(got).to.include(`http://dataportal.se/organisation/SE2321000131 ${DCT}type <http://purl.org/adms/publishertype/RegionalAuthority>`);
    expect(got).to.include(`http://dataportal.se/organisation/SE2321000131 ${SKOS_NOTATION} "14"`);
  });

  it('names an organisation without a confirmed number by its page, with no identifier', async () => {
    const got = await triples(await get('/organisations/dalsed', 'text/turtle'), 'text/turtle');
    const self = `${BASE_URL}/organisations/dalsed`;
    expect(got).to.include(`${self} ${FOAF}name "Dals-Eds kommun"@sv`);
    expect(got.filter((t) => t.includes(`${DCT}identifier`) || t.includes(RDFS_SEE_ALSO))).to.deep.equal([]);
    expect(got.every((t) => t.startsWith(`${self} `))).to.equal(true);
  });

  it('gives the same graph in every RDF syntax', async () => {
    const reference = await canonical(await (await get('/organisations/goteborg', 'application/n-triples')).text());
    for (const type of ['text/turtle', 'application/ld+json', 'application/rdf+xml']) {
      const text = await (await get('/organisations/goteborg', type)).text();
      const nt = parse(text, type).map((q) => `${q.toString()} .\n`).join('');
      expect(await canonical(nt), type).to.equal(reference);
    }
  });

  // [Accept, expected Content-Type or 406]
  const NEGOTIATION: [string | undefined, string | 406][] = [
    [undefined, 'text/turtle'],
    ['*/*', 'text/turtle'],
    ['text/turtle', 'text/turtle'],
    ['text/turtle; charset=utf-8', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['application/rdf+xml', 'application/rdf+xml'],
    ['application/n-triples', 'application/n-triples'],
    ['application/json', 'application/json'],
    ['application/*', 'application/ld+json'],
    ['application/json;q=0.9, text/turtle;q=0.5', 'application/json'],
    ['text/html, application/rdf+xml;q=0.8', 'application/rdf+xml'],
    ['text/turtle;q=0, */*;q=0.1', 'application/ld+json'],
    ['text/csv', 406],
    ['text/html', 406],
  ];
  for (const path of ['/organisations', '/organisations/goteborg']) {
    for (const [accept, otherwise] of NEGOTIATION) {
      // An organisation has a portal page; the list has none (the home page lists them).
      const expected = path === '/organisations/goteborg' && accept?.startsWith('text/html') ? 'text/html' : otherwise;
      it(`GET ${path} with Accept: ${accept ?? '(none)'} → ${expected}`, async () => {
        const res = await get(path, accept);
        expect(res.headers.get('vary')).to.match(/accept/i);
        if (expected === 406) {
          expect(res.status).to.equal(406);
          // A client that takes only HTML gets the error as a page; everyone else a problem document.
          if (accept === 'text/html') expect(await res.text()).to.include('406');
          else expect(((await res.json()) as { offered: string[] }).offered).to.include('application/json');
          return;
        }
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.equal(expected === 'application/json' ? 'application/json; charset=utf-8' : `${expected}; charset=utf-8`);
        await res.arrayBuffer();
      });
    }
  }

  // [suffix, Content-Type]: a suffix picks the format whatever Accept says.
  const SUFFIXES: [string, string][] = [
    ['ttl', 'text/turtle'],
    ['jsonld', 'application/ld+json'],
    ['rdf', 'application/rdf+xml'],
    ['nt', 'application/n-triples'],
    ['json', 'application/json'],
  ];
  for (const [suffix, type] of SUFFIXES) {
    for (const path of ['/organisations', '/organisations/goteborg', '/organisations/lillaedet']) {
      it(`GET ${path}.${suffix} → ${type}`, async () => {
        const res = await get(`${path}.${suffix}`, 'text/csv');
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.match(new RegExp(`^${type.replace('+', '\\+')}; charset=utf-8$`));
        const body = await res.text();
        if (path.endsWith('lillaedet')) expect(body).to.include(suffix === 'json' ? '"lillaedet"' : 'SE2120001496');
      });
    }
  }

  it('answers 404 with a clear message for an unknown organisation', async () => {
    for (const path of ['/organisations/nowhere', '/organisations/nowhere.ttl']) {
      const res = await get(path, 'text/turtle');
      expect(res.status, path).to.equal(404);
      expect(((await res.json()) as { detail: string }).detail).to.match(/no organisation "nowhere"/);
    }
  });

  it('answers 404 for a suffix that names no format', async () => {
    expect((await get('/organisations.csv')).status).to.equal(404);
    expect((await get('/organisations/goteborg.csv')).status).to.equal(404);
  });

  it('answers 404 for an unknown organisation before it negotiates', async () => {
    expect((await get('/organisations/nowhere', 'text/csv')).status).to.equal(404);
  });

  it('answers HEAD like GET without a body, and 405 to writes', async () => {
    const head = await fetch(`${server.url}/organisations/goteborg`, { method: 'HEAD', headers: { Accept: 'application/ld+json' } });
    expect(head.status).to.equal(200);
    expect(head.headers.get('content-type')).to.match(/^application\/ld\+json/);
    expect(await head.text()).to.equal('');
    const post = await fetch(`${server.url}/organisations`, { method: 'POST', headers: admin });
    expect(post.status).to.equal(405);
    expect(post.headers.get('allow')).to.equal('GET, HEAD');
  });
});
