import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest, HttpError, methodNotAllowed } from '../http/errors.js';
import { negotiate } from '../http/negotiate.js';
import { requestType } from '../http/body.js';
import { parseDocument, readRdfBody } from '../http/rdf-body.js';
import { clientSignal } from '../http/client-signal.js';
import { chooseLanguage } from '../portal/language.js';
import { groupReportOf } from './report-groups.js';
import { FORM_TYPES, formDocument, readValidateForm, type ValidateForm } from './validate-form.js';
import type { DryRuns } from '../capacity/public-work.js';
import { findProfile, PROFILES } from './profiles.js';
import { REPORT_MEDIA_TYPES, writeReport, type ValidationReport } from './report.js';

export const VALIDATE_PATH = '/validate';

/**
 * POST /validate?profile={id}: validate an RDF document against a profile and answer 200 with the report, in the
 * format Accept asks for (REPORT_MEDIA_TYPES; JSON by default, with the results grouped per dataset in the language
 * of `?lang=` or Accept-Language; text/html when the portal is there). Stores nothing; no token. Relative IRIs
 * resolve against `{BASE_URL}/catalogs/{catalog}/` when `&catalog={id}` is given (as a PUT to that catalogue would),
 * else against `{BASE_URL}/validate/`.
 *
 * The same POST takes the dry-run form (`multipart/form-data` or urlencoded: `profile`, `syntax`, `text`, `file`);
 * a browser whose form is refused (no document, a syntax error, too large) gets the form again with the reason.
 * GET with Accept text/html is that form.
 */
export function validateEndpoint(ctx: AppContext, dryRuns: DryRuns) {
  return async (req: Request, res: Response): Promise<void> => {
    const form = ctx.pages?.validateForm;
    if ((req.method === 'GET' || req.method === 'HEAD') && form) {
      res.vary('Accept');
      negotiate(req.headers, ['text/html']);
      return form()!(req, res);
    }
    if (req.method !== 'POST') throw methodNotAllowed(req.method, form ? ['GET', 'HEAD', 'POST'] : ['POST']);
    const htmlReport = ctx.pages?.validationReport;
    const mediaType = negotiate(req.headers, htmlReport ? [...REPORT_MEDIA_TYPES, HTML] : REPORT_MEDIA_TYPES);
    res.vary('Accept');
    res.vary('Accept-Language');
    const type = requestType(req);
    const run = type && FORM_TYPES.includes(type.mediaType) ? await readForm(ctx, dryRuns, req, res, mediaType) : await readRdfRequest(ctx, dryRuns, req);
    if (!run) return;
    const { report } = await dryRuns.validate(run.profile, run.ntriples, { signal: clientSignal(res) });
    if (mediaType === HTML && htmlReport) return htmlReport({ report, ntriples: run.ntriples, profile: run.profile, source: run.source })!(req, res);
    await sendReport(req, res, 200, report, { ntriples: run.ntriples, profile: run.profile });
  };
}

const HTML = 'text/html';

interface DryRun {
  profile: string;
  ntriples: string;
  source?: string;
}

/** A request whose body is the RDF document: the profile is checked before the body is read. */
async function readRdfRequest(ctx: AppContext, dryRuns: DryRuns, req: Request): Promise<DryRun> {
  const profile = checkProfile(singleParameter(req, 'profile'));
  // Parsed in the dry runs' own threads, not the writes' (capacity/public-work.ts).
  const body = await readRdfBody(req, { ...ctx, parsers: dryRuns.parsers }, baseFor(ctx, req));
  return { profile, ntriples: body.ntriples };
}

/**
 * The dry-run form. For a browser, a refusal shows the form again (with its status) instead of an error page, so the
 * person keeps what they pasted; undefined then, as the response is sent.
 */
async function readForm(ctx: AppContext, dryRuns: DryRuns, req: Request, res: Response, mediaType: string): Promise<DryRun | undefined> {
  let fields: ValidateForm = {};
  try {
    fields = await readValidateForm(req, ctx.config.maxBodyBytes, ctx.config);
    const profile = checkProfile(fields.profile || singleParameter(req, 'profile'));
    const document = formDocument(fields);
    const body = await parseDocument({ ...ctx, parsers: dryRuns.parsers }, document.bytes, document.mediaType, baseFor(ctx, req), document.what, { signal: clientSignal(res) });
    return { profile, ntriples: body.ntriples, source: document.fileName };
  } catch (error) {
    const form = mediaType === HTML ? ctx.pages?.validateForm : undefined;
    if (!(error instanceof HttpError) || !form) throw error;
    await form({ profile: fields.profile, syntax: fields.syntax, text: fields.text, error })!(req, res);
    return undefined;
  }
}

function checkProfile(profileId: string | undefined): string {
  const known = PROFILES.map((p) => p.id);
  if (!profileId) throw badRequest(`Name the profile to validate against: ?profile=… (one of ${known.join(', ')})`, { profiles: known });
  if (!findProfile(profileId)) throw badRequest(`Unknown profile "${profileId}"; known profiles: ${known.join(', ')}`, { profiles: known });
  return profileId;
}

function baseFor(ctx: AppContext, req: Request): string {
  const catalog = singleParameter(req, 'catalog');
  if (catalog !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(catalog)) throw badRequest(`"${catalog}" is not a catalogue id`);
  return catalog ? `${ctx.config.baseUrl}/catalogs/${catalog}/` : `${ctx.config.baseUrl}/validate/`;
}

/**
 * Send a report with `status` (200 on /validate, 422 for a refused write, 2xx with warnings), negotiated on
 * Accept. When Accept allows none of the report formats the JSON report is sent anyway: a 406 would hide why the
 * write was refused. With the text it is of, the JSON also groups the results per dataset (in the language of
 * `?lang=` or Accept-Language).
 */
export async function sendReport(req: Request, res: Response, status: number, report: ValidationReport, source?: { ntriples: string; profile: string }): Promise<void> {
  let mediaType = REPORT_MEDIA_TYPES[0]!;
  try {
    mediaType = negotiate(req.headers, REPORT_MEDIA_TYPES);
  } catch {
    // keep JSON
  }
  res.vary('Accept');
  const groupable = source && mediaType === 'application/json' && report.results.length <= GROUPED_RESULTS_LIMIT;
  const grouped = groupable ? groupReportOf(report, { ...source, lang: chooseLanguage(req) }) : undefined;
  if (source) res.vary('Accept-Language');
  if (source && !groupable && mediaType === 'application/json') res.setHeader('Validation-Report-Grouped', `omitted; results=${report.results.length}; limit=${GROUPED_RESULTS_LIMIT}`);
  res.status(status).type(`${mediaType}; charset=utf-8`).send(await writeReport(report, mediaType, grouped));
}

/**
 * Above this many results a write's or a dry run's JSON report carries only the flat list: grouping 40,000 warnings
 * of a 10,000-dataset catalog took seconds and doubled a 35 MB body. A stored catalog's grouped report is at
 * GET /catalogs/{id}/validation (JSON, or HTML 25 datasets a page).
 */
export const GROUPED_RESULTS_LIMIT = 1000;

function singleParameter(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`Give ?${name}= once`);
  return value;
}
