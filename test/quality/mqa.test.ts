import fs from 'node:fs';
import { expect } from 'chai';
import { Parser } from 'n3';
import { extractSummaries } from '../../src/search/extract.js';
import { DatasetIndex } from '../../src/search/dataset-index.js';
import { datasetResult, catalogResult } from '../../src/quality/quality.js';
import { INDICATORS, MAX_POINTS, DIMENSION_MAX, ratingOf } from '../../src/quality/indicators.js';
import { METRICS } from '../../src/quality/dqv.js';
import { toNTriples } from '../support/rdf.js';

const EU = 'http://publications.europa.eu/resource/authority/';
const IANA = 'http://www.iana.org/assignments/media-types/';

/** Two datasets whose every MQA-relevant property is chosen, so the points can be added up by hand below. */
const FIXTURE = `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://ex.org/full> a dcat:Dataset ;
  dct:title "Full"@sv ;
  dcat:keyword "skola"@sv ;
  dcat:theme <${EU}data-theme/EDUC> ;
  dct:spatial <${EU}country/SWE> ;
  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2020-01-01"^^xsd:date ] ;
  dct:accessRights <${EU}access-right/PUBLIC> ;
  dcat:contactPoint <https://ex.org/contact> ;
  dct:publisher <https://ex.org/org> ;
  dct:modified "2024-01-01"^^xsd:date ;
  dcat:distribution <https://ex.org/full/csv>, <https://ex.org/full/pdf> .
<https://ex.org/full/csv> a dcat:Distribution ;
  dcat:accessURL <https://files.ex.org/a.csv> ;
  dcat:downloadURL <https://files.ex.org/a.csv> ;
  dct:format <${EU}file-type/CSV> ;
  dcat:mediaType <${IANA}text/csv> ;
  dct:license <${EU}licence/CC_BY_4_0> ;
  dct:rights [ a dct:RightsStatement ] ;
  dcat:byteSize "1024"^^xsd:nonNegativeInteger ;
  dct:issued "2023-01-01"^^xsd:date .
<https://ex.org/full/pdf> a dcat:Distribution ;
  dcat:accessURL <https://files.ex.org/a.pdf> ;
  dct:format "PDF" .
<https://ex.org/bare> a dcat:Dataset ;
  dct:title "Bare"@sv ;
  dcat:distribution [ a dcat:Distribution ; dcat:accessURL <http://files.ex.org/b> ] .
`;

const extract = (compliant: boolean, assessed: string[] = []) =>
  extractSummaries({ ntriples: toNTriples(FIXTURE, 'text/turtle'), catalog: 'test', organisation: 'test', now: '2026-01-01T00:00:00Z', compliant, assessed });
/** Every dataset assessed: their quality, by IRI. */
const qualities = (compliant: boolean) => new Map(extract(compliant).map((s) => [s.iri, s.quality!]));
const points = (result: ReturnType<typeof datasetResult>) => Object.fromEntries(result.indicators.map((i) => [i.id, i.points]));
const dims = (result: ReturnType<typeof datasetResult>) => Object.fromEntries(result.dimensions.map((d) => [d.dimension, d.points]));

