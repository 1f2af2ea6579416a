/**
 * Reports people act on, through the real server: POST /validate grouped per dataset in both languages, as JSON,
 * Turtle and HTML; the dry-run form (paste and upload, refusals shown on the form); GET /catalogs/{id}/validation
 * as JSON, Turtle and the portal's page; and the pages in headless Chromium with axe.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';
import { describeViolations, launchChromium, seriousAxeViolations } from '../support/browser.js';
import { FIXTURES, SH } from './support.js';

const fixture = (name: string) => path.join(FIXTURES, name);
const text = (name: string) => fs.readFileSync(fixture(name), 'utf8');
const CATALOG = 'http://localhost:3030/catalogs/goteborg';
const DATASET = `${CATALOG}/datasets/badplatser`;
const DISTRIBUTION = `${DATASET}/csv`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

interface GroupedJson {
  conforms: boolean;
  results: { severity: string; focusNode: string; path: string | null; message: string; messageSv?: string; dataset?: string }[];
  lang: string;
  profile: string;
  counts: { violations: number; warnings: number; infos: number };
  datasets: {
    iri: string | null;
    kind: string;
    title: string | null;
    counts: { violations: number; warnings: number };
    results: { severity: string; focusNode: string; property: { iri: string; label: string } | null; value: string | null; message: string; fix: string; seeAlso?: string; shape: string | null }[];
  }[];
}

describe('validation reports for people (real server)', function () {
  this.timeout(180_000);
  let server: TestServer;
  const http = () => request(server.url);

  before(async () => {
    server = await startTestServer({ env: { MAX_BODY_BYTES: '300000' } });
    // The fixtures are DCAT-AP 3 documents; new catalogs default to DCAT-AP-SE.
    const res = await put(`${server.url}/catalogs/goteborg?profile=dcat-ap-3`, text('valid-minimal.ttl'));
    expect(res.status, await res.text()).to.equal(201);
  });
  after(async () => {
    await server?.stop();
  });

  const dryRun = (accept: string, lang?: string) => {
    const req = http().post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').set('Accept', accept);
    if (lang) req.set('Accept-Language', lang);
    return req.send(text('invalid-distribution-no-accessurl.ttl'));
  };

  describe('POST /validate', () => {
    it('groups results per dataset: the distribution\'s violation under its dataset, with titles, labels, messages and fixes in Swedish by default', async () => {
      const res = await dryRun('application/json').expect(200).expect('Vary', /Accept-Language/);
      const body = res.body as GroupedJson;
      expect(body.lang).to.equal('sv');
      expect(body.profile).to.equal('dcat-ap-3');
      expect(body.counts.violations).to.equal(1);
      expect(body.counts.violations + body.counts.warnings + body.counts.infos).to.equal(body.results.length);
      // The flat fields stay as the contract has them.
      const flat = body.results.find((r) => r.severity === 'Violation')!;
      expect(flat).to.include({ focusNode: DISTRIBUTION, path: 'http://www.w3.org/ns/dcat#accessURL', dataset: DATASET });
      expect(flat.message).to.match(/^A distribution must have at least one dcat:accessURL/);

      expect(body.datasets.map((g) => [g.kind, g.iri, g.title])).to.deep.equal([
        ['catalog', CATALOG, 'Göteborgs Stads datakatalog'],
        ['dataset', DATASET, 'Badplatser'],
      ]);
      const dataset = body.datasets[1]!;
      expect(dataset.counts.violations).to.equal(1);
      const violation = dataset.results[0]!;
      expect(violation).to.include({ severity: 'Violation', focusNode: DISTRIBUTION, value: null });
      expect(violation.property).to.deep.equal({ iri: 'http://www.w3.org/ns/dcat#accessURL', label: 'åtkomst-URL' });
      expect(violation.message).to.equal(flat.messageSv);
      expect(violation.fix).to.equal('Lägg till åtkomst-URL (dcat:accessURL).');
      expect(violation.seeAlso).to.match(/^https:\/\/semiceu\.github\.io\/DCAT-AP\/releases\/3\.0\.1\/#Distribution/);
      // Every result is in exactly one group; the agent's warning (a shared node) is the catalogue's.
      expect(body.datasets.flatMap((g) => g.results)).to.have.length(body.results.length);
      expect(body.datasets[0]!.results.map((r) => r.focusNode)).to.include('http://dataportal.se/organisation/SE2120001355');
    });

    it('English by Accept-Language, and ?lang= wins over it', async () => {
      const en = (await dryRun('application/json', 'en-GB,en;q=0.9').expect(200)).body as GroupedJson;
      expect(en.lang).to.equal('en');
      const violation = en.datasets[1]!.results[0]!;
      expect(violation.property!.label).to.equal('access URL');
      expect(violation.message).to.match(/^A distribution must have at least one dcat:accessURL/);
      expect(violation.fix).to.equal('Add access URL (dcat:accessURL).');
      const sv = await http()
        .post('/validate?profile=dcat-ap-3&lang=sv')
        .set('Content-Type', 'text/turtle')
        .set('Accept-Language', 'en')
        .send(text('invalid-distribution-no-accessurl.ttl'))
        .expect(200);
      expect((sv.body as GroupedJson).lang).to.equal('sv');
      expect((sv.body as GroupedJson).datasets[1]!.results[0]!.message).to.match(/^En distribution måste ha minst en dcat:accessURL/);
    });

    it('Turtle is still one sh:ValidationReport, with each message in English and Swedish', async () => {
      const res = await dryRun('text/turtle').expect(200).expect('Content-Type', /^text\/turtle/);
      const store = new N3.Store(new N3.Parser().parse(res.text));
      expect(store.getSubjects(RDF_TYPE, `${SH}ValidationReport`, null)).to.have.length(1);
      const results = store.getObjects(null, `${SH}result`, null);
      expect(results).to.have.length(19);
      for (const result of results) {
        const languages = store.getObjects(result, `${SH}resultMessage`, null).map((m) => (m as N3.Literal).language);
        expect(languages.sort()).to.deep.equal(['en', 'sv']);
      }
    });

    it('text/html is the report page in the portal layout: verdict, counts, per dataset the property, message and fix', async () => {
      const res = await dryRun('text/html', 'sv').expect(200).expect('Content-Type', /^text\/html/);
      const html = res.text;
      expect(html).to.include('<html lang="sv">');
      expect(html).to.include('class="site-header"');
      expect(html).to.include('Uppfyller inte profilen');
      expect(html).to.include('1 fel');
      expect(html).to.include('18 varningar');
      expect(html).to.match(/<h2 id="group-2" class="report-group__title">Badplatser<\/h2>/);
      expect(html).to.include('åtkomst-URL <span class="iri">dcat:accessURL</span>');
      expect(html).to.include('Lägg till åtkomst-URL (dcat:accessURL).');
      expect(html).to.include(`<dd class="iri">${DISTRIBUTION}</dd>`);
      // A dry run's datasets are not linked: they may not be published.
      expect(html).not.to.include(`href="/resource?iri=${encodeURIComponent(DATASET)}`);
    });
    it('escapes what the document says: a title with markup is shown as text', async () => {
      const hostile = text('invalid-distribution-no-accessurl.ttl').replace('"Badplatser"@sv', '"<script>alert(1)</script> Bad"@sv');
      const res = await http().post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').set('Accept', 'text/html').send(hostile).expect(200);
      expect(res.text).not.to.include('<script>alert(1)');
      expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt; Bad');
    });
  });

  describe('the dry-run form', () => {
    it('GET /validate for a browser is the form: profile, file, pasted text, syntax; other clients get 406', async () => {
      const res = await http().get('/validate').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
      expect(res.text).to.include('<form class="validate-form" action="/validate" method="post" enctype="multipart/form-data">');
      expect(res.text).to.match(/<select id="v-profile" name="profile">\s*<option value="dcat-ap-3" selected>DCAT-AP 3.0.1 \(dcat-ap-3\)<\/option>/);
      for (const field of ['<input id="v-file" name="file" type="file"', '<textarea id="v-text" name="text"', '<select id="v-syntax" name="syntax"']) expect(res.text).to.include(field);
      const en = await http().get('/validate?lang=en').set('Accept', 'text/html').expect(200);
      expect(en.text).to.include('action="/validate?lang=en"');
      expect(en.text).to.include('Validate metadata');
      await http().get('/validate').set('Accept', 'application/json').expect(406);
      await http().delete('/validate').expect(405).expect('Allow', 'GET, HEAD, POST');
    });

    it('an uploaded file (multipart) gets the report page; its syntax comes from the file name', async () => {
      const res = await http()
        .post('/validate')
        .set('Accept', 'text/html')
        .field('profile', 'dcat-ap-3')
        .field('syntax', '')
        .field('text', '')
        .attach('file', Buffer.from(text('invalid-distribution-no-accessurl.ttl')), { filename: 'badplatser.ttl', contentType: 'application/octet-stream' })
        .expect(200);
      expect(res.text).to.include('Resultatet för badplatser.ttl mot profilen dcat-ap-3. Ingenting har sparats.');
      expect(res.text).to.include('1 fel');
      // The same upload asking for JSON gets the JSON report.
      const json = await http()
        .post('/validate')
        .set('Accept', 'application/json')
        .field('profile', 'dcat-ap-3')
        .attach('file', fixture('invalid-missing-title.ttl'))
        .expect(200);
      expect((json.body as GroupedJson).counts.violations).to.equal(1);
      expect((json.body as GroupedJson).datasets[1]!.title).to.equal(null);
    });

    it('pasted text (urlencoded) gets the same report; N-Triples and an explicit syntax work too', async () => {
      const pasted = await http().post('/validate?lang=en').set('Accept', 'text/html').type('form').send({ profile: 'dcat-ap-3', text: text('invalid-distribution-no-accessurl.ttl') }).expect(200);
      expect(pasted.text).to.include('The result for the pasted text against the profile dcat-ap-3. Nothing was stored.');
      expect(pasted.text).to.include('1 violation');
      const ntriples = `<${CATALOG}> <${RDF_TYPE}> <http://www.w3.org/ns/dcat#Catalog> .\n`;
      const json = await http().post('/validate').set('Accept', 'application/json').type('form').send({ profile: 'dcat-ap-3', syntax: 'application/n-triples', text: ntriples }).expect(200);
      expect((json.body as GroupedJson).conforms).to.equal(false);
      expect((json.body as GroupedJson).datasets.map((g) => g.kind)).to.deep.equal(['catalog']);
    });

    it('refusals come back on the form with the reason and what was pasted: no document, both, a syntax error, too large', async () => {
      const none = await http().post('/validate').set('Accept', 'text/html').type('form').send({ profile: 'dcat-ap-3', text: '' }).expect(400);
      expect(none.text).to.include('Välj en fil eller klistra in text att validera.');
      const both = await http().post('/validate').set('Accept', 'text/html').field('profile', 'dcat-ap-3').field('text', '<a> <b> <c> .').attach('file', fixture('valid-minimal.ttl')).expect(400);
      expect(both.text).to.include('Välj antingen en fil eller inklistrad text, inte båda.');
      const broken = await http().post('/validate').set('Accept', 'text/html').type('form').send({ profile: 'dcat-ap-3', text: '@prefix dct: <http://purl.org/dc/terms/> .\n<a> dct:title "x" ;; oops' }).expect(400);
      expect(broken.text).to.include('Dokumentet är inte giltig Turtle (rad 2');
      expect(broken.text).to.include('&lt;a&gt; dct:title &quot;x&quot; ;; oops</textarea>');
      const large = await http().post('/validate').set('Accept', 'text/html').type('form').send({ profile: 'dcat-ap-3', text: '#'.repeat(310_000) }).expect(413);
      expect(large.text).to.match(/Dokumentet är större än gränsen på/);
      const profile = await http().post('/validate').set('Accept', 'text/html').type('form').send({ profile: 'dcat-ap-9', text: '<a> <b> <c> .' }).expect(400);
      expect(profile.text).to.include('Unknown profile &quot;dcat-ap-9&quot;');
      // A client that does not ask for HTML gets the problem document.
      const problem = await http().post('/validate').set('Accept', 'application/json').type('form').send({ profile: 'dcat-ap-3' }).expect(400);
      expect(problem.headers['content-type']).to.match(/^application\/problem\+json/);
      expect((problem.body as { detail: string }).detail).to.match(/Choose a file or paste the text/);
    });
  });

  describe('writes', () => {
    it('a refused PUT answers 422 with the report grouped per dataset too, in the language asked for', async () => {
      const res = await fetch(`${server.url}/catalogs/goteborg-prov?lang=en&profile=dcat-ap-3`, {
        method: 'PUT',
        body: text('invalid-distribution-no-accessurl.ttl'),
        headers: { 'Content-Type': 'text/turtle', Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(res.status).to.equal(422);
      expect(res.headers.get('vary')).to.match(/Accept-Language/);
      const body = (await res.json()) as GroupedJson;
      expect(body.conforms).to.equal(false);
      expect(body.results).to.have.length(19);
      expect(body.lang).to.equal('en');
      expect(body.datasets[1]).to.include({ iri: DATASET, title: 'Badplatser' });
      expect(body.datasets[1]!.results[0]!.fix).to.equal('Add access URL (dcat:accessURL).');
    });
  });

  describe('GET /catalogs/{id}/validation', () => {
    it('JSON keeps the warning summary and adds the whole report, grouped per dataset', async () => {
      const res = await http().get('/catalogs/goteborg/validation').expect(200).expect('Content-Type', /^application\/json/);
      const body = res.body as GroupedJson & { catalog: string; warnings: { count: number }[] };
      expect(body.catalog).to.equal('goteborg');
      expect(body.conforms).to.equal(true);
      const kept = body.warnings.reduce((n, w) => n + w.count, 0);
      expect(body.results).to.have.length(kept);
      expect(body.counts).to.deep.equal({ violations: 0, warnings: kept, infos: 0 });
      expect(body.datasets[0]).to.include({ kind: 'catalog', title: 'Göteborgs Stads datakatalog' });
      expect(body.datasets.some((g) => g.kind === 'dataset' && g.title === 'Badplatser')).to.equal(true);
    });

    it('Turtle is the W3C report; HTML is the page, with each dataset linked to its page, in both languages, and 304 when held', async () => {
      const turtle = await http().get('/catalogs/goteborg/validation').set('Accept', 'text/turtle').expect(200);
      expect(new N3.Store(new N3.Parser().parse(turtle.text)).getSubjects(RDF_TYPE, `${SH}ValidationReport`, null)).to.have.length(1);
      const sv = await http().get('/catalogs/goteborg/validation').set('Accept', 'text/html').expect(200);
      expect(sv.text).to.include('Valideringsrapport: Göteborgs Stads datakatalog');
      expect(sv.text).to.include('Uppfyller profilen');
      expect(sv.text).to.include(`<a href="/resource?iri=${encodeURIComponent(DATASET)}">Badplatser</a>`);
      expect(sv.text).to.include('<a href="/catalogs/goteborg">Göteborgs Stads datakatalog</a>');
      const en = await http().get('/catalogs/goteborg/validation?lang=en').set('Accept', 'text/html').expect(200);
      expect(en.text).to.include('Validation report: Göteborgs Stads datakatalog');
      expect(en.text).to.include('Consider adding');
      await http().get('/catalogs/goteborg/validation').set('Accept', 'text/html').set('If-None-Match', sv.headers.etag as string).expect(304);
      // From a dataset's page the report opens at that dataset only, with a way back to the whole.
      const datasetPage = await http().get(`/resource?iri=${encodeURIComponent(DATASET)}`).set('Accept', 'text/html').expect(200);
      const reportLink = `/catalogs/goteborg/validation?${new URLSearchParams({ dataset: DATASET })}`;
      expect(datasetPage.text).to.include(`href="${reportLink.replace(/&/g, '&amp;')}"`);
      const only = await http().get(reportLink).set('Accept', 'text/html').expect(200);
      expect(only.text).to.include('Här visas bara anmärkningarna för en datamängd. <a href="/catalogs/goteborg/validation">Visa hela rapporten</a>');
      expect(only.text.match(/class="report-group"/g)).to.have.length(1);
      expect(only.text).to.include('>Badplatser</a></h2>');
      expect(only.headers.etag).not.to.equal(sv.headers.etag);
      await http().get('/catalogs/nowhere/validation').set('Accept', 'text/html').expect(404);
    });
  });

  describe('in headless Chromium', () => {
    let browser: Browser | undefined;
    before(async function () {
      browser = await launchChromium(this);
    });
    after(async () => {
      await browser?.close();
    });

    for (const lang of ['sv', 'en'] as const) {
      it(`the catalog report, the form, a dry run and a refusal (${lang}): no serious or critical axe violation, no sideways scrolling at 360 px`, async () => {
        const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
        const page = await context.newPage();
        const check = async (name: string) => {
          expect(await page.getAttribute('html', 'lang')).to.equal(lang);
          const violations = await seriousAxeViolations(page);
          expect(violations, `${name}: ${describeViolations(violations)}`).to.deep.equal([]);
          await page.screenshot({ path: `/tmp/report-${name}-${lang}.png`, fullPage: true });
          await page.setViewportSize({ width: 360, height: 800 });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${name} scrolls sideways`).to.be.at.most(0);
          await page.setViewportSize({ width: 1280, height: 900 });
        };
        await page.goto(`${server.url}/catalogs/goteborg/validation?lang=${lang}`);
        await check('catalog');

        // The form without JavaScript: paste, submit, get the report.
        await context.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
        await page.goto(`${server.url}/validate?lang=${lang}`);
        await check('form');
        await page.fill('#v-text', text('invalid-distribution-no-accessurl.ttl'));
        await Promise.all([page.waitForNavigation(), page.click('.validate-form button[type="submit"]')]);
        expect(await page.textContent('.verdict__text')).to.equal(lang === 'sv' ? 'Uppfyller inte profilen' : 'Does not conform to the profile');
        await check('dry-run');

        // Upload a file through the same form.
        await page.goto(`${server.url}/validate?lang=${lang}`);
        await page.setInputFiles('#v-file', fixture('invalid-missing-title.ttl'));
        await Promise.all([page.waitForNavigation(), page.click('.validate-form button[type="submit"]')]);
        expect(await page.textContent('main')).to.include('invalid-missing-title.ttl');

        await page.goto(`${server.url}/validate?lang=${lang}`);
        await page.fill('#v-text', '<a> <b> ;; oops');
        await Promise.all([page.waitForNavigation(), page.click('.validate-form button[type="submit"]')]);
        expect(await page.isVisible('.form-error')).to.equal(true);
        await check('refused');
        await context.close();
      });
    }
  });
});
