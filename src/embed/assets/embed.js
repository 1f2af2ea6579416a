// Dataportal Väst: an organisation's datasets on any web page.
//   <script src="{BASE_URL}/embed.js" data-organisation="goteborg" async></script>
// Renders after its own script tag, inside a shadow root (the host's styles stay out, ours stay in), defines no
// global, and talks only to the server it was loaded from: BASE_URL is taken from this script's own src.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const base = new URL('.', script.src);
  const organisation = script.dataset.organisation;
  if (!organisation) {
    console.warn('Dataportal Väst embed.js: data-organisation is missing');
    return;
  }
  const pageLang = (script.dataset.lang || document.documentElement.lang || 'sv').toLowerCase();
  const lang = pageLang.startsWith('en') ? 'en' : 'sv';
  const pageSize = 10;

  const TEXT = {
    sv: {
      searchLabel: 'Sök bland datamängderna',
      searchButton: 'Sök',
      count: (n) => (n === 1 ? '1 datamängd' : `${n.toLocaleString('sv-SE')} datamängder`),
      matching: 'som matchar',
      none: 'Inga datamängder hittades.',
      loading: 'Hämtar datamängder …',
      failed: 'Datamängderna kunde inte hämtas just nu.',
      modified: 'Ändrad',
      previous: 'Föregående',
      next: 'Nästa',
      pageOf: (page, pages) => `Sida ${page} av ${pages}`,
      pagination: 'Sidor',
      source: 'Från Dataportal Väst',
      newWindow: '(öppnas i nytt fönster)',
    },
    en: {
      searchLabel: 'Search the datasets',
      searchButton: 'Search',
      count: (n) => (n === 1 ? '1 dataset' : `${n.toLocaleString('en-GB')} datasets`),
      matching: 'matching',
      none: 'No datasets found.',
      loading: 'Loading datasets …',
      failed: 'The datasets could not be loaded just now.',
      modified: 'Modified',
      previous: 'Previous',
      next: 'Next',
      pageOf: (page, pages) => `Page ${page} of ${pages}`,
      pagination: 'Pages',
      source: 'From Dataportal Väst',
      newWindow: '(opens in a new window)',
    },
  }[lang];

  // Replaced by the server with the stylesheet the iframe page uses.
  const CSS = "__DPV_EMBED_CSS__";
  const HOST_CSS = ':host { all: initial; display: block; contain: content; }';

  const el = (name, attributes = {}, ...children) => {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(key, value === true ? '' : String(value));
    }
    node.append(...children);
    return node;
  };

  const host = document.createElement('div');
  host.setAttribute('data-dpv-embed', organisation);
  script.after(host);
  const root = host.attachShadow({ mode: 'open' });
  // A constructed sheet is not inline style, so a host page's strict CSP does not block it.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`${HOST_CSS}\n${CSS}`);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(el('style', {}, `${HOST_CSS}\n${CSS}`));
  }

  const uid = Math.random().toString(36).slice(2, 8);
  const input = el('input', { type: 'search', id: `dpv-q-${uid}`, name: 'q', maxlength: 200 });
  const form = el(
    'form',
    { role: 'search' },
    el('label', { for: `dpv-q-${uid}` }, TEXT.searchLabel),
    input,
    el('button', { type: 'submit' }, TEXT.searchButton),
  );
  const status = el('p', { class: 'dpv-status', role: 'status' }, TEXT.loading);
  const list = el('div');
  const pager = el('div');
  const source = el('p', { class: 'dpv-source' }, el('a', { href: base.href, target: '_blank', rel: 'noopener' }, TEXT.source, el('span', { class: 'dpv-visually-hidden' }, ` ${TEXT.newWindow}`)));
  const container = el('section', { class: 'dpv', lang }, form, status, list, pager, source);
  root.append(container);

  let current = { q: '', page: 1 };
  let controller = null;

  const load = async (q, page) => {
    current = { q, page };
    controller?.abort();
    controller = new AbortController();
    // pageSize is sent, not assumed: /search's default (20) is not the widget's page, and the pager counts with ours.
    const params = new URLSearchParams({ organisation, q, lang, page: String(page), pageSize: String(pageSize) });
    status.textContent = TEXT.loading;
    try {
      const res = await fetch(new URL(`search?${params}`, base), {
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        signal: controller.signal,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      render(await res.json());
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      status.textContent = TEXT.failed;
      list.replaceChildren();
      pager.replaceChildren();
    }
  };

  const render = (data) => {
    const total = Number(data.total) || 0;
    const results = Array.isArray(data.results) ? data.results : [];
    status.textContent = current.q ? `${TEXT.count(total)} ${TEXT.matching} ”${current.q}”` : TEXT.count(total);
    if (results.length === 0) {
      list.replaceChildren(el('p', {}, TEXT.none));
    } else {
      list.replaceChildren(
        el('ul', { class: 'dpv-results' }, ...results.map((dataset) => {
          const item = el('li', {}, el('h3', {}, el('a', { href: safeLink(dataset.url || dataset.iri), target: '_blank', rel: 'noopener' }, String(dataset.title ?? dataset.iri), el('span', { class: 'dpv-visually-hidden' }, ` ${TEXT.newWindow}`))));
          if (dataset.description) item.append(el('p', {}, shorten(String(dataset.description))));
          if (dataset.modified) item.append(el('p', { class: 'dpv-date' }, `${TEXT.modified} `, el('time', { datetime: dataset.modified }, String(dataset.modified).slice(0, 10))));
          return item;
        })),
      );
    }
    const pages = Math.max(1, Math.ceil(total / pageSize));
    if (pages <= 1) {
      pager.replaceChildren();
      return;
    }
    const previous = el('button', { type: 'button', disabled: current.page <= 1 }, TEXT.previous);
    const next = el('button', { type: 'button', disabled: current.page >= pages }, TEXT.next);
    previous.addEventListener('click', () => load(current.q, current.page - 1));
    next.addEventListener('click', () => load(current.q, current.page + 1));
    pager.replaceChildren(el('nav', { class: 'dpv-pager', 'aria-label': TEXT.pagination }, previous, el('span', {}, TEXT.pageOf(current.page, pages)), next));
  };

  // Only web links are followed: a javascript: URL from a catalog must never become a clickable link.
  const safeLink = (href) => {
    try {
      const url = new URL(href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : base.href;
    } catch {
      return base.href;
    }
  };
  const shorten = (text) => (text.length > 240 ? `${text.slice(0, 239).trimEnd()}…` : text);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load(input.value.trim(), 1);
  });
  load('', 1);
})();
