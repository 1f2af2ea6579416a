import { expect } from 'chai';
import { Parser } from 'n3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GeneratedCatalog, GeneratedDataset } from '../../src/demo/region-generator.js';
import { describeViolations, foreignRequests, launchChromium, recordRequests, seriousAxeViolations } from '../support/browser.js';
import { select } from '../support/http.js';
import { startHostPage } from '../support/search-stand-in.js';
import { BROWSER_ACCEPT, indexReady, publishCatalog, startRegionServer, type RegionServer } from './region-server.js';
import { readCatalogPage, walkCatalog } from './walk.js';

const HTML = 'text/html';
const TURTLE = 'text/turtle';
const JSON_LD = 'application/ld+json';
const JSON_TYPE = 'application/json';
const PROBLEM = 'application/problem+json';

/** A page type and the URL (path and query) it is served at in the generated region. */
type PageName = 'home' | 'search' | 'organisation' | 'catalog' | 'dataset' | 'distribution' | 'outside' | 'sparql' | 'unknownDataset' | 'unknownOrganisation' | 'unknownOutside';

/** What a request should get: a Content-Type prefix with 200, or a status with the Content-Type of its body. */
type Expected = string | { status: number; type: string };

// The content-negotiation matrix. A wildcard Accept (*/*) alone keeps getting Turtle wherever there is RDF; a browser
// gets the page. Home and /search have no RDF: the wildcard gets what they have (the home page; /search's JSON, the
// form for scripts, as RDF resources give scripts Turtle), and an Accept naming only what they lack gets 406 with what
// they offer.

const MATRIX: [PageName, string, Expected][] = [
  ['home', BROWSER_ACCEPT, HTML],
  ['home', '*/*', HTML],
  ['home', HTML, HTML],
  ['home', TURTLE, { status: 406, type: PROBLEM }],
  ['home', JSON_LD, { status: 406, type: PROBLEM }],
  ['search', BROWSER_ACCEPT, HTML],
  ['search', '*/*', JSON_TYPE],
  ['search', JSON_TYPE, JSON_TYPE],
  ['search', HTML, HTML],
  ['search', TURTLE, { status: 406, type: PROBLEM }],
  ['search', JSON_LD, { status: 406, type: PROBLEM }],
  ...(['organisation', 'catalog', 'dataset', 'distribution', 'outside'] as const).flatMap((name): [PageName, string, Expected][] => [
    [name, BROWSER_ACCEPT, HTML],
    [name, '*/*', TURTLE],
    [name, HTML, HTML],
    [name, TURTLE, TURTLE],
    [name, JSON_LD, JSON_LD],
  ]),
  ['sparql', BROWSER_ACCEPT, HTML],
  ['sparql', '*/*', TURTLE], // the service description
  ['sparql', TURTLE, TURTLE],
  ...(['unknownDataset', 'unknownOrganisation', 'unknownOutside'] as const).flatMap((name): [PageName, string, Expected][] => [
    [name, BROWSER_ACCEPT, { status: 404, type: HTML }],
    [name, HTML, { status: 404, type: HTML }],
    [name, '*/*', { status: 404, type: PROBLEM }],
    [name, TURTLE, { status: 404, type: PROBLEM }],
    [name, JSON_LD, { status: 404, type: PROBLEM }],
    [name, JSON_TYPE, { status: 404, type: PROBLEM }],
  ]),
];

/** The suffix overrides Accept both ways: .html for a script, .ttl for a browser. */
const SUFFIXES: [PageName, string, string][] = (['organisation', 'catalog', 'dataset', 'distribution', 'outside'] as const).flatMap(
  (name): [PageName, string, string][] => [
    [name, '.html', HTML],
    [name, '.ttl', TURTLE],
  ],
);

const DCAT_DISTRIBUTION = 'http://www.w3.org/ns/dcat#distribution';

function withSuffix(pathAndQuery: string, suffix: string): string {
  const [path, query] = pathAndQuery.split('?');
  return `${path}${suffix}${query ? `?${query}` : ''}`;
}

