import { expect } from 'chai';
import { describeCatalog, describeDataset, describeDistribution, DescriptionError } from '../../src/portal/describe-view.js';
import { CATALOG_IRI, CATALOG_NT, DATASET_IRI, DATASET_NT, DISTRIBUTION_IRI, EU, HOSTILE_TITLE } from './fixtures.js';

describe('portal views from N-Triples', () => {
  it('builds the dataset view: texts per language, terms, contact, period, distributions', () => {
    const view = describeDataset(DATASET_NT, DATASET_IRI);
    expect(view.type).to.equal('Dataset');
    expect(view.title).to.deep.equal({ sv: HOSTILE_TITLE, en: 'EV charging points' });
    expect(view.description.sv).to.equal('Alla publika laddstolpar i Göteborg.\n\nUppdateras varje natt.');
    expect(view.publisher).to.deep.equal({ iri: 'http://dataportal.se/organisation/SE2120001355', name: { sv: 'Göteborgs Stad' } });
    expect(view.themes).to.deep.equal([{ iri: `${EU}data-theme/TRAN`, label: {} }]);
    expect(view.keywords).to.deep.equal([{ value: 'laddstolpar', lang: 'sv' }, { value: 'charging', lang: 'en' }]);
    expect(view.accessRights?.iri).to.equal(`${EU}access-right/PUBLIC`);
    expect(view.contactPoints).to.deep.equal([{ name: { sv: 'Trafikkontoret' }, email: 'trafik@goteborg.se' }]);
    expect(view.temporal).to.deep.equal([{ start: '2021-01-01' }]);
    expect(view.issued).to.equal('2021-03-01');
    expect(view.modified).to.equal('2026-11-02T08:15:00Z');
    expect(view.distributions).to.have.length(2);
    const csv = view.distributions.find((d) => d.iri === DISTRIBUTION_IRI)!;
    expect(csv.format?.iri).to.equal(`${EU}file-type/CSV`);
    expect(csv.downloadUrls).to.deep.equal(['https://data.goteborg.se/laddstolpar.csv']);
    expect(csv.byteSize).to.equal(1520000);
    const blank = view.distributions.find((d) => d.iri === undefined)!;
    expect(blank.accessUrls).to.deep.equal(['https://data.goteborg.se/api/laddstolpar']);
    // The distribution's licence is the dataset's too, once.
    expect(view.licenses.map((l) => l.iri)).to.deep.equal(['http://creativecommons.org/publicdomain/zero/1.0/']);
  });

  it('reads a dataset series and literals where IRIs belong', () => {
    const iri = 'https://data.example.se/series/1';
    const nt = [
      `<${iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#DatasetSeries> .`,
      `<${iri}> <http://purl.org/dc/terms/title> "Serie" .`,
      `<${iri}> <http://www.w3.org/ns/dcat#distribution> _:d .`,
      `_:d <http://purl.org/dc/terms/format> "text/csv" .`,
      `<${iri}> <http://purl.org/dc/terms/spatial> _:p .`,
      `_:p <http://www.w3.org/ns/locn#geographicName> "Borås"@sv .`,
      `<${iri}> <http://www.w3.org/ns/dcat#contactPoint> _:c .`,
      `_:c <http://www.w3.org/2006/vcard/ns#hasEmail> _:e .`,
      `_:e <http://www.w3.org/2006/vcard/ns#value> "mailto:info@boras.se" .`,
    ].join('\n');
    const view = describeDataset(nt, iri);
    expect(view.type).to.equal('DatasetSeries');
    expect(view.title).to.deep.equal({ '': 'Serie' });
    expect(view.distributions[0]!.format).to.deep.equal({ label: { '': 'text/csv' } });
    expect(view.spatial).to.deep.equal([{ label: { sv: 'Borås' } }]);
    expect(view.contactPoints[0]!.email).to.equal('info@boras.se');
  });

  it('builds distribution and catalog views', () => {
    const dist = describeDistribution(DATASET_NT, DISTRIBUTION_IRI);
    expect(dist.title).to.deep.equal({ sv: 'Laddstolpar som CSV' });
    expect(dist.license?.iri).to.equal('http://creativecommons.org/publicdomain/zero/1.0/');
    const catalog = describeCatalog(CATALOG_NT, CATALOG_IRI);
    expect(catalog.title).to.deep.equal({ sv: 'Göteborgs Stads datakatalog', en: 'City of Gothenburg data catalogue' });
    expect(catalog.homepage).to.equal('https://goteborg.se/');
    expect(catalog.publisher?.name).to.deep.equal({ sv: 'Göteborgs Stad' });
  });

  it('refuses text that is not N-Triples, and a description without the resource', () => {
    expect(() => describeDataset('<a> <b> .', DATASET_IRI)).to.throw(DescriptionError, /not valid N-Triples/);
    expect(() => describeDataset(DATASET_NT, 'https://elsewhere.example/x')).to.throw(DescriptionError, /says nothing about/);
  });
});
