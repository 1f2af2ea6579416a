import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { isMemberOf, isRegionAdmin } from '../auth/access.js';
import { decodeUtf8, requestType, requireUtf8 } from '../http/body.js';
import { readBody, type BodyPace } from '../http/receive-body.js';
import { badRequest, forbidden, methodNotAllowed, notFound, unauthorized, unsupportedMediaType } from '../http/errors.js';
import { ORGANISATIONS_PATH } from '../organisations/organisations.js';
import { setTier } from './set-tier.js';
import { tierStatus, today } from './tier-status.js';

/** A tier request is a few dozen bytes; anything near this is not one. */
const MAX_REQUEST_BYTES = 16 * 1024;
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The region's form posts here (`organisation`, `tier`, `validFrom`) and is sent back to the overview. */
export const TIER_FORM_PATH = '/admin/tier';
export const OVERVIEW_PATH = '/admin';

/**
 * `/organisations/{id}/tier`: GET the organisation's tier today, the day it joined and its whole history (region
 * administrators and the organisation's members); PUT `{"tier": "AVANCERAD", "validFrom": "2026-04-01"}` to set the
 * tier from that day on (region administrators), answered with the same view after the change.
 */
export function tierEndpoint(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id);
    if (req.method === 'GET' || req.method === 'HEAD') {
      const principal = ctx.auth.identify(req);
      if (!principal) throw unauthorized(`Reading the tier of "${id}" needs a token of the organisation or of a region administrator`);
      if (!ctx.organisations.get(id)) throw notFound(`There is no organisation "${id}"; GET ${ORGANISATIONS_PATH} lists them`);
      if (!isRegionAdmin(principal) && !isMemberOf(principal, id)) throw forbidden(`Only the members of "${id}" and region administrators may read its tier`);
      res.setHeader('Cache-Control', 'no-store');
      res.json(tierView(ctx, id));
      return;
    }
    if (req.method !== 'PUT') throw methodNotAllowed(req.method, ['GET', 'HEAD', 'PUT']);
    const principal = ctx.auth.requireAdmin(req, 'Setting a tier');
    const input = await readJsonObject(req, ctx.config);
    setTier(ctx, principal, id, input);
    res.setHeader('Cache-Control', 'no-store');
    res.json(tierView(ctx, id));
  };
}

/**
 * `POST /admin/tier` from the region's overview page: a plain form post (`organisation`, `tier`, `validFrom`,
 * urlencoded) that sets the tier as the PUT does and answers 303 to the overview, which confirms the change. A
 * refused post answers the problem (an HTML error page for a browser). CSRF protection wraps this handler where it
 * is mounted (app.ts), the one place that knows about sessions.
 */
export function tierForm(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const principal = ctx.auth.requireAdmin(req, 'Setting a tier');
    const type = requestType(req);
    if (type?.mediaType !== FORM_TYPE) throw unsupportedMediaType(req.headers['content-type'], [FORM_TYPE]);
    requireUtf8(type, [FORM_TYPE]);
    const fields = new URLSearchParams(decodeUtf8(await readBody(req, MAX_REQUEST_BYTES, ctx.config), 'form'));
    const organisation = fields.get('organisation') ?? '';
    if (!organisation) throw badRequest('"organisation" is required: the id of an organisation', { field: 'organisation' });
    setTier(ctx, principal, organisation, { tier: fields.get('tier') ?? undefined, validFrom: fields.get('validFrom') ?? undefined });
    const back = new URLSearchParams({ changed: organisation });
    const lang = fields.get('lang');
    if (lang === 'sv' || lang === 'en') back.set('lang', lang);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, `${OVERVIEW_PATH}?${back}#org-${organisation}`);
  };
}

/** The organisation's tier today, since when, when it joined, and every change (oldest first). */
export function tierView(ctx: Pick<AppContext, 'tiers'>, organisation: string) {
  const status = tierStatus(ctx.tiers, organisation, today());
  return {
    organisation,
    tier: status.tier ?? null,
    since: status.since ?? null,
    joined: status.joined ?? null,
    history: ctx.tiers.changes(organisation).map((c) => ({ tier: c.tier, validFrom: c.validFrom, setBy: c.setBy, setAt: c.setAt })),
  };
}

async function readJsonObject(req: Request, pace: BodyPace): Promise<Record<string, unknown>> {
  const type = requestType(req);
  if (type?.mediaType !== JSON_TYPE) throw unsupportedMediaType(req.headers['content-type'], [JSON_TYPE]);
  requireUtf8(type, [JSON_TYPE]);
  const text = decodeUtf8(await readBody(req, MAX_REQUEST_BYTES, pace), 'body');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object such as {"tier": "AVANCERAD", "validFrom": "2026-04-01"}');
  }
  return body as Record<string, unknown>;
}
