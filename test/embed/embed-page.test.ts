import { assert } from 'chai';
import type { Browser } from 'playwright-core';
import { put } from '../support/http.js';
import { makeCatalog } from '../support/catalogs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { foreignRequests, launchChromium, recordRequests, seriousAxeViolations } from '../support/browser.js';
import { startHostPage } from '../support/search-stand-in.js';
import { isCssColour, isFontStack } from '../../src/embed/theme.js';
import { indexReady } from '../support/dataset-index.js';

const HOSTILE_TITLE = `<script>alert("x")</script> & "Badplatser"`;

describe('/embed/{organisation}: the iframe page', function () {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    const catalog = makeCatalog({
      orgnr: '2120001355',
      name: 'Göteborgs Stad',
      catalogIri: `${server.url}/catalogs/goteborg`,
      datasetBase: 'https://goteborg.se/data',
      datasets: 23,
      extra: (i) => (i === 0 ? `dct:title ${JSON.stringify(HOSTILE_TITLE)}@en ; dcat:landingPage <https://goteborg.se/badplatser>` : `dct:modified "2025-02-${String(i).padStart(2, '0')}"^^xsd:date`),
    }).replace('@prefix xsd:', '@prefix dcat2: <http://www.w3.org/ns/dcat#> .\n@prefix xsd:');
    const res = await put(`${server.url}/catalogs/goteborg`, catalog);
    assert.strictEqual(res.status, 201, await res.text());
    // The page lists from the dataset index, which follows the write a moment later.
    await indexReady(server);
  });
  after(async () => {
    await server?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  it('lists the organisation\'s datasets in Swedish by default, newest first, ten to a page', async () => {
    const res = await get('/embed/goteborg');
    assert.strictEqual(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    assert.strictEqual(res.headers.get('content-language'), 'sv');
    const html = await res.text();
    assert.include(html, '<html lang="sv">');
    assert.include(html, 'Datamängder från Göteborgs Stad');
    assert.include(html, '23 datamängder');
    assert.strictEqual(html.match(/<li>/g)?.length, 10);
    assert.isBelow(html.indexOf('Datamängd 22'), html.indexOf('Datamängd 21')); // modified 2025-02-22 before 2025-02-21
    assert.include(html, 'href="?lang=sv&amp;page=2" rel="next"');
  });

  it('answers in English with ?lang=en, preferring English titles', async () => {
    const html = await (await get('/embed/goteborg?lang=en')).text();
    assert.include(html, '<html lang="en">');
    assert.include(html, '23 datasets');
    assert.strictEqual((await get('/embed/goteborg?lang=fi')).status, 400);
  });

  it('escapes catalog text and the search text, and links only to web addresses', async () => {
    const html = await (await get('/embed/goteborg?lang=en&page=3')).text();
    assert.include(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Badplatser&quot;');
    assert.notInclude(html, '<script>');
    // Each title links to the dataset's page on the portal (publishers' own IRIs through /resource).
    assert.include(html, `/resource?iri=${encodeURIComponent('https://goteborg.se/data/dataset-0')}"`);
    const reflected = await (await get(`/embed/goteborg?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)).text();
    assert.notInclude(reflected, '<img');
    assert.include(reflected, 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('searches with the GET form: every word must match, case folded, short words whole', async () => {
    const html = await (await get(`/embed/goteborg?q=${encodeURIComponent('DATAMÄNGD 7')}`)).text();
    assert.include(html, '1 datamängd som matchar ”DATAMÄNGD 7”');
    assert.notInclude(html, 'Datamängd 17');
    assert.include(html, 'Datamängd 7<');
  });

  it('pages with links that keep the language, the search and the theme; refuses a page that is not one', async () => {
    const html = await (await get('/embed/goteborg?lang=en&accent=%23005a9c&page=2')).text();
    assert.include(html, 'href="?lang=en&amp;accent=%23005a9c" rel="prev"');
    assert.include(html, 'href="?lang=en&amp;accent=%23005a9c&amp;page=3" rel="next"');
    assert.include(html, '<input type="hidden" name="accent" value="#005a9c">');
    const last = await (await get('/embed/goteborg?page=3')).text();
    assert.strictEqual(last.match(/<li>/g)?.length, 3);
    for (const page of ['0', '-1', '1.5', 'abc', '1001']) assert.strictEqual((await get(`/embed/goteborg?page=${page}`)).status, 400, page);
    assert.strictEqual((await get(`/embed/goteborg?q=${'a'.repeat(201)}`)).status, 400);
  });

  it('takes its theme from query parameters validated as colours and font names', async () => {
    const html = await (await get(`/embed/goteborg?accent=%23005a9c&bg=${encodeURIComponent('rgb(250, 250, 240)')}&text=navy&font=${encodeURIComponent('"Open Sans", Arial, sans-serif')}`)).text();
    assert.include(html, ':root { --dpv-accent: #005a9c; --dpv-bg: rgb(250, 250, 240); --dpv-text: navy; --dpv-font: &quot;Open Sans&quot;, Arial, sans-serif; }'.replace(/&quot;/g, '"'));
    for (const bad of ['red;}body{display:none', 'url(https://evil.example/x)', 'expression(alert(1))', '#12', '</style><script>', 'notacolour']) {
      const res = await get(`/embed/goteborg?accent=${encodeURIComponent(bad)}`);
      assert.strictEqual(res.status, 400, bad);
      assert.include(((await res.json()) as { detail: string }).detail, '"accent"');
    }
    assert.strictEqual((await get(`/embed/goteborg?font=${encodeURIComponent('x;} body {color:red')}`)).status, 400);
  });

  it('may be framed by any site: frame-ancestors *, no X-Frame-Options, and a CSP that allows no script', async () => {
    const res = await get('/embed/goteborg');
    const csp = res.headers.get('content-security-policy')!;
    assert.include(csp, 'frame-ancestors *');
    assert.notInclude(csp, 'script-src');
    assert.include(csp, "default-src 'none'");
    assert.isNull(res.headers.get('x-frame-options'));
  });

  it('answers 404 for an organisation that does not exist', async () => {
    assert.strictEqual((await get('/embed/nowhere')).status, 404);
  });

  it('documents the iframe, the script and the custom properties at /embed, in Swedish and English', async () => {
    const sv = await (await get('/embed')).text();
    assert.include(sv, '<html lang="sv">');
    assert.include(sv, '/embed/goteborg?lang=sv&amp;accent=%23005a9c&quot;'); // the iframe snippet, shown as text
    assert.include(sv, `&lt;script src=&quot;`);
    assert.include(sv, '<iframe src="/embed/goteborg?lang=sv"');
    assert.include(sv, '<script src="/embed.js" data-organisation="goteborg" data-lang="sv" async></script>');
    for (const property of ['--dpv-accent', '--dpv-bg', '--dpv-text', '--dpv-font']) assert.include(sv, property);
    const en = await (await get('/embed?lang=en&organisation=vgr')).text();
    assert.include(en, 'As an iframe');
    assert.include(en, 'data-organisation="vgr"');
    assert.strictEqual((await get('/embed?organisation=nowhere')).status, 404);
  });

  it('checks colours and font stacks by grammar', () => {
    for (const ok of ['#abc', '#AABBCC', '#aabbcc80', 'rgb(0, 90, 156)', 'rgba(0,90,156,0.5)', 'hsl(210 100% 30%)', 'RebeccaPurple', 'transparent']) assert.isTrue(isCssColour(ok), ok);
    for (const bad of ['#ab', 'rgb(0,0)', 'var(--x)', 'red !important', 'inherit', 'calc(1+1)']) assert.isFalse(isCssColour(bad), bad);
    assert.isTrue(isFontStack('"Open Sans", Arial, sans-serif'));
    assert.isFalse(isFontStack('Arial; color: red'));
    assert.isFalse(isFontStack('"Arial'));
  });

  describe('in Chromium', function () {
    let browser: Browser | undefined;
    let host: { url: string; close(): Promise<void> } | undefined;
    before(async function () {
      browser = await launchChromium(this);
      // Another origin frames the page, as a municipality's website would.
      host = await startHostPage('127.0.0.2', `<!doctype html><html lang="en"><head><title>Host</title></head><body><main><h1>Our open data</h1>
<iframe id="dpv" title="Datasets" src="${server.url}/embed/goteborg?lang=en&accent=%237a1f5c" width="700" height="900"></iframe></main></body></html>`);
    });
    after(async () => {
      await browser?.close();
      await host?.close();
    });

    it('shows in an iframe on another origin, searches without JavaScript, and asks no other host', async () => {
      const context = await browser!.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const requests = recordRequests(page);
      await page.goto(host!.url);
      const frame = page.frameLocator('#dpv');
      await frame.locator('li').first().waitFor();
      assert.strictEqual(await frame.locator('li').count(), 10);
      const accent = await frame.locator('button[type=submit]').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.strictEqual(accent, 'rgb(122, 31, 92)');
      await frame.locator('input[name=q]').fill('datamängd 1');
      await frame.locator('button[type=submit]').click();
      await frame.getByText('1 dataset matching').waitFor();
      await page.screenshot({ path: '/tmp/dpv-embed-iframe.png', fullPage: true });
      assert.deepEqual(foreignRequests(requests, ['127.0.0.1', '127.0.0.2']), []);
      await context.close();
    });

    it('has no serious or critical accessibility violation (axe-core)', async () => {
      const page = await browser!.newPage();
      await page.goto(`${server.url}/embed/goteborg?lang=sv`);
      const violations = await seriousAxeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.goto(`${server.url}/embed?lang=en`);
      await page.frameLocator('iframe').locator('li').first().waitFor();
      await page.screenshot({ path: '/tmp/dpv-embed-docs.png', fullPage: true });
      const docs = await seriousAxeViolations(page);
      assert.deepEqual(docs, [], JSON.stringify(docs, null, 2));
      await page.close();
    });
  });
});
