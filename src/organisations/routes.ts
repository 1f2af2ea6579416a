import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { methodNotAllowed, notFound } from '../http/errors.js';
import { negotiate } from '../http/negotiate.js';
import { formatByExtension, formatByMediaType, GRAPH_FORMATS } from '../rdf/formats.js';
import { serializeGraph } from '../rdf/serialize.js';
import { organisationJson, organisationTriples } from './describe.js';
import { ORGANISATIONS_PATH } from './organisations.js';

const JSON_TYPE = 'application/json';
/** The RDF syntaxes in the server's order of preference, then the plain JSON view. */
const OFFERED = [...GRAPH_FORMATS.map((f) => f.mediaType), JSON_TYPE];

/** `GET /organisations{.:format}`: every organisation, as RDF or as a JSON array. */
export function organisationList(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    allowRead(req);
    const mediaType = chooseType(req, res, ORGANISATIONS_PATH);
    const organisations = ctx.organisations.all();
    if (mediaType === JSON_TYPE) {
      res.json(organisations.map((org) => organisationJson(org, ctx.organisations)));
      return;
    }
    const ntriples = organisations.map((org) => organisationTriples(org, ctx.organisations)).join('');
    await sendRdf(res, ntriples, mediaType);
  };
}

/** `GET /organisations/:id{.:format}`: one organisation. */
export function organisationDescription(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id);
    allowRead(req);
    const org = ctx.organisations.get(id);
    if (!org) throw notFound(`There is no organisation "${id}"; GET ${ORGANISATIONS_PATH} lists them`);
    const mediaType = chooseType(req, res, `${ORGANISATIONS_PATH}/${id}`);
    if (mediaType === JSON_TYPE) {
      res.json(organisationJson(org, ctx.organisations));
      return;
    }
    await sendRdf(res, organisationTriples(org, ctx.organisations), mediaType);
  };
}

/** A suffix (`.ttl`, `.jsonld`, `.rdf`, `.nt`, `.json`) picks the format outright; otherwise Accept decides. */
function chooseType(req: Request, res: Response, path: string): string {
  const suffix = req.params.format as string | undefined;
  if (suffix !== undefined) {
    const type = suffix === 'json' ? JSON_TYPE : formatByExtension(suffix)?.mediaType;
    if (!type) throw notFound(`Nothing is served at ${path}.${suffix}; the suffixes are .ttl, .jsonld, .rdf, .nt and .json`);
    return type;
  }
  res.setHeader('Vary', 'Accept');
  return negotiate(req.headers, OFFERED);
}

function allowRead(req: Request): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
}

async function sendRdf(res: Response, ntriples: string, mediaType: string): Promise<void> {
  const body = await serializeGraph(ntriples, formatByMediaType(mediaType)!);
  res.status(200).type(`${mediaType}; charset=utf-8`).send(body);
}
