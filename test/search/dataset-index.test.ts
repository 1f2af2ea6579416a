import { expect } from 'chai';
import { DatasetIndex } from '../../src/search/dataset-index.js';
import type { DatasetSummary, SearchQuery } from '../../src/search/dataset-summary.js';
import { extractSummaries } from '../../src/search/extract.js';
import { fold, queryStems, stem } from '../../src/search/text.js';
import { toNTriples } from '../support/rdf.js';
import { GOTEBORG, catalogTurtle, datasetIri } from './fixtures.js';

const organisations = { get: (id: string) => ({ id, name: `Org ${id}` }) as never };

function summary(iri: string, catalog: string, modified: string | null, extra: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    iri,
    type: 'Dataset',
    catalog,
    organisation: catalog,
    title: { sv: `Titel ${iri}` },
    description: {},
    keywords: [],
    themes: [],
    formats: [],
    licenses: [],
    accessRights: [],
    modified,
    changed: '2025-01-01T00:00:00.000Z',
    distributions: 1,
    hash: `h-${iri}`,
    quality: { met: [], score: 0 },
    ...extra,
  };
}

const query = (q: Partial<SearchQuery>): SearchQuery => ({ q: '', filters: {}, sort: 'relevance', page: 1, pageSize: 20, lang: 'sv', ...q });

describe('search text', () => {
  it('folds case and accents but keeps å, ä and ö', () => {
    expect(fold('Café Ü Åsa ÄNG Öl')).to.equal('cafe u åsa äng öl');
    expect(fold('Mål')).not.to.equal(fold('mal'));
    expect(fold('Næring Øst')).to.equal('näring öst');
  });

  it('gives a query word its Swedish and English stems, which prefix the indexed forms', () => {
    expect(stem('Skolenheter', 'sv').startsWith(stem('skola', 'sv'))).to.equal(true);
    expect(stem('Laddstolpar', 'sv')).to.equal(stem('laddstolpe', 'sv'));
    expect(queryStems('schools')).to.include(stem('school', 'en'));
  });
});

describe('extracting summaries', () => {
  const ntriples = toNTriples(catalogTurtle(GOTEBORG), 'text/turtle');
  const extract = (text: string) => extractSummaries({ ntriples: text, catalog: 'goteborg', organisation: 'goteborg', now: '2025-01-01T00:00:00.000Z' });

  it('summarises every dataset with its distributions’ formats and licences', () => {
    const summaries = extract(ntriples);
    expect(summaries.map((s) => s.iri)).to.deep.equal(GOTEBORG.datasets.map((d) => datasetIri('goteborg', d.slug)).sort());
    const schools = summaries.find((s) => s.iri === datasetIri('goteborg', 'skolenheter'))!;
    expect(schools.title).to.deep.equal({ sv: 'Skolenheter i Göteborg', en: 'School units in Gothenburg' });
    expect(schools.formats.sort()).to.deep.equal(['http://publications.europa.eu/resource/authority/file-type/CSV', 'http://publications.europa.eu/resource/authority/file-type/JSON']);
    expect(schools.licenses).to.deep.equal(['http://publications.europa.eu/resource/authority/licence/CC_BY_4_0']);
    expect(schools.distributions).to.equal(2);
    expect(schools.modified).to.equal('2024-05-01');
  });

  it('fingerprints a description independently of blank-node labels and of other datasets, but sees its distributions', () => {
    const before = new Map(extract(ntriples).map((s) => [s.iri, s.hash]));
    const withContact = ntriples + `<${datasetIri('goteborg', 'laddstolpar')}> <http://www.w3.org/ns/dcat#contactPoint> _:c1 .\n_:c1 <http://www.w3.org/2006/vcard/ns#fn> "Kundtjänst" .\n`;
    const relabelled = withContact.replaceAll('_:c1', '_:other');
    const a = new Map(extract(withContact).map((s) => [s.iri, s.hash]));
    const b = new Map(extract(relabelled).map((s) => [s.iri, s.hash]));
    expect(a).to.deep.equal(b);
    expect(a.get(datasetIri('goteborg', 'laddstolpar'))).not.to.equal(before.get(datasetIri('goteborg', 'laddstolpar')));
    expect(a.get(datasetIri('goteborg', 'skolenheter'))).to.equal(before.get(datasetIri('goteborg', 'skolenheter')));
    const distribution = `${datasetIri('goteborg', 'skolenheter')}/csv`;
    const changedDistribution = ntriples.replace(`<${distribution}> <http://www.w3.org/ns/dcat#accessURL> <https://files.goteborg.example/skolenheter.csv>`, `<${distribution}> <http://www.w3.org/ns/dcat#accessURL> <https://files.goteborg.example/v2.csv>`);
    expect(changedDistribution).not.to.equal(ntriples);
    expect(new Map(extract(changedDistribution).map((s) => [s.iri, s.hash])).get(datasetIri('goteborg', 'skolenheter'))).not.to.equal(before.get(datasetIri('goteborg', 'skolenheter')));
  });
});

