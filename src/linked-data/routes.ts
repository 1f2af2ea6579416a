import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../http/errors.js';
import { chooseRepresentation, isFormatSuffix, splitSuffix } from '../http/representation.js';
import { chunkSink, streamInto } from '../http/respond.js';
import { etagFor, notModified } from '../catalogs/conditional.js';
import { describeConstruct, findResource, type FoundResource } from './describe.js';

export const RESOURCE_PATH = '/resource';

/** A catalog-relative IRI names its catalog in the path: `{BASE_URL}/catalogs/{id}/…`. */
const CATALOG_MEMBER = /^\/catalogs\/([^/]+)\//;

/**
 * GET of a path under BASE_URL that no other route serves (`/catalogs/{id}/datasets/x`, `/datasets/x.ttl`): the
 * description of the IRI it names, when a public catalog graph describes it. A known suffix picks the format
 * unless the IRI itself ends with it.
 */
export function dereference(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const preferred = CATALOG_MEMBER.exec(req.path)?.[1];
    const { stem, suffix } = splitSuffix(req.path, isFormatSuffix);
    const tries: { path: string; suffix?: string }[] = suffix ? [{ path: stem, suffix }, { path: req.path }] : [{ path: req.path }];
    for (const attempt of tries) {
      for (const iri of spellings(ctx.config.baseUrl, attempt.path)) {
        const found = await findResource(ctx, iri, preferred);
        if (found) return sendDescription(ctx, req, res, found, attempt.suffix, (ext) => `${iri}.${ext}`);
      }
    }
    throw notFound(`Nothing is served at ${req.path}: no public catalog describes <${ctx.config.baseUrl}${stem}>`);
  };
}

/** GET /resource{.:ext}?iri=…: the description of an IRI outside BASE_URL (publishers' own IRIs). */
export function resourceByIri(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const iri = req.query.iri;
    if (typeof iri !== 'string' || !iri) throw badRequest('Name the resource: /resource?iri=<absolute IRI>');
    if (!/^[a-z][a-z0-9+.-]*:/i.test(iri)) throw badRequest(`"${iri}" is not an absolute IRI`);
    const suffix = typeof req.params.ext === 'string' ? req.params.ext : undefined;
    const found = await findResource(ctx, iri);
    if (!found) {
      // An organisation's dataportal.se IRI that no catalog describes is still described here, by its own route.
      const org = ctx.organisations.all().find((candidate) => ctx.organisations.publisherIri(candidate) === iri);
      if (!org) throw notFound(`No public catalog describes <${iri}>`);
      res.redirect(303, `${ctx.organisations.documentIri(org)}${suffix ? `.${suffix}` : ''}`);
      return;
    }
    const url = (ext: string) => `${ctx.config.baseUrl}${RESOURCE_PATH}.${ext}?iri=${encodeURIComponent(iri)}`;
    return sendDescription(ctx, req, res, found, suffix, url);
  };
}

/** The path as requested, and with percent-escapes decoded when that differs (IRIs may hold non-ASCII letters). */
function spellings(baseUrl: string, path: string): string[] {
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // A malformed escape can only be the IRI as written.
  }
  return decoded === path ? [`${baseUrl}${path}`] : [`${baseUrl}${path}`, `${baseUrl}${decoded}`];
}

async function sendDescription(ctx: AppContext, req: Request, res: Response, found: FoundResource, suffix: string | undefined, alternate: (ext: string) => string): Promise<void> {
  const chosen = chooseRepresentation(req, res, { suffix, alternate, html: ctx.pages?.resource?.(found) });
  if (chosen.kind === 'html') return chosen.render(req, res);
  if (chosen.kind !== 'rdf') throw new Error(`no ${chosen.mediaType} view of a resource`);
  // The description changes only with its catalog, so the catalog's version validates it.
  const headers = { ETag: etagFor(found.catalog, chosen.extension), 'Last-Modified': new Date(found.catalog.modified).toUTCString() };
  if (notModified(req, found.catalog)) {
    res.status(304).set(headers).end();
    return;
  }
  const sink = chunkSink(res, 200, `${chosen.mediaType}; charset=utf-8`, headers);
  await streamInto(res, sink, () => ctx.store.render([{ graph: found.graph, construct: describeConstruct(found.graph, found.iri) }], chosen.mediaType, sink.onChunk));
}
