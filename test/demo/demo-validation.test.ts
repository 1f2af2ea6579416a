import { expect } from 'chai';
import { generateRegion } from '../../src/demo/region-generator.js';
import { startTestServer, type TestServer } from '../support/server.js';

interface Report {
  conforms: boolean;
  results: { severity: string; path: string | null; message: string; focusNode: string; shape: string }[];
}

describe('demo region against the SHACL gate', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server.kill());

  it('every generated catalog conforms to dcat-ap-3 (POST /validate), with no warnings', async () => {
    // The server mints IRIs from http://localhost:{port}; generate for that base, as the demo launcher does.
    const baseUrl = `http://localhost:${new URL(server.url).port}`;
    const region = generateRegion({ baseUrl, datasets: 400 });
    const failures: string[] = [];
    let warnings = 0;
    for (const catalog of region.catalogs) {
      const res = await fetch(`${server.url}/validate?profile=dcat-ap-3&catalog=${catalog.id}`, {
        method: 'POST',
        headers: { 'Content-Type': catalog.mediaType, Accept: 'application/json' },
        body: catalog.text,
      });
      expect(res.status, await res.clone().text()).to.equal(200);
      const report = (await res.json()) as Report;
      if (!report.conforms) failures.push(`${catalog.id}: ${report.results.filter((r) => r.severity === 'Violation').map((r) => `${r.focusNode} ${r.path}: ${r.message}`).join('\n  ')}`);
      warnings += report.results.filter((r) => r.severity === 'Warning').length;
      if (warnings > 0 && failures.length === 0 && report.results.length > 0) failures.push(`${catalog.id} warns: ${report.results.map((r) => `${r.path}: ${r.message}`).join('\n  ')}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(warnings).to.equal(0);
  });

  it('every generated catalog conforms to dcat-ap-se, the default profile of new catalogs, warned only where the demo is sparing on purpose', async () => {
    const baseUrl = `http://localhost:${new URL(server.url).port}`;
    const region = generateRegion({ baseUrl, datasets: 400 });
    // Per dataset, a telephone number, a postal address and a national specification would add triples to every
    // dataset of the benchmarks; a municipality is not fee-financed, so it has no org:classification to give.
    const expectedWarnings = new Set(['ContactPoint-vcard_hasTelephone-recommended', 'ContactPoint-vcard_hasAddress-recommended', 'Dataset-dct_conformsTo-recommended', 'Agent-org_classification-recommended'].map((s) => `urn:dataportal-vast:shapes:dcat-ap-se:${s}`));
    for (const catalog of region.catalogs) {
      const res = await fetch(`${server.url}/validate?profile=dcat-ap-se`, { method: 'POST', headers: { 'Content-Type': catalog.mediaType, Accept: 'application/json' }, body: catalog.text });
      const report = (await res.json()) as Report;
      expect(report.results.filter((r) => r.severity === 'Violation'), catalog.id).to.deep.equal([]);
      // An organisation whose number data/organisations.csv does not give yet has no dataportal.se IRI and no dct:identifier.
      const unnumbered = catalog.organisation.organisationNumber ? [] : ['Publisher-dataportal_iri', 'Agent-dct_identifier-recommended'].map((s) => `urn:dataportal-vast:shapes:dcat-ap-se:${s}`);
      expect(report.results.filter((r) => !expectedWarnings.has(r.shape) && !unnumbered.includes(r.shape)), catalog.id).to.deep.equal([]);
    }
  });

  it('the N-Triples form conforms too', async () => {
    const baseUrl = `http://localhost:${new URL(server.url).port}`;
    const region = generateRegion({ baseUrl, datasets: 60, syntax: 'ntriples' });
    for (const catalog of region.catalogs.slice(0, 8)) {
      const res = await fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', headers: { 'Content-Type': catalog.mediaType }, body: catalog.text });
      const report = (await res.json()) as Report;
      expect(report.conforms, `${catalog.id}: ${JSON.stringify(report.results.slice(0, 3))}`).to.equal(true);
    }
  });
});
