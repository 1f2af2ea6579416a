import path from 'node:path';
import { createRequire } from 'node:module';
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { negotiate } from '../http/negotiate.js';
import { notFound } from '../http/errors.js';
import { PACKAGE_ROOT, pageLanguage, searchParams, sendHtml, templates } from '../http/html-pages.js';
import { GRAPH_FORMATS } from '../rdf/formats.js';
import { SPARQL_EXAMPLES, exampleById } from './examples.js';
import { EDITOR_MESSAGES } from './messages.js';

const require = createRequire(import.meta.url);
/** Found through Node's resolution, so it works from any working directory and with hoisted node_modules. */
const YASGUI_BUILD = path.join(path.dirname(require.resolve('@zazuko/yasgui/package.json')), 'build');
const YASGUI_VERSION = (require('@zazuko/yasgui/package.json') as { version: string }).version;
const YASGUI_FILES = new Map([
  ['yasgui.min.js', 'text/javascript; charset=utf-8'],
  ['yasgui.min.css', 'text/css; charset=utf-8'],
  ['yasgui.min.js.map', 'application/json; charset=utf-8'],
]);
const PAGE_ASSETS = new Map([
  ['sparql-editor.js', 'text/javascript; charset=utf-8'],
  ['sparql-editor.css', 'text/css; charset=utf-8'],
]);
const ASSETS_DIR = path.join(PACKAGE_ROOT, 'src', 'sparql-editor', 'assets');

/** The versioned path makes YASGUI's files immutable for caches; an upgrade changes the URL. */
export const YASGUI_ASSETS_PATH = `/assets/yasgui/${YASGUI_VERSION}`;
export const EDITOR_ASSETS_PATH = '/assets/sparql-editor';

/**
 * YASGUI reaches no other host once configured (sparql-editor.js), so the page can forbid everything but itself.
 * YASGUI and DataTables set `style` attributes from script, hence 'unsafe-inline' for styles only.
 */
const EDITOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

const RDF_TYPES = GRAPH_FORMATS.map((format) => format.mediaType);
const views = templates('src/sparql-editor/views');

/**
 * GET /sparql without a query, from a browser: the query editor. Every other request (a query, `*\/*`, an RDF or
 * results type, no Accept at all) goes on to the protocol endpoint unchanged; HTML is offered last, so it wins only
 * when the client ranks it above every RDF syntax.
 */
export function sparqlEditorPage(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const query = searchParams(req);
    if (query.has('query') || query.has('update') || !wantsHtml(req)) return next();
    const lang = pageLanguage(req, query);
    const html = views.render('editor', {
      lang,
      m: EDITOR_MESSAGES[lang],
      endpoint: `${ctx.config.baseUrl}/sparql`,
      examples: SPARQL_EXAMPLES,
      example: exampleById(query.get('example') ?? undefined),
      assets: {
        yasguiJs: `${YASGUI_ASSETS_PATH}/yasgui.min.js`,
        yasguiCss: `${YASGUI_ASSETS_PATH}/yasgui.min.css`,
        pageJs: `${EDITOR_ASSETS_PATH}/sparql-editor.js`,
        pageCss: `${EDITOR_ASSETS_PATH}/sparql-editor.css`,
      },
    });
    sendHtml(res, html, {
      Vary: 'Accept, Accept-Language',
      'Content-Security-Policy': EDITOR_CSP,
      'Content-Language': lang,
      'Cache-Control': 'no-cache',
    });
  };
}

function wantsHtml(req: Request): boolean {
  if (!req.headers.accept) return false;
  try {
    return negotiate(req.headers, [...RDF_TYPES, 'text/html']) === 'text/html';
  } catch {
    return false; // the endpoint answers 406 with the types it offers
  }
}

/** GET /assets/yasgui/{version}/{file}: YASGUI's build, straight from the installed package. */
export function yasguiAsset() {
  return (req: Request<{ file: string }>, res: Response): void => {
    const type = YASGUI_FILES.get(req.params.file);
    if (!type) throw notFound(`No YASGUI file ${req.params.file}`);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Content-Type', type);
    res.sendFile(path.join(YASGUI_BUILD, req.params.file), { cacheControl: false });
  };
}

/** GET /assets/sparql-editor/{file}: the page's own script and styles. Unversioned, so cached for an hour only. */
export function editorAsset() {
  return (req: Request<{ file: string }>, res: Response): void => {
    const type = PAGE_ASSETS.get(req.params.file);
    if (!type) throw notFound(`No editor file ${req.params.file}`);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('Content-Type', type);
    res.sendFile(path.join(ASSETS_DIR, req.params.file), { cacheControl: false });
  };
}
