import { assert } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { foreignRequests, launchChromium, recordRequests, seriousAxeViolations } from '../support/browser.js';
import { startHostPage, startSearchStandIn, type SearchStandIn, type StandInDataset } from '../support/search-stand-in.js';

const DATASETS: StandInDataset[] = Array.from({ length: 14 }, (_, i) => ({
  iri: `https://goteborg.se/data/${i}`,
  title: i === 3 ? 'Laddstolpar <b>för</b> elbilar' : `Datamängd ${i}`,
  description: i === 3 ? 'Publika laddpunkter i Göteborg.' : `Beskrivning ${i}.`,
  modified: `2025-03-${String(i + 1).padStart(2, '0')}`,
  ...(i === 5 ? { url: 'javascript:alert(1)' } : i === 3 ? { url: 'https://goteborg.se/laddstolpar' } : {}),
}));

/** A host site with styles that would leak into an unprotected widget, and elements the widget's styles would hit. */
const hostPage = (scriptSrc: string, lang: string, extra = '') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Host</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${new URL(scriptSrc).origin}; connect-src ${new URL(scriptSrc).origin}; style-src 'unsafe-inline'">
<style>
  li, p, a, h3 { color: rgb(255, 0, 0) !important; font-size: 40px !important; }
  .box { --dpv-accent: rgb(0, 100, 0); }
