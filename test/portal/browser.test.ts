import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { chooseLanguage } from '../../src/portal/language.js';
import { portalAssets } from '../../src/portal/assets.js';
import { createPortal, type PortalRenderer } from '../../src/portal/render.js';
import { axeViolations, describeViolations, launchChromium } from '../support/browser.js';
import {
  BASE,
  catalogModel,
  datasetModel,
  distributionModel,
  homeModel,
  label,
  organisationModel,
  organisations,
  qualityReport,
  searchModel,
} from './fixtures.js';

/** The pages as the lead's routes will serve them: rendered per request, assets under /assets, a 404 page. */
function app(portal: PortalRenderer) {
  const server = express();
  server.use('/assets', portalAssets());
  const page = (render: (req: express.Request) => string) => (req: express.Request, res: express.Response) => {
    res.type('html').send(render(req));
  };
  const at = (req: express.Request) => ({ lang: chooseLanguage(req), url: req.originalUrl });
  server.get('/', page((req) => portal.renderHome(homeModel(), at(req))));
  server.get('/organisations/goteborg', page((req) => portal.renderOrganisation(organisationModel(), at(req))));
  server.get('/catalogs/goteborg', page((req) => portal.renderCatalog(catalogModel(), at(req))));
  server.get('/dataset', page((req) => portal.renderDataset(datasetModel(), at(req))));
  server.get('/distribution', page((req) => portal.renderDistribution(distributionModel(), at(req))));
  server.get('/search', page((req) => portal.renderSearch(searchModel(), at(req))));
  server.get('/catalogs/goteborg/quality', page((req) => portal.renderQuality(qualityReport(), { sv: 'Göteborgs Stads datakatalog' }, at(req))));
  server.use((req, res) => {
    res.status(404).type('html').send(portal.renderError({ status: 404 }, at(req)));
  });
  return server;
}

const PAGES = [
  ['home', '/'],
  ['organisation', '/organisations/goteborg'],
  ['catalog', '/catalogs/goteborg'],
  ['dataset', '/dataset'],
  ['distribution', '/distribution'],
  ['search', '/search?q=laddstolpe&organisation=goteborg&format=CSV&page=2'],
  ['quality', '/catalogs/goteborg/quality'],
  ['not-found', '/no/such/page'],
] as const;

describe('portal pages in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let server: Server;
  let origin: string;

  before(async function () {
    browser = await launchChromium(this);
    const portal = createPortal({ baseUrl: BASE, label, organisations });
    server = await new Promise<Server>((resolve) => {
      const s = app(portal).listen(0, '127.0.0.1', () => resolve(s));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  for (const lang of ['sv', 'en'] as const) {
    for (const [name, path] of PAGES) {
      it(`${name} (${lang}) has no serious or critical axe violation and loads nothing from another host`, async () => {
        const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
        const page = await context.newPage();
        const requested: string[] = [];
        page.on('request', (request) => requested.push(request.url()));
        const response = await page.goto(`${origin}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, { waitUntil: 'load' });
        expect(response?.status()).to.equal(name === 'not-found' ? 404 : 200);
        expect(await page.getAttribute('html', 'lang')).to.equal(lang);

        const violations = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(violations, describeViolations(violations)).to.deep.equal([]);

        // The stylesheet was applied (a missing /assets route would leave the header unstyled).
        const headerBackground = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
        expect(headerBackground).to.equal('rgb(15, 61, 102)');

        await page.screenshot({ path: `/tmp/portal-${name}-${lang}.png`, fullPage: true });
        await context.close();
        const elsewhere = requested.filter((url) => new URL(url).hostname !== '127.0.0.1');
        expect(elsewhere).to.deep.equal([]);
      });
    }
  }

  it('is narrow-screen friendly: no horizontal scrolling at 360 px', async () => {
    const context = await browser!.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    for (const [name, path] of PAGES) {
      await page.goto(`${origin}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways`).to.be.at.most(0);
      if (name === 'home' || name === 'dataset' || name === 'search') await page.screenshot({ path: `/tmp/portal-${name}-mobile.png`, fullPage: true });
    }
    await context.close();
  });

  it('starts keyboard order with the skip link, which moves focus to main, and shows focus', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/dataset`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).to.equal('skip-link');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).to.equal('solid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('main');
    await page.keyboard.press('Tab');
    // The next stop is the first link inside main, not back in the header.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).to.equal(true);
    await context.close();
  });

  it('searches without JavaScript: the filter form submits as a GET with the ticked values', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/search?q=laddstolpe&organisation=goteborg&format=CSV&page=2`);
    await page.check('input[name="theme"][value="TRAN"]');
    await page.selectOption('select[name="sort"]', 'modified');
    await Promise.all([page.waitForURL(/theme=TRAN/), page.click('.search-layout__filters button[type="submit"]')]);
    const params = new URL(page.url()).searchParams;
    expect(params.getAll('organisation')).to.deep.equal(['goteborg']);
    expect(params.getAll('format')).to.deep.equal(['CSV']);
    expect(params.get('theme')).to.equal('TRAN');
    expect(params.get('sort')).to.equal('modified');
    expect(params.get('q')).to.equal('laddstolpe');
    await context.close();
  });

  it('serves the stylesheet with a year of caching', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    const res = await fetch(`${origin}${href}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/css/);
    expect(res.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect((await fetch(`${origin}/assets/../package.json`)).status).to.equal(404);
  });
});