describe('the portal over HTTP, on a generated region', function () {
  this.timeout(120_000);
  let region: RegionServer;
  let url: string;
  const paths = {} as Record<PageName, string>;
  /** A catalog whose IRIs are under BASE_URL, and one whose publisher keeps its own. */
  let local: GeneratedCatalog;
  let outside: GeneratedCatalog;
  const suiteStarted = Date.now();

  before(async function () {
    this.timeout(180_000);
    region = await startRegionServer();
    url = region.url;
    local = region.region.catalogs.find((c) => c.id === 'goteborg')!;
    outside = region.region.catalogs.find((c) => c.ownIris)!;
    expect(local.ownIris, 'goteborg keeps its IRIs under BASE_URL').to.equal(false);
    const dataset = local.datasets[0]!.iri;
    const distribution = await firstDistribution(dataset);
    paths.home = '/';
    paths.search = '/search?q=skola';
    paths.organisation = '/organisations/goteborg';
    paths.catalog = '/catalogs/goteborg';
    paths.dataset = new URL(dataset).pathname;
    paths.distribution = new URL(distribution).pathname;
    paths.outside = `/resource?iri=${encodeURIComponent(outside.datasets[0]!.iri)}`;
    paths.sparql = '/sparql';
    paths.unknownDataset = `${new URL(dataset).pathname}-that-was-never-published`;
    paths.unknownOrganisation = '/organisations/atlantis';
    paths.unknownOutside = `/resource?iri=${encodeURIComponent(`${outside.datasets[0]!.iri}-that-was-never-published`)}`;
  });

  after(async () => {
    await region?.stop();
  });

  async function firstDistribution(dataset: string): Promise<string> {
    const res = await fetch(dataset, { headers: { Accept: TURTLE } });
    expect(res.status).to.equal(200);
    const quads = new Parser({ baseIRI: dataset }).parse(await res.text());
    const found = quads.find((q) => q.subject.value === dataset && q.predicate.value === DCAT_DISTRIBUTION);
    expect(found, `${dataset} has a distribution`).to.not.equal(undefined);
    return found!.object.value;
  }

  async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${url}${path}`, { headers });
  }

  describe('content negotiation', () => {
    for (const [name, accept, expected] of MATRIX) {
      const status = typeof expected === 'string' ? 200 : expected.status;
      const type = typeof expected === 'string' ? expected : expected.type;
      it(`${name} with Accept: ${accept} → ${status} ${type}`, async () => {
        const res = await get(paths[name], { Accept: accept });
        const body = await res.text();
        expect(res.status, body.slice(0, 500)).to.equal(status);
        expect(res.headers.get('content-type')).to.match(new RegExp(`^${type.replace(/[+.]/g, '\\$&')}(;|$)`));
        if (type === HTML) expect(body).to.match(/^<!doctype html>\n<html lang="sv">/);
        if (type === TURTLE) expect(new Parser({ baseIRI: `${url}${paths[name]}` }).parse(body)).to.not.be.empty;
        if (type === JSON_LD || type === JSON_TYPE) expect(() => JSON.parse(body) as unknown).not.to.throw();
        if (type === PROBLEM) {
          const problem = JSON.parse(body) as { status: number; title: string };
          expect(problem.status).to.equal(status);
        }
        if (status === 404 && type === HTML) expect(body).to.match(/<p class="error-page__detail" lang="en">[^<]+<\/p>/);
        if (status === 406) expect((JSON.parse(body) as { offered: string[] }).offered).to.include(name === 'home' ? HTML : JSON_TYPE);
      });
    }

    for (const [name, suffix, type] of SUFFIXES) {
      for (const accept of [BROWSER_ACCEPT, '*/*']) {
        it(`${name}${suffix} with Accept: ${accept} → ${type}`, async () => {
          const res = await get(withSuffix(paths[name], suffix), { Accept: accept });
          expect(res.status).to.equal(200);
          expect(res.headers.get('content-type')).to.match(new RegExp(`^${type}(;|$)`));
          await res.body?.cancel();
        });
      }
    }

    it('says a page varies by Accept and links its RDF alternates', async () => {
      const res = await get(paths.dataset, { Accept: BROWSER_ACCEPT });
      await res.body?.cancel();
      expect(res.headers.get('vary')).to.match(/\bAccept\b/).and.match(/\bAccept-Language\b/);
      expect(res.headers.get('link')).to.include(`<${url}${paths.dataset}.ttl>; rel="alternate"; type="text/turtle"`);
    });

    describe('language', () => {
      it('is Swedish by default, English with ?lang=en and with Accept-Language: en', async () => {
        const lang = async (path: string, headers: Record<string, string> = {}) => {
          const html = await (await get(path, { Accept: BROWSER_ACCEPT, ...headers })).text();
          return /^<!doctype html>\n<html lang="(\w+)">/.exec(html)?.[1];
        };
        for (const name of ['home', 'search', 'organisation', 'catalog', 'dataset', 'distribution', 'outside', 'unknownDataset'] as const) {
          const path = paths[name];
          expect(await lang(path), name).to.equal('sv');
          expect(await lang(`${path}${path.includes('?') ? '&' : '?'}lang=en`), `${name}?lang=en`).to.equal('en');
          expect(await lang(path, { 'Accept-Language': 'en-GB,en;q=0.9' }), `${name} Accept-Language: en`).to.equal('en');
          // The visible switch beats the browser's setting.
          expect(await lang(`${path}${path.includes('?') ? '&' : '?'}lang=sv`, { 'Accept-Language': 'en' }), `${name}?lang=sv`).to.equal('sv');
        }
      });
    });

    describe('revalidation', () => {
      for (const name of ['home', 'search', 'organisation', 'catalog', 'dataset', 'distribution', 'outside'] as const) {
        it(`${name}: a weak ETag, 304 for If-None-Match, and another tag in another language`, async () => {
          const first = await get(paths[name], { Accept: BROWSER_ACCEPT });
          await first.body?.cancel();
          const etag = first.headers.get('etag');
          expect(etag).to.match(/^W\/".+"$/);
          const again = await get(paths[name], { Accept: BROWSER_ACCEPT, 'If-None-Match': etag! });
          expect(again.status).to.equal(304);
          expect(await again.text()).to.equal('');
          const english = await get(paths[name], { Accept: BROWSER_ACCEPT, 'Accept-Language': 'en', 'If-None-Match': etag! });
          expect(english.status, 'the English page is not the Swedish one').to.equal(200);
          await english.body?.cancel();
        });
      }
    });
  });

  describe('facets', () => {
    interface Facet {
      value: string;
      label: string;
      count: number;
    }
    type Facets = Record<string, Facet[]>;
    /** The search page lists this many values of a facet (render.ts FACET_LIMIT); JSON has them all. */
    const HTML_FACET_LIMIT = 12;

    const decode = (text: string) =>
      text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

    /** The facets as the search page shows them: a checkbox per value, its label and "(count)". */
    function htmlFacets(html: string): Facets {
      const facets: Facets = {};
      const pattern = /<input type="checkbox" id="f-(\w+)-\d+" name="(\w+)" value="([^"]*)"(?: checked)?>\s*<label for="f-\w+-\d+">([^<]*) <span class="facet__count">\(([^)]*)\)<\/span>/g;
      for (const [, id, name, value, label, count] of html.matchAll(pattern)) {
        expect(id).to.equal(name);
        (facets[name!] ??= []).push({ value: decode(value!), label: decode(label!), count: Number(count!.replace(/\D/g, '')) });
      }
      return facets;
    }

    async function both(query: string): Promise<{ html: Facets; json: Facets; total: number }> {
      const page = await get(`/search?${query}`, { Accept: BROWSER_ACCEPT });
      expect(page.status).to.equal(200);
      const json = (await (await get(`/search?${query}`, { Accept: JSON_TYPE })).json()) as { total: number; facets: Facets };
      return { html: htmlFacets(await page.text()), json: json.facets, total: json.total };
    }

    for (const query of ['', 'q=skola', 'q=laddstolpe&organisation=goteborg', 'theme=EDUC&format=CSV', 'q=zzzzzz-finns-inte']) {
      it(`the search page shows the JSON's facet counts (${query || 'everything'})`, async () => {
        const { html, json } = await both(query);
        const names = Object.keys(json).filter((name) => json[name]!.length > 0);
        expect(Object.keys(html).sort(), 'facets with values').to.deep.equal(names.sort());
        for (const name of names) {
          expect(html[name], name).to.deep.equal(json[name]!.slice(0, HTML_FACET_LIMIT));
        }
      });
    }

    /** Datasets per organisation straight from the store: the catalog graph's datasets, its catalog's owner. */
    async function sparqlOrganisationCounts(pattern = ''): Promise<Map<string, number>> {
      const catalogs = (await (await get('/catalogs')).json()) as { id: string; organisation: string; catalog: string }[];
      const ownerOfGraph = new Map(catalogs.map((c) => [`${url}/catalogs/${c.id}`, c.organisation]));
      const json = await select(
        url,
        `PREFIX dcat: <http://www.w3.org/ns/dcat#>
         SELECT ?g (COUNT(DISTINCT ?d) AS ?n) WHERE {
           GRAPH ?g { ?catalog a dcat:Catalog ; dcat:dataset ?d . ${pattern} }
         } GROUP BY ?g`,
      );
      const counts = new Map<string, number>();
      for (const row of json.results.bindings) {
        const owner = ownerOfGraph.get(row.g!.value);
        expect(owner, `${row.g!.value} is a published catalog's graph`).to.be.a('string');
        counts.set(owner!, (counts.get(owner!) ?? 0) + Number(row.n!.value));
      }
      return counts;
    }

    const asMap = (facet: Facet[]) => new Map(facet.map((f) => [f.value, f.count]));

    it('counts each organisation\'s datasets as SPARQL COUNT does, over the whole region', async () => {
      const { json, total } = await both('');
      expect(total).to.equal(region.region.catalogs.reduce((n, c) => n + c.datasets.length, 0));
      const counts = await sparqlOrganisationCounts();
      expect(asMap(json.organisation!)).to.deep.equal(counts);
      expect([...counts.values()].reduce((a, b) => a + b, 0)).to.equal(total);
      // And the page shows the biggest of them with the same numbers.
      const { html } = await both('');
      for (const shown of html.organisation!) expect(shown.count, shown.value).to.equal(counts.get(shown.value));
    });

    it('counts each organisation\'s datasets as SPARQL COUNT does, under a theme filter', async () => {
      const { json } = await both('theme=EDUC');
      const counts = await sparqlOrganisationCounts('?d dcat:theme <http://publications.europa.eu/resource/authority/data-theme/EDUC> .');
      expect(counts.size).to.be.greaterThan(1);
      expect(asMap(json.organisation!)).to.deep.equal(counts);
    });
  });

  describe('in headless Chromium', function () {
    let browser: Browser | undefined;

    before(async function () {
      browser = await launchChromium(this);
    });
    after(async () => {
      await browser?.close();
    });

    async function swedishContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
      return browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', ...options });
    }

    async function open(context: BrowserContext, path: string): Promise<{ page: Page; requests: string[] }> {
      const page = await context.newPage();
      const requests = recordRequests(page);
      const response = await page.goto(`${url}${path}`, { waitUntil: 'load' });
      expect(response?.status(), path).to.equal(200);
      return { page, requests };
    }

    const BROWSER_PAGES: [string, () => string][] = [
      ['home', () => '/'],
      ['a dataset page', () => paths.dataset],
      ['a dataset page of an outside IRI', () => paths.outside],
      ['a search page with a query and a filter', () => '/search?q=laddstolpe&organisation=goteborg'],
      ['the embed page', () => '/embed/goteborg'],
      ['the embed documentation with its live example', () => '/embed'],
    ];

    for (const [name, path] of BROWSER_PAGES) {
      it(`${name}: no serious or critical axe violation, no request leaves 127.0.0.1`, async () => {
        const context = await swedishContext();
        const { page, requests } = await open(context, path());
        if (path() === '/embed') await page.locator('[data-dpv-embed] li').first().waitFor();
        const violations = await seriousAxeViolations(page);
        expect(violations, describeViolations(violations)).to.deep.equal([]);
        expect(foreignRequests(requests, ['127.0.0.1'])).to.deep.equal([]);
        await context.close();
      });
    }

    it('searches from the home page with JavaScript off: type, submit, see results', async () => {
      const context = await swedishContext({ javaScriptEnabled: false });
      const { page } = await open(context, '/');
      await page.getByRole('searchbox', { name: 'Sök bland datamängder' }).fill('laddstolpe');
      await page.getByRole('searchbox', { name: 'Sök bland datamängder' }).press('Enter');
      await page.waitForURL(/\/search\?q=laddstolpe/);
      const summary = await page.locator('[role=status]').first().textContent();
      expect(summary).to.match(/^\d+ träffar för ”laddstolpe”$/);
      const titles = await page.locator('.dataset-card__title').allTextContents();
      expect(titles).to.have.length.greaterThan(0);
      expect(titles.join(' ')).to.match(/laddstolpar/i);

      // The filters are a plain form too: tick an organisation and submit.
      await page.getByRole('checkbox', { name: /^Göteborgs Stad/ }).check();
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page.waitForURL(/organisation=goteborg/);
      const json = (await (await get('/search?q=laddstolpe&organisation=goteborg', { Accept: JSON_TYPE })).json()) as { total: number };
      expect(await page.locator('[role=status]').first().textContent()).to.equal(`${json.total} träffar för ”laddstolpe”`);
      await context.close();
    });

    it('switches language with the visible link, keeping the page', async () => {
      const context = await swedishContext();
      const { page } = await open(context, paths.dataset);
      expect(await page.getAttribute('html', 'lang')).to.equal('sv');
      await page.locator('.lang-switch a[hreflang=en]').click();
      await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
      expect(new URL(page.url()).pathname).to.equal(paths.dataset);
      expect(await page.getAttribute('html', 'lang')).to.equal('en');
      // Links on the English page keep English, the way back is the other link.
      await page.locator('.lang-switch a[hreflang=sv]').click();
      await page.waitForURL((u) => u.searchParams.get('lang') === 'sv');
      expect(await page.getAttribute('html', 'lang')).to.equal('sv');
      await context.close();
    });

    it('embed.js renders the organisation\'s real datasets into a page on another origin', async () => {
      const host = await startHostPage(
        '127.0.0.2',
        `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kommunens webbplats</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${url}; connect-src ${url}; style-src 'unsafe-inline'">
</head><body><main><h1>Öppna data</h1><script src="${url}/embed.js" data-organisation="goteborg" async></script></main></body></html>`,
      );
      const context = await swedishContext();
      try {
        const page = await context.newPage();
        const requests = recordRequests(page);
        await page.goto(host.url);
        const widget = page.locator('[data-dpv-embed]');
        await widget.locator('li').first().waitFor();
        const all = (await (await get('/search?organisation=goteborg', { Accept: JSON_TYPE })).json()) as { total: number; results: { title: string; url: string }[] };
        expect(await widget.locator('[role=status]').textContent()).to.equal(`${all.total} datamängder`);
        const links = await widget.locator('li a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
        expect(links).to.have.length(Math.min(10, all.total));
        expect(links.map((l) => l.href)).to.deep.equal(all.results.slice(0, links.length).map((r) => r.url));

        // The pager counts pages of the size the widget asked for, and page 2 is the server's page 2 of that size.
        const pages = Math.ceil(all.total / 10);
        expect(pages).to.be.greaterThan(1);
        await widget.getByRole('button', { name: 'Nästa' }).click();
        await widget.getByText(`Sida 2 av ${pages}`).waitFor();
        const second = (await (await get('/search?organisation=goteborg&page=2&pageSize=10', { Accept: JSON_TYPE })).json()) as { results: { url: string }[] };
        const hrefs = await widget.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(hrefs).to.deep.equal(second.results.map((r) => r.url));

        await widget.getByRole('searchbox').fill('laddstolpe');
        await widget.getByRole('searchbox').press('Enter');
        const found = (await (await get('/search?organisation=goteborg&q=laddstolpe', { Accept: JSON_TYPE })).json()) as { total: number };
        await widget.getByText(new RegExp(`^${found.total} datamängd(er)? som matchar`)).waitFor();
        expect(foreignRequests(requests, ['127.0.0.1', '127.0.0.2'])).to.deep.equal([]);
        const violations = await seriousAxeViolations(page);
        expect(violations, describeViolations(violations)).to.deep.equal([]);
      } finally {
        await context.close();
        await host.close();
      }
    });

    it('takes the screenshots of home, search and a dataset page (1280×900, Swedish)', async () => {
      const context = await swedishContext();
      for (const [name, path] of [
        ['home', '/'],
        ['search', '/search?q=laddstolpe'],
        ['dataset', paths.dataset],
      ] as const) {
        const { page } = await open(context, path);
        await page.screenshot({ path: `/tmp/portal-http-${name}.png` });
        await page.close();
      }
      await context.close();
    });
  });

  // Last: it changes one dataset, which the other tests need not know about.
  describe('the paged /catalog, as a harvester walks it', () => {
    const PAGE = (extra = '') => `${url}/catalog?page=1&pageSize=40${extra}`;
    const allDatasets = () => region.region.catalogs.flatMap((c) => c.datasets.map((d) => d.iri));

    it('finds every dataset of the region exactly once, in IRI order, following hydra:next', async () => {
      const pages = await walkCatalog(url, PAGE());
      const expected = allDatasets();
      expect(pages).to.have.length(Math.ceil(expected.length / 40));
      for (const page of pages.slice(0, -1)) expect(page.datasets, page.url).to.have.length(40);
      const listed = pages.flatMap((p) => p.datasets);
      expect(listed).to.have.length(new Set(listed).size, 'no dataset twice');
      expect([...listed].sort()).to.deep.equal([...expected].sort());
      // RDF keeps no order among a page's dcat:dataset links, but pages are consecutive ranges in IRI order.
      const inPageOrder = pages.flatMap((p) => [...p.datasets].sort());
      expect(inPageOrder).to.deep.equal([...listed].sort(), 'pages in IRI order');
      expect(pages[0]!.totalItems).to.equal(expected.length);
    });

    describe('with modified_since', () => {
      let changed: GeneratedDataset;
      let between: string;

      before(async () => {
        // A dataset whose Swedish title is spelled once in its catalog, so changing the text changes only it.
        const catalog = region.region.catalogs.find((c) => c.id === 'boras')!;
        changed = catalog.datasets.find((d) => catalog.text.split(`"${d.titleSv}"@sv`).length === 2)!;
        expect(changed, 'a dataset with a title of its own').to.not.equal(undefined);
        between = new Date().toISOString();
        await publishCatalog(url, catalog.id, catalog.text.replace(`"${changed.titleSv}"@sv`, `"${changed.titleSv} (rättad)"@sv`), catalog.mediaType);
        await indexReady(region.server);
      });

      it('lists exactly the dataset changed since a time between the two writes, as dateTime', async () => {
        const pages = await walkCatalog(url, PAGE(`&modified_since=${encodeURIComponent(between)}`));
        expect(pages.flatMap((p) => p.datasets)).to.deep.equal([changed.iri]);
        expect(pages[0]!.totalItems).to.equal(1);
      });

      it('keeps a date modified_since on hydra:next', async () => {
        // The day before the suite started: every dataset was seen after it, whatever the time of day.
        const day = new Date(suiteStarted - 86_400_000).toISOString().slice(0, 10);
        const first = await readCatalogPage(url, PAGE(`&modified_since=${day}`));
        expect(first.totalItems).to.equal(allDatasets().length);
        expect(new URL(first.next!).searchParams.get('modified_since')).to.equal(day);
        const pages = await walkCatalog(url, PAGE(`&modified_since=${day}`));
        expect(pages.flatMap((p) => p.datasets)).to.have.length(allDatasets().length);
      });

      it('lists nothing for a time in the future', async () => {
        const future = new Date(Date.now() + 365 * 86_400_000).toISOString();
        for (const value of [future, future.slice(0, 10)]) {
          const pages = await walkCatalog(url, PAGE(`&modified_since=${encodeURIComponent(value)}`));
          expect(pages, value).to.have.length(1);
          expect(pages[0]!.datasets, value).to.deep.equal([]);
          expect(pages[0]!.totalItems, value).to.equal(0);
        }
      });

      for (const bad of ['yesterday', '2026-13-01', '2026-02-30', '2026-12-03T25:00:00Z', '']) {
        it(`answers 400 with a problem document for modified_since=${JSON.stringify(bad)}`, async () => {
          const res = await fetch(PAGE(`&modified_since=${encodeURIComponent(bad)}`), { headers: { Accept: TURTLE } });
          expect(res.status).to.equal(400);
          expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
          expect(((await res.json()) as { parameter?: string }).parameter).to.equal('modified_since');
        });
      }
    });
  });
});
