import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { select, update } from '../support/http.js';
import { BORAS, EU, GOTEBORG, datasetIri, indexReady, publish, search, type CatalogFixture } from './fixtures.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

const iris = (json: { results: { iri: string }[] }) => json.results.map((r) => r.iri);
const iriOf = (fixture: CatalogFixture, slug: string) => datasetIri(fixture.id, slug);

describe('search', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await publish(server, GOTEBORG);
    await publish(server, BORAS);
    await indexReady(server);
  });
  after(async () => server?.kill());

  describe('Swedish text', () => {
    it('finds compounds and inflections from a word stem: skola finds Skolenheter and Skolor', async () => {
      const found = iris(await search(server, 'q=skola'));
      expect(found).to.include.members([iriOf(GOTEBORG, 'skolenheter'), iriOf(BORAS, 'skolor')]);
      expect(found).not.to.include(iriOf(GOTEBORG, 'laddstolpar'));
    });

    it('laddstolpe finds Laddstolpar', async () => {
      expect(iris(await search(server, 'q=laddstolpe'))).to.deep.equal([iriOf(GOTEBORG, 'laddstolpar')]);
    });

    it('keeps å, ä and ö apart: mal does not find Mål, mål does', async () => {
      expect((await search(server, 'q=mal')).total).to.equal(0);
      expect(iris(await search(server, `q=${encodeURIComponent('mål')}`))).to.include.members([iriOf(GOTEBORG, 'mal-och-resultat'), iriOf(BORAS, 'skolmaltider')]);
      expect(iris(await search(server, `q=${encodeURIComponent('MÅL')}`))).to.include(iriOf(GOTEBORG, 'mal-och-resultat'));
    });

    it('folds other accents and case: cafe finds Café, CAFÉ too', async () => {
      expect(iris(await search(server, 'q=cafe'))).to.deep.equal([iriOf(GOTEBORG, 'livsmedelskontroll')]);
      expect(iris(await search(server, `q=${encodeURIComponent('CAFÉ')}`))).to.deep.equal([iriOf(GOTEBORG, 'livsmedelskontroll')]);
    });

    it('needs every word of the query and searches keywords', async () => {
      expect(iris(await search(server, `q=${encodeURIComponent('skolor Borås')}`))).to.deep.equal([iriOf(BORAS, 'skolor')]);
      expect(iris(await search(server, 'q=laddinfrastruktur'))).to.deep.equal([iriOf(GOTEBORG, 'laddstolpar')]);
    });

    it('ranks a match in the title above one in the description only', async () => {
      // "skolor" is in Borås' title "Skolor och förskolor" and only in the description of "Måltider i skolan".
      const found = iris(await search(server, 'q=skolor'));
      expect(found.indexOf(iriOf(BORAS, 'skolor'))).to.be.lessThan(found.indexOf(iriOf(BORAS, 'skolmaltider')));
    });
  });

  describe('English text', () => {
    it('finds English titles and descriptions by stem and prefix', async () => {
      expect(iris(await search(server, 'q=measurement'))).to.deep.equal([iriOf(GOTEBORG, 'air-quality')]);
      expect(iris(await search(server, 'q=reading'))).to.deep.equal([iriOf(GOTEBORG, 'air-quality')]);
      expect(iris(await search(server, 'q=schools'))).to.include(iriOf(GOTEBORG, 'skolenheter'));
      expect(iris(await search(server, 'q=supplier'))).to.deep.equal([iriOf(BORAS, 'leverantorsreskontra')]);
    });

    it('gives title and description in the requested language, falling back to the other', async () => {
      const sv = (await search(server, 'q=leverantörsreskontra&lang=sv')).results[0]!;
      const en = (await search(server, 'q=leverantörsreskontra&lang=en')).results[0]!;
      expect(sv.title).to.equal('Leverantörsreskontra');
      expect(en.title).to.equal('Supplier ledger');
      expect(en.publisher).to.equal('Borås Stad');
      const fallback = (await search(server, 'q=laddstolpar&lang=en')).results[0]!;
      expect(fallback.title).to.equal('Laddstolpar för elbilar');
    });
  });

  describe('facets', () => {
    /** The same counts asked of the store: datasets per value in the public catalog graphs. */
    async function sparqlCounts(path: string, prefix: string): Promise<Record<string, number>> {
      const json = await select(
        server.url,
        `SELECT ?v (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a <${DCAT}Dataset> ; ${path} ?v } } GROUP BY ?v`,
      );
      return Object.fromEntries(json.results.bindings.map((b) => [b.v!.value.replace(prefix, ''), Number(b.n!.value)]));
    }
    const asCounts = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));

    it('counts equal SPARQL COUNT queries on the same data', async () => {
      const all = await search(server, '');
      expect(all.total).to.equal(GOTEBORG.datasets.length + BORAS.datasets.length);
      expect(asCounts(all.facets.theme!)).to.deep.equal(await sparqlCounts(`<${DCAT}theme>`, `${EU}data-theme/`));
      expect(asCounts(all.facets.format!)).to.deep.equal(await sparqlCounts(`<${DCAT}distribution>/<${DCT}format>`, `${EU}file-type/`));
      expect(asCounts(all.facets.license!)).to.deep.equal(await sparqlCounts(`<${DCAT}distribution>/<${DCT}license>`, `${EU}licence/`));
      expect(asCounts(all.facets.accessRights!)).to.deep.equal(await sparqlCounts(`<${DCT}accessRights>`, `${EU}access-right/`));
      const perGraph = await select(server.url, `SELECT ?g (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a <${DCAT}Dataset> } } GROUP BY ?g`);
      const organisations = Object.fromEntries(perGraph.results.bindings.map((b) => [b.g!.value.replace(`${server.url.replace('127.0.0.1', 'localhost')}/catalogs/`, ''), Number(b.n!.value)]));
      expect(asCounts(all.facets.organisation!)).to.deep.equal(organisations);
    });

    it('counts among the datasets that match the query and the filters, with labels in the requested language', async () => {
      const json = await search(server, 'q=skola&lang=en');
      expect(asCounts(json.facets.organisation!)).to.deep.equal({ goteborg: 1, boras: 2 });
      expect(json.facets.organisation!.find((v) => v.value === 'goteborg')!.label).to.equal('Göteborgs Stad');
      expect(json.facets.theme!.find((v) => v.value === 'EDUC')).to.deep.equal({ value: 'EDUC', label: 'Education, culture and sport', count: 3 });
      const sv = await search(server, 'q=skola&lang=sv');
      expect(sv.facets.theme!.find((v) => v.value === 'EDUC')!.label).to.equal('Utbildning, kultur och sport');
      expect(sv.facets.accessRights!.find((v) => v.value === 'RESTRICTED')!.label).to.equal('begränsad åtkomst');
    });

    it('filters: values of one facet are alternatives, facets combine', async () => {
      expect((await search(server, 'theme=TRAN')).total).to.equal(1);
      expect((await search(server, 'theme=TRAN&theme=ENVI')).total).to.equal(2);
      const json = await search(server, 'organisation=boras&format=CSV');
      expect(iris(json).sort()).to.deep.equal([iriOf(BORAS, 'leverantorsreskontra'), iriOf(BORAS, 'skolor')].sort());
      // The format facet is in use, so it is counted without its own filter: Borås's other formats can be added.
      expect(asCounts(json.facets.format!)).to.deep.equal({ CSV: 2, XLSX: 1, XML: 1 });
      expect(asCounts(json.facets.organisation!)).to.deep.equal({ goteborg: 3, boras: 2 });
      expect((await search(server, 'q=skola&organisation=goteborg&theme=EDUC')).total).to.equal(1);
      expect((await search(server, 'theme=NOPE')).total).to.equal(0);
    });
  });

  describe('order and paging', () => {
    it('sorts by modified, newest first, with ties in a stable order and undated datasets last', async () => {
      const json = await search(server, 'sort=modified&pageSize=100');
      const dates = json.results.map((r) => r.modified);
      expect(dates).to.deep.equal(['2025-03-03', '2025-01-10', '2024-05-01', '2024-05-01', '2023-02-01', '2022-11-15', '2021-06-30T10:00:00Z', null]);
      // The tie goes by IRI.
      expect(iris(json).slice(2, 4)).to.deep.equal([iriOf(GOTEBORG, 'livsmedelskontroll'), iriOf(GOTEBORG, 'skolenheter')]);
      expect(iris(await search(server, 'sort=modified&pageSize=100'))).to.deep.equal(iris(json));
    });

    it('pages through the results without repeating or losing any', async () => {
      const all = iris(await search(server, 'sort=modified&pageSize=100'));
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const json = await search(server, `sort=modified&pageSize=3&page=${page}`);
        expect(json.total).to.equal(all.length);
        paged.push(...iris(json));
      }
      expect(paged).to.deep.equal(all);
      expect((await search(server, 'pageSize=3&page=4')).results).to.deep.equal([]);
    });

    it('answers 400 with a problem document for bad parameters', async () => {
      for (const params of ['pageSize=0', 'pageSize=1000', 'page=-1', 'page=x', 'sort=title', 'lang=de', 'q=a&q=b']) {
        const res = await fetch(`${server.url}/search?${params}`, { headers: { Accept: 'application/json' } });
        expect(res.status, params).to.equal(400);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const problem = (await res.json()) as { detail: string };
        expect(problem.detail, params).to.be.a('string').and.not.be.empty;
      }
    });
  });

  describe('following writes', () => {
    it('follows a SPARQL Update that changes a title', async () => {
      const graph = `${server.url.replace('127.0.0.1', 'localhost')}/catalogs/goteborg`;
      const dataset = iriOf(GOTEBORG, 'air-quality');
      const res = await update(
        server.url,
        `DELETE { GRAPH <${graph}> { <${dataset}> <${DCT}title> ?t } } INSERT { GRAPH <${graph}> { <${dataset}> <${DCT}title> "Luftkvalitet i centrala staden"@sv } } WHERE { GRAPH <${graph}> { <${dataset}> <${DCT}title> ?t } }`,
      );
      expect(res.status, await res.text()).to.equal(204);
      await indexReady(server);
      expect(iris(await search(server, 'q=luftkvalitet'))).to.deep.equal([dataset]);
      expect((await search(server, 'q=measurements')).total).to.equal(0);
    });

    it('follows a re-PUT (a dataset gone, one changed) and a DELETE of a catalog', async () => {
      const changed: CatalogFixture = {
        ...BORAS,
        datasets: BORAS.datasets.filter((d) => d.slug !== 'skolmaltider').map((d) => (d.slug === 'skolor' ? { ...d, title: { sv: 'Grundskolor i Borås' } } : d)),
      };
      await publish(server, changed);
      await indexReady(server);
      expect((await search(server, `q=${encodeURIComponent('måltider')}`)).total).to.equal(0);
      const renamed = (await search(server, 'q=grundskolor&organisation=boras')).results;
      expect(renamed.map((r) => [r.iri, r.title])).to.deep.equal([[iriOf(BORAS, 'skolor'), 'Grundskolor i Borås']]);

      const res = await fetch(`${server.url}/catalogs/boras`, { method: 'DELETE', headers: { Authorization: 'Bearer test-admin-token' } });
      expect(res.status).to.equal(204);
      await indexReady(server);
      const all = await search(server, '');
      expect(all.facets.organisation!.map((v) => v.value)).to.deep.equal(['goteborg']);
      expect(all.total).to.equal(GOTEBORG.datasets.length);
    });
  });
});
