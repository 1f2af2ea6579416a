/**
 * Which profile a catalog is validated against: DCAT-AP-SE unless its first write names another (`?profile=`); after
 * that only the administrator moves it. Over HTTP against the real server.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { makeCatalog } from '../support/catalogs.js';

const file = (relative: string) => fs.readFileSync(fileURLToPath(new URL(`../../../test/fixtures/${relative}`, import.meta.url)), 'utf8');
/** Conforms to DCAT-AP 3, not to DCAT-AP-SE: no catalogue licence, no publisher type, no distribution format. */
const DCAT_AP_3_ONLY = file('catalogs/valid-minimal.ttl');
const SWEDISH = file('dcat-ap-se/valid-complete.ttl');

interface Problem {
  status: number;
  detail: string;
  messageSv: string;
  storedProfile: string;
  requestedProfile: string;
}

describe('the profile of a catalog', function () {
  this.timeout(120_000);
  let server: TestServer;
  let gbgToken: string;
  const write = (method: 'PUT' | 'POST', id: string, body: string, auth: Record<string, string>, profile?: string) =>
    fetch(`${server.url}/catalogs/${id}${profile === undefined ? '' : `?profile=${profile}`}`, { method, body, headers: { 'Content-Type': 'text/turtle', ...auth } });
  const profileOf = async (id: string) => {
    const list = (await (await fetch(`${server.url}/catalogs`)).json()) as { id: string; profile: string }[];
    return list.find((c) => c.id === id)?.profile;
  };

  before(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/admin/tokens`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ organisation: 'goteborg', role: 'publisher' }) });
    gbgToken = ((await res.json()) as { token: string }).token;
  });
  after(async () => server.kill());
  const gbg = () => ({ Authorization: `Bearer ${gbgToken}` });

  it('is DCAT-AP-SE for a new catalog without ?profile=: a DCAT-AP 3 catalog missing the Swedish rules is refused', async () => {
    const refused = await write('PUT', 'goteborg-se', DCAT_AP_3_ONLY, gbg());
    expect(refused.status).to.equal(422);
    const report = (await refused.json()) as { results: { severity: string; shape: string }[] };
    const shapes = report.results.filter((r) => r.severity === 'Violation').map((r) => r.shape);
    expect(shapes).to.include('urn:dataportal-vast:shapes:dcat-ap-se:Catalog-dct_license');
    expect(await profileOf('goteborg-se')).to.equal(undefined);

    const created = await write('PUT', 'goteborg-se', SWEDISH, gbg());
    expect(created.status, await created.clone().text()).to.equal(201);
    expect(await profileOf('goteborg-se')).to.equal('dcat-ap-se');
    const validation = (await (await fetch(`${server.url}/catalogs/goteborg-se/validation`)).json()) as { profile: string };
    expect(validation.profile).to.equal('dcat-ap-se');
  });

  it('is the one named on the first write, and stays when later writes name none', async () => {
    const created = await write('PUT', 'goteborg-eu', DCAT_AP_3_ONLY, gbg(), 'dcat-ap-3');
    expect(created.status, await created.clone().text()).to.equal(201);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-3');
    // Validated against the stored profile again: the same DCAT-AP 3 text passes without naming it.
    const again = await write('PUT', 'goteborg-eu', DCAT_AP_3_ONLY.replace('Badplatser"@sv', 'Badplatser i Göteborg"@sv'), gbg());
    expect(again.status, await again.clone().text()).to.equal(204);
    // Naming the profile it already has is no change.
    expect((await write('PUT', 'goteborg-eu', DCAT_AP_3_ONLY, gbg(), 'dcat-ap-3')).status).to.equal(204);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-3');
  });

  it("cannot be changed by the organisation's token: 409 naming both profiles, nothing stored", async () => {
    const before = await (await fetch(`${server.url}/catalogs/goteborg-eu.nt`)).text();
    for (const method of ['PUT', 'POST'] as const) {
      const res = await write(method, 'goteborg-eu', SWEDISH, gbg(), 'dcat-ap-se');
      expect(res.status, method).to.equal(409);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = (await res.json()) as Problem;
      expect(problem.status).to.equal(409);
      expect(problem.detail).to.include('"dcat-ap-3"').and.to.include('"dcat-ap-se"').and.to.include('administrator');
      expect(problem.messageSv).to.include('"dcat-ap-3"').and.to.include('"dcat-ap-se"').and.to.include('administratör');
      expect(problem).to.include({ storedProfile: 'dcat-ap-3', requestedProfile: 'dcat-ap-se' });
    }
    expect(await (await fetch(`${server.url}/catalogs/goteborg-eu.nt`)).text()).to.equal(before);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-3');
  });

  it('is changed by the admin token, and the catalog is validated against the new profile', async () => {
    // The stored text does not conform to DCAT-AP-SE: moving it there with the same text is refused, the profile stays.
    const refused = await write('PUT', 'goteborg-eu', DCAT_AP_3_ONLY, admin, 'dcat-ap-se');
    expect(refused.status).to.equal(422);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-3');
    // With a text that conforms, the catalog moves, and later writes are held to DCAT-AP-SE.
    const moved = await write('PUT', 'goteborg-eu', SWEDISH, admin, 'dcat-ap-se');
    expect(moved.status, await moved.clone().text()).to.equal(204);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-se');
    expect((await write('PUT', 'goteborg-eu', DCAT_AP_3_ONLY, gbg())).status).to.equal(422);
    // An administrator's POST naming another profile validates the catalog as it would result against that profile:
    // the stored Swedish text has dct:format "text/csv", no EU file type, so the move to dcat-ap-3 is refused.
    const addition = `<http://localhost:3030/catalogs/goteborg> <http://www.w3.org/ns/dcat#dataset> <http://localhost:3030/catalogs/goteborg/datasets/ny> .
<http://localhost:3030/catalogs/goteborg/datasets/ny> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Ny"@sv ; <http://purl.org/dc/terms/description> "Ny datamängd."@sv .`;
    const back = await write('POST', 'goteborg-eu', addition, admin, 'dcat-ap-3');
    expect(back.status, await back.clone().text()).to.equal(422);
    const report = (await back.json()) as { results: { shape: string; value: string }[] };
    expect(report.results.some((r) => r.shape.endsWith('dcat-ap-3:Distribution-dct_format-value') && r.value === 'text/csv')).to.equal(true);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-se');
    // A PUT with a DCAT-AP 3 text moves it back.
    expect((await write('PUT', 'goteborg-eu', DCAT_AP_3_ONLY, admin, 'dcat-ap-3')).status).to.equal(204);
    expect(await profileOf('goteborg-eu')).to.equal('dcat-ap-3');
  });

  it('an unknown profile is a 400 naming where the known ones are listed', async () => {
    const res = await write('PUT', 'goteborg-x', makeCatalog({ orgnr: '2120001355', name: 'Göteborgs Stad', catalogIri: 'http://e/x', datasetBase: 'http://e/x/d', datasets: 1 }), admin, 'dcat-ap-9');
    expect(res.status).to.equal(400);
    expect(((await res.json()) as Problem).detail).to.include('dcat-ap-9').and.to.include('/profiles');
  });
});
