import { templates } from '../http/html-pages.js';
import { EMBED_MESSAGES } from './messages.js';
import { themeDeclarations, type EmbedTheme } from './theme.js';
import { EMBED_MAX_QUERY_LENGTH, type EmbedViewModel } from './view-model.js';

const views = templates('src/embed/views');
const DESCRIPTION_LENGTH = 240;

export interface EmbedPageOptions {
  theme: EmbedTheme;
  /** Nonce of the page's inline `<style>` elements (its CSP allows no other inline style). */
  nonce: string;
  /** The stylesheet shared with embed.js. */
  stylesheet: string;
  /** Where "From Dataportal Väst" links to. */
  portal: string;
}

/** The iframe page: an organisation's datasets, a search form that works without script, and paging links. */
export function renderEmbedPage(model: EmbedViewModel, options: EmbedPageOptions): string {
  const pages = Math.max(1, Math.ceil(model.total / model.pageSize));
  // Language and theme ride along in the form and the paging links, so the host's choice survives each click.
  const keep: [string, string][] = [['lang', model.lang], ...Object.entries(options.theme)];
  const link = (page: number) => {
    const params = new URLSearchParams([...(model.q ? [['q', model.q]] : []), ...keep, ...(page > 1 ? [['page', String(page)]] : [])]);
    return `?${params}`;
  };
  return views.render('page', {
    model,
    m: EMBED_MESSAGES[model.lang],
    themeCss: themeDeclarations(options.theme),
    nonce: options.nonce,
    stylesheet: options.stylesheet,
    portal: options.portal,
    keep,
    pages,
    previous: model.page > 1 ? link(Math.min(model.page - 1, pages)) : null,
    next: model.page < pages ? link(model.page + 1) : null,
    maxQueryLength: EMBED_MAX_QUERY_LENGTH,
    href: (dataset: EmbedViewModel['results'][number]) => webLink(dataset.url) ?? webLink(dataset.iri) ?? options.portal,
    shorten: (text: string) => (text.length > DESCRIPTION_LENGTH ? `${text.slice(0, DESCRIPTION_LENGTH - 1).trimEnd()}…` : text),
  });
}

/** Only web links become links: a catalog's `javascript:` or `data:` IRI must never be clickable. */
function webLink(value: string | null): string | null {
  return value && /^https?:\/\//i.test(value) ? value : null;
}
