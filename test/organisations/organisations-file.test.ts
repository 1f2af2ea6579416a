import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer, admin, type TestServer } from '../support/server.js';

const HEADER = 'id,name,type,municipality_code,organisation_number,population,population_year,web_domain,sub_region';

/** A deployment with its own list of publishers (a national portal; the scale bench's 300 organisations). */
describe('ORGANISATIONS_FILE', function () {
  this.timeout(60_000);
  let server: TestServer;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-orgs-'));
    const file = path.join(dir, 'organisations.csv');
    fs.writeFileSync(file, `${HEADER}\nvgr,Västra Götalandsregionen,region,14,232100-0131,1772821,2024,vgregion.se,\nnorrby,Norrby kommun,kommun,9001,,12000,2024,norrby.example.se,\n`);
    server = await startTestServer({ env: { ORGANISATIONS_FILE: file } });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the organisations of the file instead of the shipped ones', async () => {
    const res = await fetch(`${server.url}/organisations`, { headers: { Accept: 'application/json' } });
    expect(res.status).to.equal(200);
    const list = (await res.json()) as { id: string }[];
    expect(list.map((o) => o.id)).to.deep.equal(['vgr', 'norrby']);
  });

  it('lets an organisation of the file publish, and refuses one that is only in the shipped list', async () => {
    const token = async (organisation: string) =>
      fetch(`${server.url}/admin/tokens`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ organisation }) });
    expect((await token('norrby')).status).to.equal(201);
    const refused = await token('goteborg');
    expect(refused.status).to.be.within(400, 404);
  });
});