</style></head>
<body><main><h1>Kommunens öppna data</h1>
<ul id="host-list"><li>host item</li></ul>
<p class="dpv-status" id="host-status">host status</p>
<div class="box"><script src="${scriptSrc}" data-organisation="goteborg" ${extra} async></script></div>
</main></body></html>`;

describe('/embed.js: the dataset list in a host page', function () {
  let server: TestServer;
  let standIn: SearchStandIn;
  let browser: Browser | undefined;
  const closers: (() => Promise<void>)[] = [];

  before(async function () {
    server = await startTestServer();
    standIn = await startSearchStandIn({ host: '127.0.0.1', realServer: server.url, datasets: DATASETS });
  });
  after(async () => {
    await browser?.close();
    for (const close of closers) await close();
    await standIn?.close();
    await server?.stop();
  });

  it('is served as JavaScript, cacheable, revalidated by ETag, loadable cross-origin', async () => {
    const res = await fetch(`${server.url}/embed.js`);
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.strictEqual(res.headers.get('cache-control'), 'public, max-age=3600');
    assert.strictEqual(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    const body = await res.text();
    assert.notInclude(body, '__DPV_EMBED_CSS__');
    assert.include(body, '--dpv-accent');
    const again = await fetch(`${server.url}/embed.js`, { headers: { 'If-None-Match': res.headers.get('etag')! } });
    assert.strictEqual(again.status, 304);
  });

  describe('in Chromium', function () {
    before(async function () {
      browser = await launchChromium(this);
    });

    async function open(lang: string, extra = ''): Promise<{ page: Page; requests: string[]; globalsBefore: string[] }> {
      // The host lives on another origin (127.0.0.2) than the widget's server, as a municipality's site would.
      const host = await startHostPage('127.0.0.2', hostPage(`${standIn.url}/embed.js`, lang, extra));
      closers.push(host.close);
      const page = await browser!.newPage();
      const requests = recordRequests(page);
      await page.addInitScript(() => {
        (document as unknown as { globalsBefore: string[] }).globalsBefore = Object.keys(window);
      });
      await page.goto(host.url);
      await page.locator('[data-dpv-embed] li').first().waitFor();
      const globalsBefore = await page.evaluate(() => (document as unknown as { globalsBefore: string[] }).globalsBefore);
      return { page, requests, globalsBefore };
    }

    it('renders the list in a shadow root, leaks no global and asks no other host', async () => {
      const { page, requests, globalsBefore } = await open('sv');
      const shadow = await page.evaluate(() => {
        const host = document.querySelector('[data-dpv-embed]')!;
        return { mode: host.shadowRoot?.mode, items: host.shadowRoot!.querySelectorAll('li').length, light: host.children.length };
      });
      assert.deepEqual(shadow, { mode: 'open', items: 10, light: 0 });
      assert.strictEqual(await page.locator('[data-dpv-embed] [role=status]').textContent(), '14 datamängder');
      assert.deepEqual(await page.evaluate(() => Object.keys(window)), globalsBefore);
      assert.deepEqual(foreignRequests(requests, ['127.0.0.1', '127.0.0.2']), []);
      const search = standIn.searches.at(-1)!;
      assert.deepEqual(Object.fromEntries(search), { organisation: 'goteborg', q: '', lang: 'sv', page: '1', pageSize: '10' });
      await page.close();
    });

    it('keeps styles apart both ways, and takes --dpv-accent from the host page', async () => {
      const { page } = await open('sv');
      const inside = await page.locator('[data-dpv-embed] li a').first().evaluate((a) => ({ color: getComputedStyle(a).color, size: getComputedStyle(a).fontSize }));
      assert.notStrictEqual(inside.color, 'rgb(255, 0, 0)');
      assert.notStrictEqual(inside.size, '40px');
      assert.strictEqual(inside.color, 'rgb(0, 100, 0)'); // the host's --dpv-accent
      const button = await page.locator('[data-dpv-embed] button[type=submit]').evaluate((b) => getComputedStyle(b).backgroundColor);
      assert.strictEqual(button, 'rgb(0, 100, 0)');
      const outside = await page.evaluate(() => ({
        listPadding: getComputedStyle(document.getElementById('host-list')!).paddingLeft,
        statusMargin: getComputedStyle(document.getElementById('host-status')!).marginBottom,
      }));
      assert.deepEqual(outside, { listPadding: '40px', statusMargin: '40px' }); // 1em of the host's 40px font; untouched by .dpv rules
      await page.close();
    });

    it('searches and pages through the server it was loaded from, in the host page\'s language', async () => {
      const { page, requests } = await open('en');
      const widget = page.locator('[data-dpv-embed]');
      assert.strictEqual(await widget.locator('[role=status]').textContent(), '14 datasets');
      await widget.getByRole('button', { name: 'Next' }).click();
      await widget.getByText('Page 2 of 2').waitFor();
      assert.strictEqual(await widget.locator('li').count(), 4);
      assert.strictEqual(standIn.searches.at(-1)!.get('page'), '2');

      await widget.getByLabel('Search the datasets').fill('laddstolpar');
      await widget.getByLabel('Search the datasets').press('Enter');
      await widget.getByText('1 dataset matching ”laddstolpar”').waitFor();
      const link = widget.locator('li a');
      assert.strictEqual(await link.getAttribute('href'), 'https://goteborg.se/laddstolpar');
      assert.strictEqual(await link.textContent(), 'Laddstolpar <b>för</b> elbilar (opens in a new window)'); // text, not markup
      assert.deepEqual(Object.fromEntries(standIn.searches.at(-1)!), { organisation: 'goteborg', q: 'laddstolpar', lang: 'en', page: '1', pageSize: '10' });
      await page.screenshot({ path: '/tmp/dpv-embed-script.png', fullPage: true });
      assert.deepEqual(foreignRequests(requests, ['127.0.0.1', '127.0.0.2']), []);
      await page.close();
    });

    it('never makes a catalog\'s javascript: URL a link, and data-lang wins over the page\'s lang', async () => {
      const { page } = await open('en', 'data-lang="sv"');
      const widget = page.locator('[data-dpv-embed]');
      assert.strictEqual(await widget.locator('[role=status]').textContent(), '14 datamängder');
      const hrefs = await widget.locator('li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.isFalse(hrefs.some((href) => href!.startsWith('javascript:')), hrefs.join(' '));
      await page.close();
    });

    it('has no serious or critical accessibility violation (axe-core)', async () => {
      const { page } = await open('sv');
      const violations = await seriousAxeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });
  });
});