describe('MQA score', () => {
  it('has the methodology’s 405 points: findability 100, accessibility 100, interoperability 110, reusability 75, contextuality 20', () => {
    expect(MAX_POINTS).to.equal(405);
    expect(DIMENSION_MAX).to.deep.equal({ findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 20 });
    expect(INDICATORS).to.have.length(23);
  });

  it('rates by the MQA bands: 351 excellent, 221 good, 121 sufficient, below that bad', () => {
    expect([405, 351, 350.99, 221, 220, 121, 120.5, 0].map(ratingOf)).to.deep.equal(['excellent', 'excellent', 'good', 'good', 'sufficient', 'sufficient', 'bad', 'bad']);
  });

  it('scores a fully described dataset with one good and one poor distribution as added up by hand (330)', () => {
    const result = datasetResult(qualities(true).get('https://ex.org/full')!);
    // Findability: keyword 30 + theme 30 + spatial 20 + temporal 20 = 100.
    // Accessibility (distribution indicators are the share of the 2 distributions that meet them):
    //   accessURL 50 × 2/2 = 50, downloadURL 20 × 1/2 = 10, downloadURL accessible 30 × 1/2 = 15 → 75.
    // Interoperability: format 20 × 2/2 = 20 (the literal "PDF" is a stated format), media type 10 × 1/2 = 5,
    //   from vocabulary 10 × 1/2 = 5 (the literal is not), non-proprietary 20 × 1/2 = 10 (CSV), machine-readable
    //   20 × 1/2 = 10 (CSV), DCAT-AP compliance 30 → 80.
    // Reusability: licence 20 × 1/2 = 10, licence vocabulary 10 × 1/2 = 5, access rights 10, EU access right 5,
    //   contact point 20, publisher 10 → 60.
    // Contextuality: rights 5 × 1/2 = 2.5, byte size 5 × 1/2 = 2.5, issued (on a distribution) 5, modified 5 → 15.
    // Total 100 + 75 + 80 + 60 + 15 = 330: good.
    expect(dims(result)).to.deep.equal({ findability: 100, accessibility: 75, interoperability: 80, reusability: 60, contextuality: 15 });
    expect(points(result)).to.include({ downloadUrl: 10, mediaType: 5, formatFromVocabulary: 5, nonProprietary: 10, rights: 2.5, dateOfIssue: 5 });
    expect(result.score).to.equal(330);
    expect(result.rating).to.equal('good');
    expect(result.indicators.filter((i) => !i.networkChecked).map((i) => i.id)).to.deep.equal(['accessUrlAccessibility', 'downloadUrlAccessibility']);
  });

  it('scores a bare dataset 80: an http accessURL 50 and DCAT-AP compliance 30; 50 when the catalog is not DCAT-AP', () => {
    expect(datasetResult(qualities(true).get('https://ex.org/bare')!).score).to.equal(50 + 30);
    expect(datasetResult(qualities(false).get('https://ex.org/bare')!).score).to.equal(50);
    expect(datasetResult(qualities(false).get('https://ex.org/full')!).score).to.equal(300);
  });

  it('scores a catalog as the mean of its datasets, with the ratings counted', () => {
    const result = catalogResult('test', [...qualities(true).values()]);
    // (330 + 80) / 2 = 205: sufficient; one dataset good, one bad.
    expect(result.score).to.equal(205);
    expect(result.rating).to.equal('sufficient');
    expect(result.datasetCount).to.equal(2);
    expect(result.ratings.map((r) => [r.rating, r.datasets])).to.deep.equal([['excellent', 0], ['good', 1], ['sufficient', 0], ['bad', 1]]);
    // Findability (100 + 0) / 2 = 50; accessibility (75 + 50) / 2 = 62.5.
    expect(result.dimensions.find((d) => d.dimension === 'findability')!.points).to.equal(50);
    expect(result.dimensions.find((d) => d.dimension === 'accessibility')!.points).to.equal(62.5);
  });

  it('assesses only datasets whose description changed: a hash the index already holds is not assessed again', () => {
    const full = extract(true).find((s) => s.iri === 'https://ex.org/full')!;
    const again = extract(true, [full.hash]);
    expect(again.find((s) => s.iri === 'https://ex.org/full')!.quality).to.equal(undefined);
    expect(again.find((s) => s.iri === 'https://ex.org/bare')!.quality?.score).to.equal(80);
  });

  it('keeps an unchanged dataset’s quality in the index, and takes a new one when only the compliance changed', () => {
    const index = new DatasetIndex({ get: () => undefined });
    index.replaceCatalog('test', 'test', extract(true));
    const hashes = index.summariesOf('test').map((s) => s.hash);
    expect(index.replaceCatalog('test', 'test', extract(true, hashes))).to.equal(false);
    expect(index.summariesOf('test').map((s) => s.quality.score)).to.deep.equal([80, 330]);
    const changed = index.summariesOf('test')[0]!.changed;
    // The catalog's profile no longer DCAT-AP: same descriptions, 30 points less each, `changed` kept.
    expect(index.replaceCatalog('test', 'test', extract(false))).to.equal(true);
    expect(index.summariesOf('test').map((s) => s.quality.score)).to.deep.equal([50, 300]);
    expect(index.summariesOf('test')[0]!.changed).to.equal(changed);
  });

  it('defines every metric it writes in ontologies/quality-mqa.ttl', () => {
    const ttl = fs.readFileSync(new URL('../../../ontologies/quality-mqa.ttl', import.meta.url), 'utf8');
    const defined = new Set(
      new Parser({ format: 'text/turtle' })
        .parse(ttl)
        .filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === 'http://www.w3.org/ns/dqv#Metric')
        .map((q) => q.subject.value),
    );
    expect(METRICS.filter((m) => !defined.has(m))).to.deep.equal([]);
  });
});
