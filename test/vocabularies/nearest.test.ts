import { expect } from 'chai';
import { nearestValue } from '../../src/vocabularies/nearest.js';
import { facetIri, facetLabel, facetValue, labelOfIri } from '../../src/vocabularies/labels.js';

const DCT = 'http://purl.org/dc/terms/';
const DCAT = 'http://www.w3.org/ns/dcat#';
const EU = 'http://publications.europa.eu/resource/authority/';

describe('nearest valid value of a controlled-vocabulary property', () => {
  const cases: [string, string, boolean, string | undefined][] = [
    // [property, offending value, is an IRI, expected suggestion]
    [`${DCT}format`, 'CSV', false, `${EU}file-type/CSV`],
    [`${DCT}format`, 'csv', false, `${EU}file-type/CSV`],
    [`${DCT}format`, 'text/csv', false, `${EU}file-type/CSV`],
    [`${DCT}format`, 'text/csv; charset=utf-8', false, `${EU}file-type/CSV`],
    [`${DCT}format`, `${EU}file-type/csv`, true, `${EU}file-type/CSV`],
    [`${DCT}format`, 'https://publications.europa.eu/resource/authority/file-type/CSV', true, `${EU}file-type/CSV`],
    [`${DCT}format`, `${EU}file-type/CSV/`, true, `${EU}file-type/CSV`],
    [`${DCT}format`, 'http://www.iana.org/assignments/media-types/text/csv', true, `${EU}file-type/CSV`],
    [`${DCT}format`, 'parquet', false, `${EU}file-type/PARQUET`],
    [`${DCAT}theme`, 'Transport', false, `${EU}data-theme/TRAN`],
    [`${DCAT}theme`, 'Miljö', false, `${EU}data-theme/ENVI`],
    [`${DCAT}theme`, 'https://publications.europa.eu/resource/authority/data-theme/tran', true, `${EU}data-theme/TRAN`],
    [`${DCT}language`, 'sv', false, `${EU}language/SWE`],
    [`${DCT}language`, 'svenska', false, `${EU}language/SWE`],
    [`${DCT}accrualPeriodicity`, 'annual', false, `${EU}frequency/ANNUAL`],
    [`${DCT}accessRights`, 'public', false, `${EU}access-right/PUBLIC`],
    ['http://data.europa.eu/r5r/availability', 'http://data.europa.eu/r5r/availability/experimental', true, `${EU}planned-availability/EXPERIMENTAL`],
    ['http://www.w3.org/ns/adms#status', 'http://purl.org/adms/status/Completed', true, `${EU}distribution-status/COMPLETED`],
    [`${DCT}type`, 'LocalAuthority', false, 'http://purl.org/adms/publishertype/LocalAuthority'],
    // Nothing obvious: an unknown code, a media type several file types share, a value that is already valid,
    // a property without a list.
    [`${DCT}format`, `${EU}file-type/CSVX`, true, undefined],
    [`${DCT}format`, 'application/json', false, undefined],
    [`${DCT}format`, 'http://example.org/formats/CSV', true, undefined],
    [`${DCT}format`, `${EU}file-type/CSV`, true, undefined],
    [`${DCT}title`, 'CSV', false, undefined],
  ];
  for (const [property, value, isIri, expected] of cases) {
    it(`${property.replace(/^.*[#/]/, '')} ${JSON.stringify(value)} → ${expected ?? 'none'}`, () => {
      expect(nearestValue(property, value, isIri)?.value).to.equal(expected);
    });
  }

  it('names the suggestion in English and Swedish', () => {
    expect(nearestValue(`${DCAT}theme`, 'environment', false)).to.deep.equal({ value: `${EU}data-theme/ENVI`, label: 'Environment', labelSv: 'Miljö' });
  });
});

describe('portal labels come from the SKOS files', () => {
  it('facet codes, labels and IRIs', () => {
    expect(facetValue('theme', `${EU}data-theme/TRAN`)).to.equal('TRAN');
    expect(facetValue('format', `${EU}file-type/CSVX`)).to.equal(`${EU}file-type/CSVX`);
    expect(facetLabel('theme', 'ENVI', 'sv')).to.equal('Miljö');
    expect(facetLabel('theme', 'ENVI', 'en')).to.equal('Environment');
    expect(facetLabel('format', 'XLSX', 'sv')).to.equal('Excel XLSX'); // no Swedish label: the English one
    expect(facetLabel('format', 'PARQUET', 'en')).to.equal('PARQUET'); // no label at all: the code
    expect(facetLabel('license', 'http://creativecommons.org/licenses/by/4.0/', 'en')).to.equal('CC BY 4.0 (attribution)');
    expect(facetIri('accessRights', 'PUBLIC')).to.equal(`${EU}access-right/PUBLIC`);
  });

  it('labelOfIri covers every list, Creative Commons and the region\'s places', () => {
    expect(labelOfIri(`${EU}language/SWE`, 'sv')).to.equal('svenska');
    expect(labelOfIri(`${EU}frequency/ANNUAL`, 'en')).to.equal('annual');
    expect(labelOfIri(`${EU}planned-availability/STABLE`, 'sv')).to.equal('stabil');
    expect(labelOfIri('http://data.europa.eu/bna/c_b79e35eb', 'en')).to.equal('Mobility');
    expect(labelOfIri('http://data.europa.eu/nuts/code/SE232', 'sv')).to.equal('Västra Götalands län');
    expect(labelOfIri(`${EU}file-type/CSVX`, 'en')).to.equal(undefined);
  });
});
