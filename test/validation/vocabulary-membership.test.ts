/**
 * Exact membership in the controlled vocabularies, through the real server: POST /validate?profile=dcat-ap-3 with
 * test/fixtures/catalogs/invalid-vocabulary-values.ttl. A value in a list's namespace but not in the list is reported
 * with the severity of that property's rule, and the report carries the nearest valid value when one is obvious,
 * in JSON (`suggestion`) and in the W3C report (`dpvr:suggestedValue`).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import request from 'supertest';
import { startTestServer, type TestServer } from '../support/server.js';
import { DPV, FIXTURES, SH } from './support.js';

const FIXTURE = fs.readFileSync(path.join(FIXTURES, 'invalid-vocabulary-values.ttl'), 'utf8');
const BADPLATSER = 'http://localhost:3030/catalogs/goteborg/datasets/badplatser';
const EU = 'http://publications.europa.eu/resource/authority/';
const SUGGESTED = 'urn:dataportal-vast:report:suggestedValue';

interface Result {
  severity: string;
  focusNode: string;
  path: string | null;
  value: string | null;
  shape: string | null;
  component?: string;
  message: string;
  messageSv?: string;
  suggestion?: { value: string; label: string; labelSv: string };
}

describe('controlled vocabularies: exact membership and nearest valid value (POST /validate)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let results: Result[];

  before(async () => {
    server = await startTestServer();
    const res = await request(server.url).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(FIXTURE).expect(200);
    expect(res.body.conforms).to.equal(false);
    results = (res.body as { results: Result[] }).results.filter((r) => r.shape?.endsWith('-vocabulary'));
  });
  after(async () => {
    await server?.stop();
  });

  const row = (r: Result) => [r.severity, r.focusNode.startsWith(BADPLATSER) ? r.focusNode.slice(BADPLATSER.length) : r.focusNode, r.shape!.slice(DPV.length), r.value, r.component!.slice(SH.length), r.suggestion?.value ?? null];

  it('reports every value outside its list, with the severity of the property\'s rule and a suggestion where obvious', () => {
    expect(results.map(row)).to.have.deep.members([
      ['Violation', '', 'Dataset-dcatap_hvdCategory-vocabulary', 'http://data.europa.eu/bna/c_00000000', 'InConstraintComponent', null],
      ['Violation', '', 'Dataset-dct_accrualPeriodicity-vocabulary', `${EU}frequency/ANNUALLY`, 'InConstraintComponent', null],
      ['Violation', '', 'Dataset-dct_language-vocabulary', 'sv', 'InConstraintComponent', `${EU}language/SWE`],
      ['Violation', '/csv', 'Distribution-dct_format-vocabulary', 'CSV', 'InConstraintComponent', `${EU}file-type/CSV`],
      ['Violation', '/parquet', 'Distribution-dct_format-vocabulary', `${EU}file-type/PARQUETX`, 'InConstraintComponent', null],
      ['Warning', 'http://dataportal.se/organisation/SE2120001355', 'Agent-dct_type-vocabulary', 'http://purl.org/adms/publishertype/Municipality', 'InConstraintComponent', null],
      ['Warning', '', 'Dataset-dcat_theme-vocabulary', 'https://publications.europa.eu/resource/authority/data-theme/tran', 'OrConstraintComponent', `${EU}data-theme/TRAN`],
      ['Warning', '/csv', 'Distribution-dct_license-vocabulary', `${EU}licence/CC_BY_5_0`, 'OrConstraintComponent', null],
    ]);
    for (const r of results) {
      expect(r.message, r.shape!).to.be.a('string').and.not.equal('');
      expect(r.messageSv, r.shape!).to.be.a('string').and.not.equal('');
    }
  });

  it('leaves themes and licences from other schemes alone', () => {
    expect(results.filter((r) => r.value === 'http://example.org/themes/water' || r.value === 'http://creativecommons.org/licenses/by/4.0/')).to.deep.equal([]);
  });

  it('suggests on the node-kind result of a literal too, with labels in both languages', async () => {
    const res = await request(server.url).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(FIXTURE).expect(200);
    const nodeKind = (res.body as { results: Result[] }).results.find((r) => r.shape === `${DPV}Distribution-dct_format-value`);
    expect(nodeKind?.suggestion).to.deep.equal({ value: `${EU}file-type/CSV`, label: 'CSV', labelSv: 'CSV' });
    const language = results.find((r) => r.path === 'http://purl.org/dc/terms/language');
    expect(language?.suggestion).to.deep.equal({ value: `${EU}language/SWE`, label: 'Swedish', labelSv: 'svenska' });
  });

  it('the W3C report (Turtle) names the suggestion with dpvr:suggestedValue and its labels', async () => {
    const res = await request(server.url)
      .post('/validate?profile=dcat-ap-3')
      .set('Content-Type', 'text/turtle')
      .set('Accept', 'text/turtle')
      .send(FIXTURE)
      .expect(200)
      .expect('Content-Type', /^text\/turtle/);
    const store = new N3.Store(new N3.Parser().parse(res.text));
    const formatResult = store
      .getSubjects(`${SH}sourceShape`, `${DPV}Distribution-dct_format-vocabulary`, null)
      .find((node) => store.getObjects(node, `${SH}value`, null).some((v) => v.value === 'CSV'));
    expect(formatResult, res.text).to.not.equal(undefined);
    expect(store.getObjects(formatResult!, SUGGESTED, null).map((o) => o.value)).to.deep.equal([`${EU}file-type/CSV`]);
    expect(store.getObjects(`${EU}language/SWE`, 'http://www.w3.org/2004/02/skos/core#prefLabel', null).map((o) => (o as N3.Literal).language + ':' + o.value).sort()).to.deep.equal(['en:Swedish', 'sv:svenska']);
    // No suggestion where none is obvious.
    const hvd = store.getSubjects(`${SH}sourceShape`, `${DPV}Dataset-dcatap_hvdCategory-vocabulary`, null);
    expect(hvd).to.have.length(1);
    expect(store.getObjects(hvd[0]!, SUGGESTED, null)).to.deep.equal([]);
  });

  it('the document with the suggestions applied has no vocabulary results for those values', async () => {
    const fixed = FIXTURE.replace('<https://publications.europa.eu/resource/authority/data-theme/tran>', `<${EU}data-theme/TRAN>`)
      .replace('dct:language "sv"', `dct:language <${EU}language/SWE>`)
      .replace('dct:format "CSV"', `dct:format <${EU}file-type/CSV>`);
    const res = await request(server.url).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(fixed).expect(200);
    const left = (res.body as { results: Result[] }).results.filter((r) => r.shape?.endsWith('-vocabulary') || r.shape?.endsWith('-value'));
    expect(left.map((r) => r.shape!.slice(DPV.length)).sort()).to.deep.equal([
      'Agent-dct_type-vocabulary',
      'Dataset-dcatap_hvdCategory-vocabulary',
      'Dataset-dct_accrualPeriodicity-vocabulary',
      'Distribution-dct_format-vocabulary',
      'Distribution-dct_license-vocabulary',
    ]);
  });
});
