import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { startTestServer, admin, type TestServer } from '../support/server.js';

interface FeesJson {
  year: number;
  currency: string;
  organisations: { id: string; name: string; joined: string | null; band: string | null; tierAtYearEnd: string | null; startFee: number; licence: number | null; total: number | null; months: { month: string; licence: number }[] }[];
  totals: { startFee: number; licence: number; total: number };
  unpriced: string[];
}

interface TierJson {
  organisation: string;
  tier: string | null;
  since: string | null;
  joined: string | null;
  history: { tier: string; validFrom: string; setBy: string; setAt: string }[];
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The fees of 2026 these tests set up: Hjo (9,322) joins ENKEL on 20 January; Borås (115,238) the worked example. */
const HJO_2026 = 2600 + 193.55 + 11 * 500;
const BORAS_2026 = 2600 + 6 * 1900 + 4050 + 3 * 6200;

describe('tiers and fees over HTTP', function () {
  this.timeout(120_000);
  let server: TestServer;
  let publisher: Record<string, string>;

  const putTier = (organisation: string, body: unknown, headers: Record<string, string> = admin, type = 'application/json') =>
    fetch(`${server.url}/organisations/${organisation}/tier`, { method: 'PUT', headers: { 'Content-Type': type, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const postForm = (fields: Record<string, string>, headers: Record<string, string> = admin) =>
    fetch(`${server.url}/admin/tier`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields) });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  before(async () => {
    server = await startTestServer();
    const issued = await fetch(`${server.url}/admin/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...admin }, body: JSON.stringify({ organisation: 'boras' }) });
    publisher = bearer(((await issued.json()) as { token: string }).token);
    for (const [organisation, tier, validFrom] of [
      ['hjo', 'ENKEL', '2026-01-20'],
      ['boras', 'ENKEL', '2026-03-01'],
      ['boras', 'AVANCERAD', '2026-09-16'],
    ] as const) {
      const res = await putTier(organisation, { tier, validFrom });
      expect(res.status, await res.clone().text()).to.equal(200);
    }
  });
  after(async () => {
    await server.kill();
  });

  describe('access', () => {
    const reads = ['/admin/fees?year=2026', '/admin/fees.csv?year=2026', '/admin/fees.json', '/admin/fees.html', '/admin', '/admin.json'];

    it('answers 401 without a caller, 403 to an organisation token, 200 to a region administrator', async () => {
      for (const path of reads) {
        expect((await get(path)).status, path).to.equal(401);
        const refused = await get(path, publisher);
        expect(refused.status, path).to.equal(403);
        expect(((await refused.json()) as { detail: string }).detail).to.match(/admin token/);
        expect((await get(path, admin)).status, path).to.equal(200);
      }
    });

    it('lets only region administrators set tiers, by API and by form, and changes nothing otherwise', async () => {
      expect((await putTier('ale', { tier: 'ENKEL', validFrom: '2026-01-01' }, {})).status).to.equal(401);
      expect((await putTier('boras', { tier: 'AVANCERAD', validFrom: '2026-01-01' }, publisher)).status).to.equal(403);
      expect((await postForm({ organisation: 'ale', tier: 'ENKEL', validFrom: '2026-01-01' }, {})).status).to.equal(401);
      expect((await postForm({ organisation: 'boras', tier: 'AVANCERAD', validFrom: '2026-01-01' }, publisher)).status).to.equal(403);
      const ale = (await (await get('/organisations/ale/tier', admin)).json()) as TierJson;
      expect(ale.history).to.deep.equal([]);
      const boras = (await (await get('/organisations/boras/tier', admin)).json()) as TierJson;
      expect(boras.history.map((c) => c.validFrom)).to.deep.equal(['2026-03-01', '2026-09-16']);
    });

    it("shows an organisation's tier to its members and region administrators, nobody else", async () => {
      expect((await get('/organisations/boras/tier')).status).to.equal(401);
      expect((await get('/organisations/hjo/tier', publisher)).status).to.equal(403);
      const own = await get('/organisations/boras/tier', publisher);
      expect(own.status).to.equal(200);
      expect(((await own.json()) as TierJson).joined).to.equal('2026-03-01');
    });
  });

  describe('fees of a year', () => {
    it('as JSON: start fee, licence prorated by days, totals per organisation and for the region', async () => {
      for (const headers of [{ ...admin, Accept: 'application/json' }, admin]) {
        const res = await get('/admin/fees?year=2026', headers);
        expect(res.headers.get('content-type')).to.match(/^application\/json/);
        expect(res.headers.get('vary')).to.match(/Accept/);
        expect(res.headers.get('cache-control')).to.equal('no-store');
        const body = (await res.json()) as FeesJson;
        expect(body).to.include({ year: 2026, currency: 'SEK' });
        expect(body.organisations).to.have.length(50);
        const boras = body.organisations.find((o) => o.id === 'boras')!;
        expect(boras).to.include({ joined: '2026-03-01', band: 'over-25000', tierAtYearEnd: 'AVANCERAD', startFee: 2600, licence: 34050, total: BORAS_2026 });
        expect(boras.months[8]).to.include({ month: '2026-09', licence: 4050 });
        const hjo = body.organisations.find((o) => o.id === 'hjo')!;
        expect(hjo).to.include({ band: 'under-10000', total: HJO_2026 });
        expect(hjo.months[0]!.licence).to.equal(193.55);
        const ale = body.organisations.find((o) => o.id === 'ale')!;
        expect(ale).to.include({ joined: null, startFee: 0, licence: 0, total: 0 });
        expect(body.totals).to.deep.equal({ startFee: 5200, licence: Math.round((HJO_2026 + BORAS_2026 - 5200) * 100) / 100, total: HJO_2026 + BORAS_2026 });
        expect(body.unpriced).to.deep.equal([]);
      }
      const next = (await (await get('/admin/fees.json?year=2027', admin)).json()) as FeesJson;
      expect(next.totals).to.deep.equal({ startFee: 0, licence: 12 * 500 + 12 * 6200, total: 12 * 500 + 12 * 6200 });
    });

    it('as CSV by Accept and by suffix: one row per organisation and a total row that a CSV reader sums to', async () => {
      for (const [path, headers] of [
        ['/admin/fees?year=2026', { ...admin, Accept: 'text/csv' }],
        ['/admin/fees.csv?year=2026', admin],
      ] as const) {
        const res = await get(path, headers);
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
        expect(res.headers.get('content-disposition')).to.equal('attachment; filename="fees-2026.csv"');
        const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
        expect(rows).to.have.length(51);
        const boras = rows.find((r) => r.organisation === 'boras')!;
        expect(boras).to.include({ name: 'Borås Stad', joined: '2026-03-01', population: '115238', band: 'over-25000', tier_at_year_end: 'AVANCERAD', start_fee_sek: '2600.00', licence_09_sek: '4050.00', licence_sek: '34050.00', total_sek: '36650.00' });
        const total = rows[rows.length - 1]!;
        expect(total).to.include({ organisation: '', name: 'Total', total_sek: (HJO_2026 + BORAS_2026).toFixed(2) });
        const sum = rows.slice(0, -1).reduce((s, r) => s + Math.round(Number(r.total_sek) * 100), 0);
        expect(sum / 100).to.equal(Number(total.total_sek));
      }
    });

    it('as a page by Accept and by suffix, in Swedish and English', async () => {
      const sv = await get('/admin/fees?year=2026', { ...admin, Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
      expect(sv.headers.get('content-type')).to.match(/^text\/html/);
      const page = await sv.text();
      expect(page).to.contain('<h1>Avgifter 2026</h1>');
      expect(page.replace(/\u00a0/g, ' ')).to.contain('36 650,00');
      const en = await (await get('/admin/fees.html?year=2026&lang=en', admin)).text();
      expect(en).to.contain('<h1>Fees 2026</h1>').and.contain('36,650.00').and.contain((HJO_2026 + BORAS_2026).toLocaleString('en-GB', { minimumFractionDigits: 2 }));
    });

    it('refuses a year that is not one, an RDF suffix and an Accept it cannot serve', async () => {
      for (const year of ['abc', '1999', '2100', '20260', '']) {
        const res = await get(`/admin/fees?year=${year}`, admin);
        expect(res.status, year).to.equal(400);
        expect(await res.json()).to.deep.include({ parameter: 'year' });
      }
      expect((await get('/admin/fees.ttl?year=2026', admin)).status).to.equal(404);
      expect((await get('/admin/fees?year=2026', { ...admin, Accept: 'text/turtle' })).status).to.equal(406);
    });
  });

  describe('setting tiers', () => {
    it('PUT answers the tier, since when, the day it joined and the whole history', async () => {
      const first = await putTier('lerum', { tier: 'AVANCERAD', validFrom: '2032-05-01' });
      expect(first.status).to.equal(200);
      expect(await first.json()).to.deep.include({ organisation: 'lerum', joined: '2032-05-01' });
      const second = (await (await putTier('lerum', { tier: 'ENKEL', validFrom: '2033-01-01' })).json()) as TierJson;
      expect(second.history.map((c) => [c.tier, c.validFrom, c.setBy])).to.deep.equal([
        ['AVANCERAD', '2032-05-01', 'admin token'],
        ['ENKEL', '2033-01-01', 'admin token'],
      ]);
      expect(second.history[0]!.setAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
      // Not in force yet today: no tier, but joined is known.
      expect(second).to.include({ tier: null, since: null, joined: '2032-05-01' });
      const fees = (await (await get('/admin/fees.json?year=2032', admin)).json()) as FeesJson;
      expect(fees.organisations.find((o) => o.id === 'lerum')).to.include({ startFee: 2600, licence: 8 * 6200 });
    });

    it('refuses bad input with a problem naming what is wrong, and stores nothing', async () => {
      const cases: [string, unknown, string, number, RegExp][] = [
        ['ale', { tier: 'GULD', validFrom: '2026-01-01' }, 'application/json', 400, /"tier" must be one of ENKEL, AVANCERAD, got "GULD"/],
        ['ale', { tier: 'ENKEL', validFrom: '2026-13-01' }, 'application/json', 400, /not a day of the calendar/],
        ['ale', { tier: 'ENKEL' }, 'application/json', 400, /"validFrom" is required/],
        ['ale', '[1]', 'application/json', 400, /must be a JSON object/],
        ['ale', '{"tier":', 'application/json', 400, /not valid JSON/],
        ['ale', 'tier=ENKEL', 'text/plain', 415, /application\/json/],
        ['atlantis', { tier: 'ENKEL', validFrom: '2026-01-01' }, 'application/json', 404, /no organisation "atlantis"/],
      ];
      for (const [organisation, body, type, status, detail] of cases) {
        const res = await putTier(organisation, body, admin, type);
        expect(res.status, JSON.stringify(body)).to.equal(status);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(((await res.json()) as { detail: string }).detail).to.match(detail);
      }
      expect(((await (await get('/organisations/ale/tier', admin)).json()) as TierJson).history).to.deep.equal([]);
      expect((await fetch(`${server.url}/organisations/ale/tier`, { method: 'DELETE', headers: admin })).status).to.equal(405);
    });

    it('the overview form sets a tier and goes back to the overview, which shows it', async () => {
      const res = await postForm({ organisation: 'tibro', tier: 'AVANCERAD', validFrom: '2031-04-01', lang: 'en' });
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/admin?changed=tibro&lang=en#org-tibro');
      const tibro = (await (await get('/organisations/tibro/tier', admin)).json()) as TierJson;
      expect(tibro.history.map((c) => [c.tier, c.validFrom])).to.deep.equal([['AVANCERAD', '2031-04-01']]);
      const page = await (await get('/admin?changed=tibro&lang=en', { ...admin, Accept: 'text/html' })).text();
      expect(page).to.contain('The tier of Tibro kommun has been changed.');
      const refused = await postForm({ organisation: 'tibro', tier: 'ENKEL', validFrom: 'tomorrow' });
      expect(refused.status).to.equal(400);
      expect((await postForm({ tier: 'ENKEL', validFrom: '2031-01-01' })).status).to.equal(400);
    });
  });

  describe('the region overview', () => {
    it('lists every organisation with its tier, since when, fees this year, catalogs and datasets', async () => {
      const year = new Date().getUTCFullYear();
      const body = (await (await get('/admin.json', admin)).json()) as { year: number; organisations: { id: string; tier: string | null; since: string | null; joined: string | null; fees: { total: number }; catalogs: string[]; datasets: number; coordinator: unknown; usage: unknown }[] };
      expect(body.year).to.equal(year);
      expect(body.organisations).to.have.length(50);
      expect(body.organisations[0]!.id).to.equal('vgr');
      const boras = body.organisations.find((o) => o.id === 'boras')!;
      expect(boras).to.include({ joined: '2026-03-01', coordinator: null, usage: null });
      const fees = (await (await get(`/admin/fees.json?year=${year}`, admin)).json()) as FeesJson;
      expect(boras.fees.total).to.equal(fees.organisations.find((o) => o.id === 'boras')!.total);
    });
  });
});
