import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { admin, startTestServer, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';
import { describeViolations, launchChromium, seriousAxeViolations } from '../support/browser.js';
import { FIXTURES } from '../validation/support.js';

/** Where the pages' screenshots go when SCREENSHOTS names a directory (for a person to look at). */
const SHOTS = process.env.SCREENSHOTS;

describe("the region's administration pages in headless Chromium", function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async function () {
    browser = await launchChromium(this);
    server = await startTestServer();
    const res = await put(`${server.url}/catalogs/goteborg?profile=dcat-ap-3`, fs.readFileSync(path.join(FIXTURES, 'valid-minimal.ttl'), 'utf8'));
    expect(res.status, await res.text()).to.equal(201);
    const tier = await fetch(`${server.url}/organisations/goteborg/tier`, { method: 'PUT', headers: { 'Content-Type': 'application/json', ...admin }, body: JSON.stringify({ tier: 'AVANCERAD', validFrom: '2025-02-01' }) });
    expect(tier.status).to.equal(200);
    // A region administrator's browser: today the admin token, later a session.
    context = await browser.newContext({ extraHTTPHeaders: admin });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('the overview lists every organisation, and its form sets a tier that the page then shows', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/admin?lang=en`);
    expect(await page.title()).to.equal("The region's overview – Dataportal Väst");
    expect(await page.locator('table.admin-table tbody tr').count()).to.equal(50);
    const goteborg = page.locator('#org-goteborg');
    expect(await goteborg.locator('td').nth(0).innerText()).to.equal('AVANCERAD');
    expect(await goteborg.locator('td').nth(2).innerText()).to.equal('2025-02-01');
    expect(await goteborg.locator('a[href^="/catalogs/goteborg"]').innerText()).to.equal('goteborg');
    expect(await page.locator('#org-ale td').nth(0).innerText()).to.equal('Not joined');
    expect(await page.locator('#org-ale td').nth(6).innerText()).to.equal('Not known');
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'admin-overview.png'), fullPage: true });

    await page.selectOption('#t-organisation', 'ale');
    await page.selectOption('#t-tier', 'ENKEL');
    await Promise.all([page.waitForURL(/changed=ale/), page.click('form.admin-form button[type="submit"]')]);
    expect(page.url()).to.match(/\/admin\?changed=ale&lang=en#org-ale$/);
    expect(await page.locator('p[role="status"]').innerText()).to.equal('The tier of Ale kommun has been changed.');
    // The form's default day is today, so the tier is in force at once and the start fee shows in this year's fees.
    expect(await page.locator('#org-ale td').nth(0).innerText()).to.equal('ENKEL');
    const fees = (await (await fetch(`${server.url}/admin/fees.json`, { headers: admin })).json()) as { organisations: { id: string; total: number; startFee: number }[] };
    const ale = fees.organisations.find((o) => o.id === 'ale')!;
    expect(ale.startFee).to.equal(2600);
    expect(await page.locator('#org-ale td').nth(3).innerText()).to.equal(ale.total.toLocaleString('en-GB', { minimumFractionDigits: 2 }));
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'admin-overview-changed.png'), fullPage: true });
  });

  it('the fees page shows the year with totals, picks another year, and links the CSV and JSON', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/fees?year=2025&lang=sv`);
    expect(await page.locator('h1').innerText()).to.equal('Avgifter 2025');
    const goteborg = page.locator('tbody tr', { hasText: 'Göteborgs Stad' });
    // Joined 1 February 2025 on AVANCERAD: start fee and 11 months of 6,200.
    expect((await goteborg.locator('td').last().innerText()).replace(/\s/g, ' ')).to.equal('70 800,00');
    expect((await page.locator('tfoot td').last().innerText()).replace(/\s/g, ' ')).to.equal('70 800,00');
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'admin-fees.png'), fullPage: true });

    await page.fill('#f-year', '2026');
    await Promise.all([page.waitForURL(/year=2026/), page.click('form.admin-form button[type="submit"]')]);
    expect(await page.locator('h1').innerText()).to.equal('Avgifter 2026');
    expect((await page.locator('tbody tr', { hasText: 'Göteborgs Stad' }).locator('td').last().innerText()).replace(/\s/g, ' ')).to.equal('74 400,00');
    const csv = await page.locator('a[type="text/csv"]').getAttribute('href');
    expect(csv).to.equal('/admin/fees.csv?year=2026');
  });

  it('a browser without a region administrator gets the error page, not the figures', async () => {
    const anonymous = await browser.newContext();
    const page = await anonymous.newPage();
    const res = await page.goto(`${server.url}/admin/fees?year=2025`);
    expect(res!.status()).to.equal(401);
    expect(await page.content()).not.to.contain('70 800');
    await anonymous.close();
  });
});
