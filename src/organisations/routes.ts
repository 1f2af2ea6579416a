import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { methodNotAllowed, notFound } from '../http/errors.js';
import { chooseRepresentation, type HtmlRenderer, type Representation } from '../http/representation.js';
import { etagFor, notModified } from '../catalogs/conditional.js';
import { fingerprint } from '../rdf/fingerprint.js';
import { serializeGraph } from '../rdf/serialize.js';
import { organisationJson, organisationTriples } from './describe.js';
import { ORGANISATIONS_PATH } from './organisations.js';

/** The plain JSON view, offered after the RDF syntaxes. */
const JSON_VIEW = { mediaType: 'application/json', extension: 'json' };

/**
 * The organisations are read once at start-up and never change while the server runs, so one version (a hash of
 * what is served) and the start time validate every representation of them.
 */
function organisationsVersion(ctx: AppContext) {
  const all = ctx.organisations.all();
  const text = all.map((org) => organisationTriples(org, ctx.organisations)).join('') + JSON.stringify(all);
  return { version: fingerprint(text), modified: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString() };
}

/** `GET /organisations{.:format}`: every organisation, as RDF or as a JSON array. */
export function organisationList(ctx: AppContext) {
  const version = organisationsVersion(ctx);
  const url = `${ctx.config.baseUrl}${ORGANISATIONS_PATH}`;
  return async (req: Request, res: Response): Promise<void> => {
    allowRead(req);
    const chosen = chooseType(req, res, url, ctx.pages?.organisations?.());
    if (chosen.kind === 'html') return chosen.render(req, res);
    if (answeredNotModified(req, res, version, chosen)) return;
    const organisations = ctx.organisations.all();
    if (chosen.kind === 'extra') {
      res.json(organisations.map((org) => organisationJson(org, ctx.organisations)));
      return;
    }
    const ntriples = organisations.map((org) => organisationTriples(org, ctx.organisations)).join('');
    await sendRdf(res, ntriples, chosen);
  };
}

/** `GET /organisations/:id{.:format}`: one organisation. */
export function organisationDescription(ctx: AppContext) {
  const version = organisationsVersion(ctx);
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id);
    allowRead(req);
    const org = ctx.organisations.get(id);
    if (!org) throw notFound(`There is no organisation "${id}"; GET ${ORGANISATIONS_PATH} lists them`);
    const chosen = chooseType(req, res, ctx.organisations.documentIri(org), ctx.pages?.organisation?.(org));
    if (chosen.kind === 'html') return chosen.render(req, res);
    if (answeredNotModified(req, res, version, chosen)) return;
    if (chosen.kind === 'extra') {
      res.json(organisationJson(org, ctx.organisations));
      return;
    }
    await sendRdf(res, organisationTriples(org, ctx.organisations), chosen);
  };
}

function chooseType(req: Request, res: Response, url: string, html: HtmlRenderer | undefined): Representation {
  const suffix = req.params.format as string | undefined;
  return chooseRepresentation(req, res, { suffix, alternate: (ext) => `${url}.${ext}`, extra: [JSON_VIEW], html });
}

function answeredNotModified(req: Request, res: Response, version: { version: string; modified: string }, chosen: Representation): boolean {
  res.setHeader('ETag', etagFor(version, chosen.extension));
  res.setHeader('Last-Modified', new Date(version.modified).toUTCString());
  if (!notModified(req, version)) return false;
  res.status(304).end();
  return true;
}

function allowRead(req: Request): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
}

async function sendRdf(res: Response, ntriples: string, chosen: Representation & { kind: 'rdf' }): Promise<void> {
  const body = await serializeGraph(ntriples, chosen.format);
  res.status(200).type(`${chosen.mediaType}; charset=utf-8`).send(body);
}
