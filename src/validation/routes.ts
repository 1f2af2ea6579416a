import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest, methodNotAllowed } from '../http/errors.js';
import { negotiate } from '../http/negotiate.js';
import { readRdfBody } from '../http/rdf-body.js';
import type { CatalogValidator } from './catalog-validator.js';
import { findProfile, PROFILES } from './profiles.js';
import { REPORT_MEDIA_TYPES, writeReport, type ValidationReport } from './report.js';

export const VALIDATE_PATH = '/validate';

/**
 * POST /validate?profile={id}: validate an RDF document against a profile and answer 200 with the report, in the
 * format Accept asks for (REPORT_MEDIA_TYPES; JSON by default). Stores nothing; no token. Relative IRIs resolve
 * against `{BASE_URL}/catalogs/{catalog}/` when `&catalog={id}` is given (as a PUT to that catalogue would), else
 * against `{BASE_URL}/validate/`.
 */
export function validateEndpoint(ctx: AppContext, validator: CatalogValidator) {
  return async (req: Request, res: Response): Promise<void> => {
    if (req.method !== 'POST') throw methodNotAllowed(req.method, ['POST']);
    const profileId = singleParameter(req, 'profile');
    const known = PROFILES.map((p) => p.id);
    if (!profileId) throw badRequest(`Name the profile to validate against: ?profile=… (one of ${known.join(', ')})`, { profiles: known });
    if (!findProfile(profileId)) throw badRequest(`Unknown profile "${profileId}"; known profiles: ${known.join(', ')}`, { profiles: known });
    const catalog = singleParameter(req, 'catalog');
    if (catalog !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(catalog)) throw badRequest(`"${catalog}" is not a catalogue id`);
    // Negotiate before reading the body: a client that accepts nothing we write learns it at once.
    const mediaType = negotiate(req.headers, REPORT_MEDIA_TYPES);
    const base = catalog ? `${ctx.config.baseUrl}/catalogs/${catalog}/` : `${ctx.config.baseUrl}/validate/`;
    const body = await readRdfBody(req, ctx, base);
    const { report } = await validator.validate(profileId, body.ntriples, undefined, { keepIndex: false });
    res.setHeader('Vary', 'Accept');
    res.status(200).type(`${mediaType}; charset=utf-8`).send(await writeReport(report, mediaType));
  };
}

/**
 * Send a report with `status` (200 on /validate, 422 for a refused write, 2xx with warnings), negotiated on
 * Accept. When Accept allows none of the report formats the JSON report is sent anyway: a 406 would hide why the
 * write was refused.
 */
export async function sendReport(req: Request, res: Response, status: number, report: ValidationReport): Promise<void> {
  let mediaType = REPORT_MEDIA_TYPES[0]!;
  try {
    mediaType = negotiate(req.headers, REPORT_MEDIA_TYPES);
  } catch {
    // keep JSON
  }
  res.setHeader('Vary', 'Accept');
  res.status(status).type(`${mediaType}; charset=utf-8`).send(await writeReport(report, mediaType));
}

function singleParameter(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`Give ?${name}= once`);
  return value;
}
