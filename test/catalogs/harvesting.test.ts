import { expect } from 'chai';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { makeCatalog } from '../support/catalogs.js';
import { parse } from '../support/rdf.js';
import { indexReady } from '../support/dataset-index.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';

const ORGS = [
  { id: 'vgr', orgnr: '2321000131', name: 'Västra Götalandsregionen', site: 'https://www.vgregion.se/dcat', datasets: 3 },
  { id: 'goteborg', orgnr: '2120001355', name: 'Göteborgs Stad', site: 'https://goteborg.se/datasets/dcat', datasets: 5 },
  { id: 'boras', orgnr: '2120001561', name: 'Borås Stad', site: 'https://www.boras.se/datasets/dcat', datasets: 4 },
];

/** Blank nodes two levels deep on every dataset, which a /catalog page must carry whole. */
const CONTACT = (i: number) =>
  `<${DCAT}contactPoint> [ a <http://www.w3.org/2006/vcard/ns#Organization> ; <http://www.w3.org/2006/vcard/ns#fn> "Kontakt ${i}"@sv ;` +
  ` <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:data@example.org> ;` +
  ` <http://www.w3.org/2006/vcard/ns#hasAddress> [ <http://www.w3.org/2006/vcard/ns#locality> "Ort ${i}" ] ]`;

