import { expect } from 'chai';
import { createPortal } from '../../src/portal/render.js';
import { MESSAGES } from '../../src/portal/messages.js';
import {
  BASE,
  catalogModel,
  DATASET_IRI,
  datasetModel,
  distributionModel,
  GOTEBORG,
  HOSTILE_TITLE,
  homeModel,
  label,
  organisationModel,
  organisations,
  SEARCH_URL,
  searchModel,
} from './fixtures.js';

const portal = createPortal({ baseUrl: BASE, label, organisations });
const ESCAPED_TITLE = 'Laddstolpar &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;mer&quot;';

/** Every rendered page, for the checks all pages share. */
const ALL = {
  home: (lang: 'sv' | 'en') => portal.renderHome(homeModel(), { lang, url: '/' }),
  organisation: (lang: 'sv' | 'en') => portal.renderOrganisation(organisationModel(), { lang, url: '/organisations/goteborg?page=2' }),
  catalog: (lang: 'sv' | 'en') => portal.renderCatalog(catalogModel(), { lang, url: '/catalogs/goteborg' }),
  dataset: (lang: 'sv' | 'en') => portal.renderDataset(datasetModel(), { lang, url: '/catalogs/goteborg/datasets/laddstolpar' }),
  distribution: (lang: 'sv' | 'en') => portal.renderDistribution(distributionModel(), { lang, url: '/catalogs/goteborg/datasets/laddstolpar/csv' }),
  search: (lang: 'sv' | 'en') => portal.renderSearch(searchModel(), { lang, url: SEARCH_URL }),
  error: (lang: 'sv' | 'en') => portal.renderError({ status: 404 }, { lang, url: '/nowhere?x=1' }),
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function count(html: string, pattern: RegExp): number {
  return [...html.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].length;
}

describe('portal pages', () => {
  describe('every page', () => {
    for (const [name, render] of Object.entries(ALL)) {
      for (const lang of ['sv', 'en'] as const) {
        it(`${name} (${lang}): html lang, one h1, landmarks, skip link, footer links, the language switch`, () => {
          const html = render(lang);
          expect(html).to.match(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
          expect(count(html, /<h1[\s>]/)).to.equal(1);
          expect(count(html, /<main id="main"/)).to.equal(1);
          expect(html).to.include('<header class="site-header">').and.include('<footer class="site-footer">');
          expect(html).to.include(`<nav class="site-nav" aria-label="${MESSAGES[lang].mainNavigation}">`);
          expect(html).to.match(/<a class="skip-link" href="#main">/);
          for (const href of ['/sparql', '/catalog', '/.well-known/void']) expect(html).to.include(`href="${href}"`);
          expect(html).to.match(/href="\/embed(\?lang=\w+)?"/);
          const other = lang === 'sv' ? 'en' : 'sv';
          expect(html).to.match(new RegExp(`<a href="[^"]*lang=${other}[^"]*" hreflang="${other}" lang="${other}">${MESSAGES[lang].otherLanguageName}</a>`));
          expect(html).to.include('Dataportal Väst');
          expect(html).not.to.match(/<script/i);
        });
      }
    }
  });

  it('never lets a title become markup: <script> comes out escaped everywhere it is shown', () => {
    for (const html of [ALL.home('sv'), ALL.dataset('sv'), ALL.search('sv')]) {
      expect(html).to.include(ESCAPED_TITLE);
      expect(html).not.to.include('<script>');
    }
    // In the <title> of the dataset page too.
    expect(ALL.dataset('sv')).to.include(`<title>${ESCAPED_TITLE} – Dataportal Väst</title>`);
  });

  it('escapes what a user typed into the search box and the URL', () => {
    const model = searchModel();
    model.query.q = '"><img src=x onerror=alert(1)>';
    const html = portal.renderSearch(model, { lang: 'sv', url: `/search?q=${encodeURIComponent(model.query.q)}&x="><b>` });
    expect(html).not.to.include('<img');
    expect(html).not.to.include('<b>');
    expect(html).to.include('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  describe('language switch', () => {
    it('keeps the rest of the URL and only changes lang', () => {
      const html = portal.renderSearch(searchModel(), { lang: 'sv', url: SEARCH_URL });
      expect(html).to.include('href="/search?q=laddstolpe&amp;organisation=goteborg&amp;format=CSV&amp;page=2&amp;lang=en" hreflang="en"');
      const english = portal.renderSearch(searchModel(), { lang: 'en', url: `${SEARCH_URL}&lang=en` });
      expect(english).to.include('href="/search?q=laddstolpe&amp;organisation=goteborg&amp;format=CSV&amp;page=2&amp;lang=sv" hreflang="sv"');
    });

    it('carries a language chosen with ?lang= on internal links, and not one from Accept-Language', () => {
      const chosen = portal.renderHome(homeModel(), { lang: 'en', url: '/?lang=en' });
      expect(chosen).to.include('href="/organisations/goteborg?lang=en"');
      expect(chosen).to.include('href="http://127.0.0.1:3030/catalogs/goteborg/datasets/1?lang=en"');
      expect(chosen).to.include('<input type="hidden" name="lang" value="en">');
      const negotiated = portal.renderHome(homeModel(), { lang: 'en', url: '/' });
      expect(negotiated).to.include('href="/organisations/goteborg"');
      expect(negotiated).not.to.include('name="lang"');
    });
  });

  describe('lang on content in the other language', () => {
    it('marks an English-only title on the Swedish page, and a Swedish one on the English page', () => {
      const sv = ALL.home('sv');
      expect(sv).to.include('<span lang="en">School units in Borås</span>');
      expect(sv).to.include('<p class="dataset-card__description" lang="en">Every school unit, with address.</p>');
      const en = ALL.home('en');
      expect(en).to.include('>School units in Borås</a>');
      expect(en).to.include(`<span lang="sv">${ESCAPED_TITLE}</span>`);
    });

    it('shows the page language when the dataset has it, unmarked', () => {
      const en = ALL.dataset('en');
      expect(en).to.include('<h1>EV charging points</h1>');
      expect(en).to.include('<div class="description" lang="sv">');
      // Keywords in the page's language only, when there are any: the Swedish ones stay on the Swedish page.
      expect(en).to.include('>charging<');
      expect(en).not.to.include('laddstolpar</span>');
    });
  });

  describe('home', () => {
    it('shows the figures formatted per language, the topics, latest datasets and organisations', () => {
      const sv = ALL.home('sv');
      expect(sv).to.include('2\u00a0043</span> <span class="figure-list__label">datamängder');
      expect(sv).to.include('4\u00a0711');
      expect(ALL.home('en')).to.include('2,043</span> <span class="figure-list__label">datasets');
      for (const q of ['laddstolpar', 'skolenheter', 'm%C3%A5ltider', 'leverant%C3%B6rsreskontra', 'livsmedelskontroll']) {
        expect(sv).to.include(`href="/search?q=${q}"`);
      }
      expect(sv).to.match(/<th scope="row"><a href="\/organisations\/goteborg">Göteborgs Stad<\/a><\/th><td class="num">312<\/td>/);
      expect(sv).to.include('<time datetime="2025-02-15">15 februari 2025</time>');
      expect(ALL.home('en')).to.include('<time datetime="2025-02-15">15 February 2025</time>');
      expect(sv).to.include('<a href="/" aria-current="page">Start</a>');
    });

    it('links datasets under BASE_URL to their IRI and others through /resource', () => {
      const sv = ALL.home('sv');
      expect(sv).to.include(`href="${BASE}/catalogs/goteborg/datasets/1"`);
      expect(sv).to.include('href="/resource?iri=https%3A%2F%2Fdata.example.se%2Fdataset%2F3"');
    });
  });

  describe('organisation', () => {
    it('shows its facts, catalogs, a search within, and its datasets paged', () => {
      const html = ALL.organisation('sv');
      expect(html).to.include(`<h1>${GOTEBORG.name}</h1>`);
      expect(html).to.match(/<dt>Kommunkod<\/dt>\s*<dd><span class="iri">1480<\/span><\/dd>/);
      expect(html).to.match(/<dt>Organisationsnummer<\/dt>\s*<dd>212000-1355<\/dd>/);
      expect(html).to.match(/<dt>Invånare<\/dt>\s*<dd>607\u00a0882 \(2024\)<\/dd>/);
      expect(html).to.include('href="https://goteborg.se/"');
      expect(html).to.include('href="/catalogs/goteborg-miljo"><span lang="en">Environment catalogue</span>');
      expect(html).to.include('<input type="hidden" name="organisation" value="goteborg">');
      expect(html).to.include('<link rel="prev" href="/organisations/goteborg">');
      expect(html).to.include('<link rel="next" href="/organisations/goteborg?page=3">');
      expect(html).to.include('<a href="/organisations/goteborg?page=2" aria-current="page" aria-label="Sida 2">2</a>');
      expect(html).to.include('rel="next">Nästa');
    });
  });

  describe('catalog', () => {
    it('shows title, publisher, profile, count, last change, validation with its report, datasets and RDF alternates', () => {
      const html = ALL.catalog('en');
      expect(html).to.include('<h1>City of Gothenburg data catalogue</h1>');
      expect(html).to.include('<p class="lead" lang="sv">Öppna data från Göteborgs Stad.</p>');
      expect(html).to.match(/<dt>Publisher<\/dt>\s*<dd><a href="\/resource\?iri=http%3A%2F%2Fdataportal.se%2Forganisation%2FSE2120001355"><span lang="sv">Göteborgs Stad<\/span>/);
      expect(html).to.match(/<dt>Profile<\/dt>\s*<dd><span class="iri">dcat-ap-3<\/span>/);
      expect(html).to.match(/<dt>Number of datasets<\/dt>\s*<dd>290<\/dd>/);
      expect(html).to.include('<time datetime="2026-11-30T10:00:00Z">30 November 2026</time>');
      expect(html).to.include('validation--fails');
      expect(html).to.include('<strong>3 violations</strong>');
      expect(html).to.include('href="/catalogs/goteborg/validation"');
      for (const ext of ['ttl', 'jsonld', 'rdf', 'nt']) expect(html).to.include(`href="${BASE}/catalogs/goteborg.${ext}"`);
      expect(html).to.include(`<link rel="alternate" href="${BASE}/catalogs/goteborg.ttl" type="text/turtle">`);
      expect(html).to.include('<link rel="next" href="/catalogs/goteborg?page=2">');
    });
  });

  describe('dataset', () => {
    it('shows everything a reader asks about a dataset', () => {
      const html = ALL.dataset('sv');
      const facts: [string, string][] = [
        ['Utgivare', 'Göteborgs Stad'],
        ['Katalog', 'Göteborgs Stads datakatalog'],
        ['Teman', 'Transport'],
        ['Licens', 'CC0 1.0'],
        ['Åtkomsträttigheter', 'Offentlig'],
        ['Kontaktpunkt', 'Trafikkontoret'],
        ['Tidsperiod', '1 januari 2021 –'],
        ['Geografiskt område', 'SWE_GOT'],
        ['Publicerad', '1 mars 2021'],
        ['Ändrad', '2 november 2026'],
        ['Identifierare (IRI)', DATASET_IRI],
      ];
      for (const [term, value] of facts) expect(html).to.match(new RegExp(`<dt>${escape(term)}</dt>[\\s\\S]{0,400}${escape(value)}`), term);
      expect(html).to.include('href="mailto:trafik@goteborg.se"');
      expect(html).to.include('<p>Alla publika laddstolpar i Göteborg.</p>');
      expect(html).to.include('<p>Uppdateras varje natt.</p>');
      expect(html).to.include('href="/search?q=laddstolpar"');
      expect(html).to.include('<strong>Uppfyller profilen, 2 varningar</strong>');
      // The report opens at this dataset's findings.
      expect(html).to.include(`href="/catalogs/goteborg/validation?${new URLSearchParams({ dataset: DATASET_IRI })}"`);
      // Distributions: a table with headers, format, licence and both kinds of link.
      expect(html).to.match(/<th scope="col">Distribution<\/th><th scope="col">Format<\/th>/);
      expect(html).to.include(`<a href="${BASE}/catalogs/goteborg/datasets/laddstolpar/csv">Laddstolpar som CSV</a>`);
      expect(html).to.include('href="https://data.goteborg.se/laddstolpar.csv">Ladda ner<span class="visually-hidden"> – Laddstolpar som CSV</span>');
      expect(html).to.include('href="https://data.goteborg.se/api/laddstolpar">Öppna');
      expect(html).to.include('<span class="format-badge">JSON</span>');
      for (const ext of ['ttl', 'jsonld', 'rdf', 'nt']) expect(html).to.include(`href="${DATASET_IRI}.${ext}"`);
    });

    it('formats dates per language', () => {
      expect(ALL.dataset('en')).to.include('2 November 2026');
      expect(ALL.dataset('sv')).to.include('2 november 2026');
    });
  });

  describe('distribution', () => {
    it('shows format, links, size, licence, its dataset and RDF alternates', () => {
      const html = ALL.distribution('sv');
      expect(html).to.include('<h1>Laddstolpar som CSV</h1>');
      expect(html).to.match(/<dt>Format<\/dt>\s*<dd>CSV<\/dd>/);
      expect(html).to.match(/<dt>Storlek<\/dt>\s*<dd>1,5 MB<\/dd>/);
      expect(html).to.include('<a class="button" href="https://data.goteborg.se/laddstolpar.csv">Ladda ner</a>');
      expect(html).to.include(`<a href="${DATASET_IRI}"><span lang="en">EV charging points</span></a>`);
      expect(html).to.include(`href="${BASE}/catalogs/goteborg/datasets/laddstolpar/csv.ttl"`);
    });
  });

  describe('search', () => {
    it('is one GET form: query, facets as labelled checkboxes with counts, sort', () => {
      const html = ALL.search('sv');
      expect(html).to.include('<form class="search-form" role="search" aria-label="Sök data" action="/search" method="get">');
      expect(html).to.include('<input id="search-q" name="q" type="search" value="laddstolpe">');
      expect(html).to.include('<legend>Organisation</legend>');
      expect(html).to.match(/<input type="checkbox" id="f-organisation-0" name="organisation" value="goteborg" checked>\s*<label for="f-organisation-0">Göteborgs Stad <span class="facet__count">\(12\)<\/span><\/label>/);
      expect(html).to.match(/<input type="checkbox" id="f-format-1" name="format" value="JSON">/);
      for (const legend of ['Tema', 'Format', 'Licens', 'Åtkomsträttigheter']) expect(html).to.include(`<legend>${legend}</legend>`);
      expect(html).to.include('<option value="relevance" selected>Relevans</option>');
      expect(html).to.include('<label for="search-sort">Sortera efter</label>');
    });

    it('lists active filters, each removable by a link without it, and back to page 1', () => {
      const html = ALL.search('sv');
      expect(html).to.include('<a class="chip" href="/search?q=laddstolpe&amp;format=CSV"><span class="visually-hidden">Ta bort filter: </span><span class="chip__facet">Organisation:</span> Göteborgs Stad');
      expect(html).to.include('<a class="chip" href="/search?q=laddstolpe&amp;organisation=goteborg">');
      expect(html).to.include('<a href="/search?q=laddstolpe">Rensa alla filter</a>');
    });

    it('pages with rel=prev/next, and says how many matched', () => {
      const html = ALL.search('sv');
      expect(html).to.include('15 träffar för ”laddstolpe”');
      expect(html).to.include('<link rel="prev" href="/search?q=laddstolpe&amp;organisation=goteborg&amp;format=CSV">');
      expect(html).not.to.include('rel="next"');
      expect(html).to.include('<a href="/search?q=laddstolpe&amp;organisation=goteborg&amp;format=CSV&amp;page=2" aria-current="page"');
      expect(html).to.include('<a href="/search" aria-current="page">Sök data</a>');
    });

    it('keeps a selected facet value listed even when nothing matches it any more', () => {
      const model = searchModel();
      model.query.filters.theme = ['HEAL'];
      const html = portal.renderSearch(model, { lang: 'sv', url: '/search?theme=HEAL' });
      expect(html).to.match(/name="theme" value="HEAL" checked>\s*<label[^>]*>HEAL <span class="facet__count">\(0\)/);
    });

    it('says so when nothing matched', () => {
      const model = searchModel();
      model.result = { ...model.result, total: 0, results: [] };
      expect(portal.renderSearch(model, { lang: 'en', url: '/search?q=x' })).to.include('No datasets match your search.');
    });
  });

  describe('error page', () => {
    it('explains a 404 and offers a way on; other statuses get the general text', () => {
      const html = ALL.error('sv');
      expect(html).to.include('<h1>Sidan finns inte</h1>');
      expect(html).to.include('Felkod 404');
      expect(portal.renderError({ status: 500, detail: '<b>x</b>' }, { lang: 'en', url: '/' })).to.include('Something went wrong').and.include('&lt;b&gt;x&lt;/b&gt;');
    });
  });
});
