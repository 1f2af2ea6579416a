/** Which group a result lands in, and the names and hints a grouped report shows, on a hand-made catalogue. */
import { expect } from 'chai';
import { groupReport, readableName, curie, shownPath } from '../../src/validation/report-groups.js';
import { reportSubjects } from '../../src/validation/report-subjects.js';
import { shapeNotes } from '../../src/validation/shape-notes.js';
import { makeReport, type ValidationResult } from '../../src/validation/report.js';
import { DPV } from './support.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const E = 'https://example.org/';

const NT = [
  `<${E}cat> ${TYPE} <${DCAT}Catalog> .`,
  `<${E}cat> <${DCT}title> "Katalogen"@sv .`,
  `<${E}a> ${TYPE} <${DCAT}Dataset> .`,
  `<${E}a> <${DCT}title> "Badplatser"@sv .`,
  `<${E}a> <${DCT}title> "Bathing sites"@en .`,
  `<${E}a> <${DCAT}contactPoint> <${E}contact> .`,
  `<${E}a> <${DCAT}distribution> <${E}shared> .`,
  `<${E}b> ${TYPE} <${DCAT}DatasetSeries> .`,
  `<${E}b> <${DCT}title> "Aa \\"serie\\""@sv .`,
  `<${E}b> <${DCAT}distribution> <${E}shared> .`,
  '',
].join('\n');

const result = (focusNode: string, extra: Partial<ValidationResult> = {}): ValidationResult => ({
  severity: 'Warning',
  focusNode,
  path: `${DCT}title`,
  value: null,
  message: 'English',
  messageSv: 'Svenska',
  shape: `${DPV}Dataset-dct_title`,
  component: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent',
  ...extra,
});

describe('grouped reports', () => {
  const report = makeReport([
    result(`${E}contact`, { path: `${DCAT}contactPoint`, shape: null }),
    result(`${E}shared`),
    result(`${E}agent`),
    result(`${E}b`, { severity: 'Violation' }),
    result('_:x1', { dataset: `${E}a` }),
    result(`${E}a`, { path: `${DCT}format`, shape: `${DPV}Distribution-dct_format-vocabulary`, component: 'http://www.w3.org/ns/shacl#PatternConstraintComponent', value: 'CSV' }), // the nearest value is worked out from path and value
  ]);
  const subjects = reportSubjects(NT);
  const grouped = (lang: 'sv' | 'en') => groupReport(report, { lang, profile: 'dcat-ap-3', subjects, notes: shapeNotes('dcat-ap-3') });

  it('puts results under their dataset: partition owner, the dataset itself, its one contact point; shared nodes under the catalogue', () => {
    const sv = grouped('sv');
    expect(sv.datasets.map((g) => [g.kind, g.iri, g.title?.text, g.results.map((r) => r.focusNode)])).to.deep.equal([
      ['catalog', `${E}cat`, 'Katalogen', [`${E}shared`, `${E}agent`]],
      ['series', `${E}b`, 'Aa "serie"', [`${E}b`]],
      ['dataset', `${E}a`, 'Badplatser', [`${E}contact`, '_:x1', `${E}a`]],
    ]);
    expect(sv.counts).to.deep.equal({ violations: 1, warnings: 5, infos: 0 });
    expect(grouped('en').datasets[2]!.title).to.deep.equal({ text: 'Bathing sites' });
  });

  it('names properties from sh:name, else readably; messages and hints in the language; a suggestion in the hint', () => {
    const [contact, , withSuggestion] = grouped('sv').datasets[2]!.results;
    expect(contact!.property).to.deep.equal({ iri: `${DCAT}contactPoint`, label: 'contact point' });
    expect(contact!.message).to.deep.equal({ text: 'Svenska' });
    expect(grouped('en').datasets[2]!.results[0]!.message).to.deep.equal({ text: 'English' });
    expect(withSuggestion!.fix).to.equal('Byt ”CSV” mot ett värde ur den kontrollerade vokabulären för format (dct:format). Närmaste giltiga värde: CSV (http://publications.europa.eu/resource/authority/file-type/CSV).');
    expect(grouped('en').datasets[1]!.results[0]!.fix).to.equal('Add title (dct:title).');
    expect(readableName(`${DCAT}spatialResolutionInMeters`)).to.equal('spatial resolution in meters');
    expect(readableName(`${DCAT}accessURL`)).to.equal('access URL');
    expect(curie(`^<${DCAT}inSeries>`)).to.equal('^dcat:inSeries');
    expect(curie('urn:x:y')).to.equal('<urn:x:y>');
    // An alternative path (DCAT-AP-SE accepts org:classification under both namespace spellings) shows its first one.
    expect(shownPath('(<http://www.w3.org/ns/org#classification>|<https://www.w3.org/ns/org#classification>)')).to.equal('org:classification');
    expect(shownPath(`^<${DCAT}inSeries>`)).to.equal('^dcat:inSeries');
  });
});