describe('DatasetIndex', () => {
  it('keeps `changed` of datasets whose hash did not change, and bumps the version only on change', () => {
    const index = new DatasetIndex(organisations);
    index.replaceCatalog('a', 'a', [summary('x:1', 'a', '2024-01-01'), summary('x:2', 'a', '2024-01-02')]);
    const version = index.version;
    const later = '2025-06-01T00:00:00.000Z';
    expect(index.replaceCatalog('a', 'a', [summary('x:1', 'a', '2024-01-01', { changed: later }), summary('x:2', 'a', '2024-01-02', { changed: later })])).to.equal(false);
    expect(index.version).to.equal(version);
    index.replaceCatalog('a', 'a', [summary('x:1', 'a', '2024-01-01', { changed: later }), summary('x:2', 'a', '2024-01-03', { changed: later, hash: 'new' })]);
    expect(index.version).to.be.greaterThan(version);
    expect(index.get('x:1')!.changed).to.equal('2025-01-01T00:00:00.000Z');
    expect(index.get('x:2')!.changed).to.equal(later);
  });

  it('pages harvest items by IRI then catalog, filtered on `changed`', () => {
    const index = new DatasetIndex(organisations);
    index.replaceCatalog('b', 'b', [summary('x:2', 'b', null), summary('x:1', 'b', null, { changed: '2025-03-01T00:00:00.000Z' })]);
    index.replaceCatalog('a', 'a', [summary('x:2', 'a', null)]);
    expect(index.harvestPage(0, 10).items).to.deep.equal([
      { iri: 'x:1', catalog: 'b' },
      { iri: 'x:2', catalog: 'a' },
      { iri: 'x:2', catalog: 'b' },
    ]);
    expect(index.harvestPage(1, 1)).to.deep.equal({ total: 3, items: [{ iri: 'x:2', catalog: 'a' }] });
    expect(index.harvestPage(0, 10, Date.parse('2025-02-01T00:00:00Z'))).to.deep.equal({ total: 1, items: [{ iri: 'x:1', catalog: 'b' }] });
  });

  it('lists a catalog’s and an organisation’s datasets, the latest ones and the region’s figures', () => {
    const index = new DatasetIndex(organisations);
    const theme = 'http://publications.europa.eu/resource/authority/data-theme/TRAN';
    index.replaceCatalog('a', 'a', [summary('x:1', 'a', '2024-01-01', { themes: [theme] }), summary('x:2', 'a', '2025-01-01')]);
    index.replaceCatalog('a-more', 'a', [summary('x:3', 'a-more', '2023-01-01', { themes: [theme], distributions: 3 })]);
    index.replaceCatalog('empty', 'e', []);
    expect(index.datasetsOfCatalog('a', { offset: 0, limit: 10 }).items.map((s) => s.iri)).to.deep.equal(['x:2', 'x:1']);
    expect(index.datasetsOfOrganisation('a', { offset: 1, limit: 10 })).to.deep.include({ total: 3 });
    expect(index.latest(2).map((s) => s.iri)).to.deep.equal(['x:2', 'x:1']);
    expect(index.figures('en')).to.deep.equal({ datasets: 3, catalogs: 3, organisations: 2, distributions: 5, themes: [{ value: 'TRAN', label: 'Transport', count: 2 }] });
    index.removeCatalog('a-more');
    expect(index.search(query({ filters: { theme: ['TRAN'] } })).total).to.equal(1);
  });
});
