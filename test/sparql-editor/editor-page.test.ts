import { assert } from 'chai';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { put } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { foreignRequests, launchChromium, recordRequests, seriousAxeViolations } from '../support/browser.js';
import { SPARQL_EXAMPLES } from '../../src/sparql-editor/examples.js';

const fixture = (name: string) => fs.readFileSync(fileURLToPath(new URL(`../../../test/fixtures/catalogs/${name}`, import.meta.url)), 'utf8');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('GET /sparql for people: the query editor', function () {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    // valid-full.ttl shows DCAT-AP 3 whole (a catalogue record among it), which DCAT-AP-SE, the default, forbids.
    const res = await put(`${server.url}/catalogs/goteborg?profile=dcat-ap-3`, fixture('valid-full.ttl'));
    assert.strictEqual(res.status, 201, await res.text());
  });
  after(async () => {
    await server?.stop();
  });

  // [Accept, expected media type]: HTML only when the client ranks it above every RDF syntax.
  const NEGOTIATION: [string | undefined, string][] = [
    [BROWSER_ACCEPT, 'text/html'],
    ['text/html', 'text/html'],
    ['text/html;q=0.9, text/turtle', 'text/turtle'],
    ['*/*', 'text/turtle'],
    [undefined, 'text/turtle'],
    ['text/turtle', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['application/rdf+xml', 'application/rdf+xml'],
    ['application/n-triples', 'application/n-triples'],
    ['application/sparql-results+json, */*;q=0.1', 'text/turtle'],
  ];
  for (const [accept, expected] of NEGOTIATION) {
    it(`GET /sparql with Accept ${accept ?? '(none)'} gets ${expected}`, async () => {
      const res = await fetch(`${server.url}/sparql`, { headers: accept ? { Accept: accept } : {} });
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.headers.get('content-type')!.split(';')[0], expected);
      assert.include(res.headers.get('vary') ?? '', 'Accept');
      const body = await res.text();
      if (expected === 'text/html') assert.include(body, '<html lang="sv">');
      else assert.include(body, 'sparql-service-description');
    });
  }

  it('keeps the 406 for a client accepting only SPARQL results, as the protocol endpoint always did', async () => {
    const res = await fetch(`${server.url}/sparql`, { headers: { Accept: 'application/sparql-results+json' } });
    assert.strictEqual(res.status, 406);
  });

  it('answers a query from a browser as the protocol says, never with the editor', async () => {
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { Accept: 'application/sparql-results+json, text/html' } });
    assert.strictEqual(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/sparql-results\+json/);
  });

  it('is in English with ?lang=en or Accept-Language, in Swedish by default, and refuses another lang', async () => {
    const en = await (await fetch(`${server.url}/sparql?lang=en`, { headers: { Accept: 'text/html' } })).text();
    assert.include(en, '<html lang="en">');
    assert.include(en, 'Datasets per organisation');
    const accepted = await fetch(`${server.url}/sparql`, { headers: { Accept: 'text/html', 'Accept-Language': 'en-GB,en;q=0.9' } });
    assert.strictEqual(accepted.headers.get('content-language'), 'en');
    const sv = await (await fetch(`${server.url}/sparql`, { headers: { Accept: 'text/html' } })).text();
    assert.include(sv, 'Datamängder per organisation');
    const bad = await fetch(`${server.url}/sparql?lang=de`, { headers: { Accept: 'text/html' } });
    assert.strictEqual(bad.status, 400);
  });

  it('lists every example as a link and shows the chosen one with its query', async () => {
    const html = await (await fetch(`${server.url}/sparql?example=csv-distributions&lang=en`, { headers: { Accept: 'text/html' } })).text();
    for (const example of SPARQL_EXAMPLES) assert.include(html, `href="?example=${example.id}&amp;lang=en"`);
    assert.match(html, /href="\?example=csv-distributions&amp;lang=en" aria-current="page"/);
    assert.include(html, 'file-type/CSV&gt;'); // the query text, escaped inside the textarea
  });

  it('runs every example query without an error, and the ones about datasets find the fixture\'s', async () => {
    for (const example of SPARQL_EXAMPLES) {
      const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent(example.query)}`, { headers: { Accept: 'application/sparql-results+json' } });
      assert.strictEqual(res.status, 200, `${example.id}: ${await res.clone().text()}`);
      const json = (await res.json()) as { results: { bindings: unknown[] } };
      if (example.id !== 'without-licence' && example.id !== 'keyword-search') assert.isAbove(json.results.bindings.length, 0, example.id);
    }
  });

  it('serves YASGUI from the installed package with long caching, and refuses other file names', async () => {
    const html = await (await fetch(`${server.url}/sparql`, { headers: { Accept: 'text/html' } })).text();
    const script = /<script src="(\/assets\/yasgui\/[^"]+\/yasgui\.min\.js)"/.exec(html)![1]!;
    const res = await fetch(`${server.url}${script}`);
    assert.strictEqual(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/javascript/);
    assert.include(res.headers.get('cache-control')!, 'immutable');
    assert.strictEqual((await fetch(`${server.url}${script.replace('yasgui.min.js', '..%2Fpackage.json')}`)).status, 404);
    assert.strictEqual((await fetch(`${server.url}/assets/sparql-editor/routes.ts`)).status, 404);
  });

  describe('in Chromium', function () {
    let browser: Browser | undefined;
    before(async function () {
      browser = await launchChromium(this);
    });
    after(async () => {
      await browser?.close();
    });

    it('runs a query through the UI, under its CSP, without a request to any other host', async () => {
      const page = await browser!.newPage();
      const requests = recordRequests(page);
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${server.url}/sparql?lang=en&example=datasets-per-organisation`);
      await page.waitForSelector('.yasqe .CodeMirror');
      const shown = await page.evaluate(() => (document.querySelector('.CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
      assert.include(shown, 'COUNT(DISTINCT ?dataset)');
      // Type into the editor as a person would: a new query replacing the example.
      await page.click('.yasqe .CodeMirror');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('SELECT ?title WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?title } ORDER BY ?title');
      await page.click('.yasqe_queryButton');
      await page.waitForSelector('.yasr table tbody tr td', { timeout: 20_000 });
      const rows = await page.$$eval('.yasr table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
      assert.isAtLeast(rows.length, 2);
      assert.isTrue(rows.some((row) => row.includes('Badplatser')), rows.join('\n'));
      await page.screenshot({ path: '/tmp/dpv-sparql-editor.png', fullPage: true });

      assert.deepEqual(foreignRequests(requests, ['127.0.0.1']), []);
      assert.isTrue(requests.some((url) => url.endsWith('/sparql') && url.startsWith(server.url)), 'the query went to this server');
      assert.deepEqual(problems.filter((text) => /Content Security Policy|Refused/i.test(text)), []);
      await page.close();
    });

    it('has no serious or critical accessibility violation (axe-core), with a result table shown', async () => {
      const page = await browser!.newPage();
      await page.goto(`${server.url}/sparql?lang=sv&example=recently-modified`);
      await page.waitForSelector('.yasqe .CodeMirror');
      await page.click('.yasqe_queryButton');
      await page.waitForSelector('.yasr table tbody tr td', { timeout: 20_000 });
      const violations = await seriousAxeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });
  });
});