describe('harvesting the regional union', function () {
  this.timeout(120_000);
  let server: TestServer;
  const expected = new Set<string>();
  before(async () => {
    server = await startTestServer();
    for (const org of ORGS) {
      const body = makeCatalog({ orgnr: org.orgnr, name: org.name, catalogIri: org.site, datasetBase: `https://data.${org.id}.example/ds`, datasets: org.datasets, extra: CONTACT });
      const res = await fetch(`${server.url}/catalogs/${org.id}`, { method: 'PUT', body, headers: { ...admin, 'Content-Type': 'text/turtle' } });
      expect(res.status, await res.text()).to.equal(201);
      for (let i = 0; i < org.datasets; i++) expected.add(`https://data.${org.id}.example/ds/dataset-${i}`);
    }
    // Pages list from the dataset index, which follows each write a moment after it is acknowledged.
    await indexReady(server);
  });
  after(async () => server.kill());

  it('lets a dataportal.se-style harvester starting at /catalog reach every dataset without leaving this server', async () => {
    const fetched: string[] = [];
    const get = async (url: string) => {
      fetched.push(url);
      if (!url.startsWith(server.url)) throw new Error(`the harvester would have to fetch ${url}, which is not on this server`);
      const res = await fetch(url, { headers: { Accept: 'application/rdf+xml' } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^application\/rdf\+xml/);
      return parse(await res.text(), 'rdf');
    };
    const document = await get(`${server.url}/catalog`);
    const catalogs = new Set(document.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Catalog`).map((q) => q.subject.value));
    const parts = new Set(document.filter((q) => q.predicate.value === `${DCT}hasPart`).map((q) => q.object.value));
    const main = [...catalogs].filter((c) => !parts.has(c));
    expect(main, 'one main catalog').to.have.length(1);
    expect(parts.size).to.equal(ORGS.length);
    const found = new Set<string>();
    for (const part of parts) {
      expect(catalogs.has(part), `${part} typed dcat:Catalog`).to.equal(true);
      // One level only: a sub-catalog has no parts of its own.
      expect(document.some((q) => q.subject.value === part && q.predicate.value === `${DCT}hasPart`)).to.equal(false);
      const ownTriples = document.filter((q) => q.subject.value === part);
      const onlyType = ownTriples.every((q) => q.predicate.value === RDF_TYPE);
      const source = onlyType ? await get(part) : document;
      for (const q of source) {
        if (q.subject.value === part && q.predicate.value === `${DCAT}dataset`) {
          const described = source.some((d) => d.subject.value === q.object.value && d.predicate.value === `${DCT}title`);
          if (described) found.add(q.object.value);
        }
      }
    }
    expect([...found].sort()).to.deep.equal([...expected].sort());
    expect(fetched).to.deep.equal([`${server.url}/catalog`]);
  });

  it('pages the union with Hydra links a CKAN-style harvester follows, each dataset exactly once', async () => {
    let url: string | undefined = `${server.url}/catalog?page=1&pageSize=5`;
    const seen: string[] = [];
    let total = -1;
    let pages = 0;
    while (url) {
      const res = await fetch(url.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:'), { headers: { Accept: 'text/turtle' } });
      expect(res.status).to.equal(200);
      const quads = parse(await res.text(), 'ttl');
      pages++;
      seen.push(...quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`).map((q) => q.subject.value));
      total = Number(quads.find((q) => q.predicate.value === `${HYDRA}totalItems`)?.object.value);
      const legacy = quads.find((q) => q.predicate.value === `${HYDRA}nextPage`)?.object.value;
      url = quads.find((q) => q.predicate.value === `${HYDRA}next`)?.object.value;
      expect(legacy).to.equal(url);
      expect(pages).to.be.lessThan(10);
    }
    expect(total).to.equal(expected.size);
    expect(seen).to.have.length(expected.size);
    expect(new Set(seen)).to.deep.equal(expected);
    expect(seen, 'stable order by dataset IRI').to.deep.equal([...seen].sort());
  });

  it("carries on each page the datasets' whole descriptions as the catalogs hold them: distributions and nested blank nodes", async () => {
    const nt = async (url: string) => (await (await fetch(url, { headers: { Accept: 'application/n-triples' } })).text()).split('\n').filter(Boolean);
    // Blank node labels differ from one read of the store to the next; the triples' shapes must not.
    const unlabelled = (lines: string[]) => lines.map((line) => line.replace(/_:[A-Za-z0-9]+/g, '_:b')).sort();
    const page = await nt(`${server.url}/catalog?page=1&pageSize=100`);
    const own = (line: string) => line.startsWith(`<${server.url.replace('127.0.0.1', 'localhost')}/catalog`) || ORGS.some((org) => line.startsWith(`<${org.site}>`) || line.startsWith(`<http://dataportal.se/organisation/SE${org.orgnr}>`));
    const documents: string[] = [];
    for (const org of ORGS) {
      // Each organisation catalog as published, without the catalog and its publisher (the page has its own).
      const publisher = `<http://dataportal.se/organisation/SE${org.orgnr}>`;
      documents.push(...(await nt(`${server.url}/catalogs/${org.id}`)).filter((line) => !line.startsWith(`<${org.site}>`) && !line.startsWith(publisher)));
    }
    const described = page.filter((line) => !own(line));
    expect(described.filter((line) => line.includes('"Ort 0"')), 'the address of the contact point, two blank nodes deep').to.have.length(ORGS.length);
    const pageLines = unlabelled(described);
    const documentLines = unlabelled(documents);
    const without = (lines: string[], others: string[]) => {
      const left = [...others];
      return lines.filter((line) => (left.includes(line) ? (left.splice(left.indexOf(line), 1), false) : true));
    };
    expect(without(pageLines, documentLines), 'on the page, not in the catalogs').to.deep.equal([]);
    expect(without(documentLines, pageLines), 'in the catalogs, not on the page').to.deep.equal([]);
  });

  it('serves each organisation catalog complete in RDF/XML with absolute IRIs and no blank nodes for main entities', async () => {
    const res = await fetch(`${server.url}/catalogs/goteborg.rdf`);
    const text = await res.text();
    const quads = parse(text, 'rdf');
    const mainTypes = [`${DCAT}Catalog`, `${DCAT}Dataset`, `${DCAT}Distribution`];
    expect(quads.filter((q) => q.predicate.value === RDF_TYPE && mainTypes.includes(q.object.value) && q.subject.termType === 'BlankNode')).to.deep.equal([]);
    expect(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)).to.have.length(5);
    expect((await fetch(`${server.url}/catalog?page=0`)).status).to.equal(400);
    expect((await fetch(`${server.url}/catalog?pageSize=5000`)).status).to.equal(400);
  });
});
