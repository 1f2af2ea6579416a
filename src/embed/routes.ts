import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../http/errors.js';
import { PACKAGE_ROOT, cspNonce, pageLanguage, searchParams, sendHtml, templates } from '../http/html-pages.js';
import { EMBED_DOCS } from './docs.js';
import { renderEmbedPage } from './render.js';
import { THEME_PROPERTIES, themeFromQuery } from './theme.js';
import { EMBED_MAX_PAGE, EMBED_MAX_QUERY_LENGTH, EMBED_PAGE_SIZE, type EmbedDatasets } from './view-model.js';

export const EMBED_SCRIPT_PATH = '/embed.js';
export const EMBED_STYLESHEET_PATH = '/assets/embed/embed.css';
const ASSETS = path.join(PACKAGE_ROOT, 'src', 'embed', 'assets');
const DEFAULT_EXAMPLE_ORGANISATION = 'goteborg';

const views = templates('src/embed/views');

/** Read once: the stylesheet, and embed.js with that stylesheet inlined, so the iframe and the script look alike. */
const STYLESHEET = fs.readFileSync(path.join(ASSETS, 'embed.css'), 'utf8');
const SCRIPT = fs.readFileSync(path.join(ASSETS, 'embed.js'), 'utf8').replace('"__DPV_EMBED_CSS__"', () => JSON.stringify(STYLESHEET));
const SCRIPT_ETAG = `"${crypto.createHash('sha256').update(SCRIPT).digest('base64url').slice(0, 22)}"`;

/**
 * GET /embed/{organisation}: the iframe page. Any site may frame it (`frame-ancestors *`, no X-Frame-Options);
 * nothing else is allowed in: no script at all, styles only from here or the nonce'd theme.
 */
export function embedPage(ctx: AppContext, datasets: EmbedDatasets) {
  return async (req: Request<{ organisation: string }>, res: Response): Promise<void> => {
    const organisation = ctx.organisations.get(req.params.organisation);
    if (!organisation) throw notFound(`No organisation "${req.params.organisation}"`);
    const query = searchParams(req);
    const lang = pageLanguage(req, query);
    const theme = themeFromQuery(query);
    const q = (query.get('q') ?? '').trim();
    if (q.length > EMBED_MAX_QUERY_LENGTH) throw badRequest(`"q" may be at most ${EMBED_MAX_QUERY_LENGTH} characters`);
    const page = pageNumber(query.get('page'));
    const found = await datasets.find({ organisation: organisation.id, q, lang, page, pageSize: EMBED_PAGE_SIZE });
    const nonce = cspNonce();
    const html = renderEmbedPage(
      { organisation: { id: organisation.id, name: organisation.name }, q, lang, total: found.total, results: found.results, page, pageSize: EMBED_PAGE_SIZE },
      { theme, nonce, stylesheet: EMBED_STYLESHEET_PATH, portal: `${ctx.config.baseUrl}/` },
    );
    sendHtml(res, html, {
      'Content-Security-Policy': `default-src 'none'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *`,
      'Content-Language': lang,
      Vary: 'Accept-Language',
      'Cache-Control': 'public, max-age=60',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  };
}

function pageNumber(value: string | null): number {
  if (value === null || value === '') return 1;
  const page = Number(value);
  if (!Number.isInteger(page) || page < 1 || page > EMBED_MAX_PAGE) throw badRequest(`"page" must be a whole number from 1 to ${EMBED_MAX_PAGE}, got "${value}"`);
  return page;
}

/** GET /embed: how to embed, with a live iframe and a live script of one organisation (`?organisation=`). */
export function embedDocs(ctx: AppContext) {
  return (req: Request, res: Response): void => {
    const query = searchParams(req);
    const lang = pageLanguage(req, query);
    const id = query.get('organisation') ?? DEFAULT_EXAMPLE_ORGANISATION;
    const organisation = ctx.organisations.get(id);
    if (!organisation) throw notFound(`No organisation "${id}"`);
    const base = ctx.config.baseUrl;
    const nonce = cspNonce();
    const html = views.render('docs', {
      lang,
      d: EMBED_DOCS[lang],
      nonce,
      organisation,
      iframeSrc: `/embed/${organisation.id}?lang=${lang}`,
      scriptSrc: EMBED_SCRIPT_PATH,
      iframeSnippet: `<iframe src="${base}/embed/${organisation.id}?lang=${lang}&accent=%23005a9c" title="${EMBED_DOCS[lang].iframeTitle} ${organisation.name}" width="100%" height="600" style="border:0"></iframe>`,
      scriptSnippet: `<script src="${base}${EMBED_SCRIPT_PATH}" data-organisation="${organisation.id}" data-lang="${lang}" async></script>`,
      properties: Object.entries(THEME_PROPERTIES),
    });
    sendHtml(res, html, {
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'self'`,
      'Content-Language': lang,
      Vary: 'Accept-Language',
      'Cache-Control': 'no-cache',
    });
  };
}

/**
 * GET /embed.js. Unversioned (host pages keep the same tag for years), so cached for an hour and revalidated by
 * ETag; loadable from any origin, including pages that require CORP.
 */
export function embedScript() {
  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', SCRIPT_ETAG);
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.headers['if-none-match'] === SCRIPT_ETAG) {
      res.status(304).end();
      return;
    }
    res.type('text/javascript; charset=utf-8').send(SCRIPT);
  };
}

/** GET /assets/embed/embed.css: the iframe page's stylesheet (embed.js has it inlined). */
export function embedStylesheet() {
  return (_req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css; charset=utf-8').send(STYLESHEET);
  };
}
