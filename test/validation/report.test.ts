import { expect } from 'chai';
import N3 from 'n3';
import jsonld from 'jsonld';
import { runValidationTask } from '../../src/validation/validate-task.js';
import { makeReport, reportToNTriples, writeReport, REPORT_MEDIA_TYPES, type ValidationReport } from '../../src/validation/report.js';
import { DPV, SH, fixture } from './support.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

function validateInProcess(ntriples: string): ValidationReport {
  const { results } = runValidationTask({ profileId: 'dcat-ap-3', ntriples, chunk: { index: 0, count: 1 } });
  return makeReport(results);
}

/** A series nobody points to: a warning whose path is an inverse path. */
const LONELY_SERIES = `
<http://localhost:3030/catalogs/goteborg> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#Catalog> .
<http://localhost:3030/catalogs/goteborg> <http://purl.org/dc/terms/title> "Katalog"@sv .
<http://localhost:3030/catalogs/goteborg> <http://purl.org/dc/terms/description> "Katalog"@sv .
<http://localhost:3030/catalogs/goteborg/series/s> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#DatasetSeries> .
<http://localhost:3030/catalogs/goteborg/series/s> <http://purl.org/dc/terms/title> "Serie"@sv .
<http://localhost:3030/catalogs/goteborg/series/s> <http://purl.org/dc/terms/description> "Serie"@sv .
`;

function quadsOf(text: string, format: string): N3.Quad[] {
  return new N3.Parser({ format, blankNodePrefix: '' }).parse(text);
}

