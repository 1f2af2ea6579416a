import { expect } from 'chai';
import { generateRegion, planCatalogSizes, DEMO_SEED } from '../../src/demo/region-generator.js';
import { REGIONAL_TOPIC_IDS } from '../../src/demo/topics.js';
import { Organisations } from '../../src/organisations/organisations.js';
import { canonical, parse, toNTriples } from '../support/rdf.js';

const BASE = 'http://localhost:3030';

describe('demo region generator', function () {
  this.timeout(60_000);
  const region = generateRegion();

  it('gives byte-identical text for the same seed and different text for another seed', () => {
    const again = generateRegion({ seed: DEMO_SEED });
    expect(again.catalogs.map((c) => c.text)).to.deep.equal(region.catalogs.map((c) => c.text));
    const other = generateRegion({ seed: DEMO_SEED + 1 });
    const same = other.catalogs.filter((c, i) => c.text === region.catalogs[i]!.text);
    expect(same, 'catalogs unchanged by another seed').to.have.length(0);
  });

  it('is the same as N-Triples from one run to the next', () => {
    const a = generateRegion({ datasets: 100, syntax: 'ntriples' });
    const b = generateRegion({ datasets: 100, syntax: 'ntriples' });
    expect(a.catalogs.map((c) => c.text)).to.deep.equal(b.catalogs.map((c) => c.text));
    expect(a.catalogs[0]!.mediaType).to.equal('application/n-triples');
  });

  it('says the same in Turtle and in N-Triples', async () => {
    const turtle = generateRegion({ datasets: 100 }).catalogs;
    const ntriples = generateRegion({ datasets: 100, syntax: 'ntriples' }).catalogs;
    for (const i of [0, 3, 10]) {
      const fromTurtle = toNTriples(turtle[i]!.text, 'text/turtle', `${BASE}/catalogs/${turtle[i]!.id}/`);
      expect(await canonical(fromTurtle), turtle[i]!.id).to.equal(await canonical(ntriples[i]!.text));
    }
  });

  it('has a catalog for the region and each of the 49 municipalities with exactly the datasets asked for', () => {
    const organisations = Organisations.load(BASE).all();
    expect(region.catalogs.map((c) => c.id)).to.deep.equal(organisations.map((o) => o.id));
    expect(region.catalogs).to.have.length(50);
    expect(region.catalogs.reduce((n, c) => n + c.datasets.length, 0)).to.equal(2000);
    expect(generateRegion({ datasets: 100 }).catalogs.reduce((n, c) => n + c.datasets.length, 0)).to.equal(100);
    expect(() => planCatalogSizes(organisations, 49, 1)).to.throw(RangeError);
  });

  it('has a long tail: a few catalogs with hundreds of datasets, most with 5 to 40', () => {
    const sizes = Object.fromEntries(region.catalogs.map((c) => [c.id, c.datasets.length]));
    expect(sizes.goteborg).to.be.above(300);
    expect(sizes.vgr).to.be.above(150);
    expect(Object.values(sizes).filter((n) => n >= 100)).to.have.length.within(2, 5);
    expect(Object.values(sizes).filter((n) => n >= 5 && n <= 40).length).to.be.at.least(35);
    expect(Math.min(...Object.values(sizes))).to.be.at.least(5);
  });

  it('has each of the five regional topics across the region, and at least one in every catalog', () => {
    for (const catalog of region.catalogs) expect(catalog.datasets.some((d) => d.regional), catalog.id).to.equal(true);
    const topics = new Set(region.catalogs.flatMap((c) => c.datasets.map((d) => d.topic)));
    for (const id of REGIONAL_TOPIC_IDS) expect(topics, id).to.include(id);
    const titles = region.catalogs.flatMap((c) => c.datasets.map((d) => d.titleSv));
    for (const title of ['Laddstolpar', 'Skolenheter', 'Leverantörsreskontra', 'Livsmedelskontroller']) {
      expect(titles.some((t) => t.startsWith(title)), title).to.equal(true);
    }
    for (const catalog of generateRegion({ datasets: 100 }).catalogs) expect(catalog.datasets.some((d) => d.regional), catalog.id).to.equal(true);
  });

  it('writes server-hosted IRIs relative to the catalog, and every fourth municipality uses its own website', () => {
    const ale = region.catalogs.find((c) => c.id === 'ale')!;
    expect(ale.ownIris).to.equal(false);
    expect(ale.text).to.include('<../ale>\n    a dcat:Catalog');
    expect(ale.text).to.match(/<datasets\/[a-z0-9-]+>/);
    const own = region.catalogs.filter((c) => c.ownIris);
    expect(own.length).to.be.within(10, 14);
    for (const c of own) expect(c.catalogIri).to.equal(`https://${c.organisation.webDomain}/dcat/catalog`);
  });

  it('parses as Turtle and resolves to the IRIs it reports', async () => {
    for (const catalog of region.catalogs.slice(0, 6)) {
      const quads = await parse(catalog.text, 'text/turtle', `${BASE}/catalogs/${catalog.id}/`);
      const subjects = new Set(quads.map((q) => q.subject.value));
      expect(subjects, catalog.id).to.include(catalog.catalogIri);
      for (const d of catalog.datasets) expect(subjects, d.iri).to.include(d.iri);
    }
  });
});