describe('validation reports', () => {
  let invalid: ValidationReport;
  before(async () => {
    invalid = validateInProcess(await fixture('invalid-bad-datatype.ttl'));
  });

  it('conforms is false iff there is a violation', () => {
    expect(invalid.conforms).to.equal(false);
    expect(makeReport(invalid.results.filter((r) => r.severity !== 'Violation')).conforms).to.equal(true);
    expect(makeReport([]).conforms).to.equal(true);
  });

  it('JSON: the contract fields, terms as plain strings, English and Swedish messages', async () => {
    const json = JSON.parse(await writeReport(invalid, 'application/json')) as { conforms: boolean; results: Record<string, unknown>[] };
    expect(json.conforms).to.equal(false);
    const violation = json.results.find((r) => r.severity === 'Violation')!;
    expect(violation).to.deep.include({
      focusNode: 'http://localhost:3030/catalogs/goteborg/datasets/badplatser',
      path: 'http://purl.org/dc/terms/issued',
      value: 'yesterday',
      shape: `${DPV}Dataset-dct_issued-value`,
      component: `${SH}NodeConstraintComponent`,
      dataset: 'http://localhost:3030/catalogs/goteborg/datasets/badplatser',
    });
    expect(violation.message).to.match(/must be a date/);
    expect(violation.messageSv).to.match(/datum/);
    for (const r of json.results) {
      expect(r).to.have.all.keys(Object.keys(r).filter((k) => ['severity', 'focusNode', 'path', 'value', 'message', 'messageSv', 'shape', 'component', 'dataset'].includes(k)));
      expect(r).to.include.keys('severity', 'focusNode', 'path', 'value', 'message', 'shape');
      expect(r).to.not.have.property('terms');
    }
    // Violations come first.
    expect(json.results[0]!.severity).to.equal('Violation');
  });

  it('Turtle: a W3C sh:ValidationReport with one sh:result per result', async () => {
    const turtle = await writeReport(invalid, 'text/turtle');
    const store = new N3.Store(quadsOf(turtle, 'Turtle'));
    const reports = store.getSubjects(RDF_TYPE, `${SH}ValidationReport`, null);
    expect(reports).to.have.length(1);
    expect(store.getObjects(reports[0]!, `${SH}conforms`, null).map((t) => t.value)).to.deep.equal(['false']);
    const results = store.getObjects(reports[0]!, `${SH}result`, null);
    expect(results).to.have.length(invalid.results.length);
    const violation = results.find((r) => store.getObjects(r, `${SH}resultSeverity`, null)[0]!.value === `${SH}Violation`)!;
    const value = store.getObjects(violation, `${SH}value`, null)[0] as N3.Literal;
    expect(value.termType).to.equal('Literal');
    expect(value.value).to.equal('yesterday');
    expect(store.getObjects(violation, `${SH}focusNode`, null)[0]!.termType).to.equal('NamedNode');
    expect(store.getObjects(violation, `${SH}sourceShape`, null)[0]!.value).to.equal(`${DPV}Dataset-dct_issued-value`);
    expect(store.getObjects(violation, `${SH}sourceConstraintComponent`, null)[0]!.value).to.equal(`${SH}NodeConstraintComponent`);
    const messages = store.getObjects(violation, `${SH}resultMessage`, null) as N3.Literal[];
    expect(messages.map((m) => m.language).sort()).to.deep.equal(['en', 'sv']);
  });

  it('a report with only warnings says sh:conforms true, as the JSON does', async () => {
    const warningsOnly = validateInProcess(await fixture('valid-minimal.ttl'));
    expect(warningsOnly.results.length).to.be.greaterThan(0);
    const store = new N3.Store(quadsOf(reportToNTriples(warningsOnly), 'N-Triples'));
    const report = store.getSubjects(RDF_TYPE, `${SH}ValidationReport`, null)[0]!;
    expect(store.getObjects(report, `${SH}conforms`, null)[0]!.value).to.equal('true');
  });

  it('an inverse path is written as "^<iri>" in JSON and as an sh:inversePath node in RDF', async () => {
    const report = validateInProcess(LONELY_SERIES);
    const members = report.results.find((r) => r.shape === `${DPV}DatasetSeries-inverse_dcat_inSeries-recommended`)!;
    expect(members.path).to.equal('^<http://www.w3.org/ns/dcat#inSeries>');
    const store = new N3.Store(quadsOf(reportToNTriples(makeReport([members])), 'N-Triples'));
    const result = store.getSubjects(RDF_TYPE, `${SH}ValidationResult`, null)[0]!;
    const path = store.getObjects(result, `${SH}resultPath`, null)[0]!;
    expect(path.termType).to.equal('BlankNode');
    expect(store.getObjects(path, `${SH}inversePath`, null)[0]!.value).to.equal('http://www.w3.org/ns/dcat#inSeries');
  });

  it('JSON-LD: the same graph', async () => {
    const document = JSON.parse(await writeReport(invalid, 'application/ld+json'));
    const nquads = (await jsonld.toRDF(document, { format: 'application/n-quads' })) as unknown as string;
    const store = new N3.Store(quadsOf(nquads, 'N-Quads'));
    expect(store.getSubjects(RDF_TYPE, `${SH}ValidationReport`, null)).to.have.length(1);
    expect(store.getSubjects(RDF_TYPE, `${SH}ValidationResult`, null)).to.have.length(invalid.results.length);
  });

  it('every advertised format can be written', async () => {
    for (const type of REPORT_MEDIA_TYPES) expect(await writeReport(invalid, type), type).to.be.a('string').and.not.equal('');
  });

  it('a report read back from JSON (no N-Triples spelling kept) still gives a valid graph', async () => {
    const roundTripped = JSON.parse(await writeReport(invalid, 'application/json')) as ValidationReport;
    const store = new N3.Store(quadsOf(reportToNTriples(roundTripped), 'N-Triples'));
    expect(store.getSubjects(RDF_TYPE, `${SH}ValidationResult`, null)).to.have.length(invalid.results.length);
  });

  it('report blank nodes never take the label of a data blank node', () => {
    const report = makeReport([
      { severity: 'Warning', focusNode: '_:report1', path: null, value: null, message: 'x', shape: null, terms: { focusNode: '_:report1', value: null } },
    ]);
    const store = new N3.Store(quadsOf(reportToNTriples(report), 'N-Triples'));
    const result = store.getSubjects(RDF_TYPE, `${SH}ValidationResult`, null)[0]!;
    expect(result.value).to.not.equal('report1');
    expect(store.getObjects(result, `${SH}focusNode`, null)[0]!.value).to.equal('report1');
  });
});
