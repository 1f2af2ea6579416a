import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest, methodNotAllowed, notFound, serviceUnavailable, unauthorized } from '../http/errors.js';
import { chooseRepresentation, isFormatSuffix } from '../http/representation.js';
import { chunkSink, streamInto } from '../http/respond.js';
import { readRdfBody } from '../http/rdf-body.js';
import { catalogBase, catalogGraph, checkCatalogId } from './catalog-id.js';
import { allRecords, getRecord } from './catalog-record.js';
import { CatalogRejected, type CatalogWriter, type ReportSource } from './catalog-writer.js';
import { catalogsVersion, etagFor, notModified } from './conditional.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type DatasetListing, type Paging, type RegionalCatalog } from './regional-catalog.js';
import type { RenderPart } from '../store/store.js';
import { negotiate } from '../http/negotiate.js';
import type { ReportOfText } from '../linked-data/pages.js';
import { chooseLanguage } from '../portal/language.js';
import { REPORT_MEDIA_TYPES, reportToJson, writeReport, type ValidationReport } from '../validation/report.js';
import { groupReportOf, groupsToJson } from '../validation/report-groups.js';
import { clientSignal } from '../http/client-signal.js';
import { afterLargeWork } from '../memory/main-garbage.js';
import { isRegionAdmin } from '../auth/access.js';

export interface CatalogServices {
  writer: CatalogWriter;
  regional: RegionalCatalog;
  /** Writes a validation report (a 422 body, or the warnings of a write) in the negotiated format. */
  sendReport(req: Request, res: Response, status: number, report: CatalogRejected['report'], source?: ReportSource): Promise<void>;
  knownProfile(id: string): boolean;
}

/** "goteborg.ttl" → id "goteborg" with suffix "ttl" (the representation helper judges it); "goteborg" → no suffix. */
function splitName(name: string): { id: string; suffix?: string } {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return { id: checkCatalogId(name) };
  const suffix = name.slice(dot + 1);
  if (!isFormatSuffix(suffix)) throw notFound(`There is no ".${suffix}" representation here; the suffixes are .ttl, .jsonld, .rdf, .nt and .html`);
  return { id: checkCatalogId(name.slice(0, dot)), suffix };
}

const httpDate = (iso: string) => new Date(iso).toUTCString();

/** GET /catalogs: every catalog with its organisation, profile, dataset count and last change. */
export function listCatalogs(ctx: AppContext) {
  return (_req: Request, res: Response): void => {
    res.json(
      allRecords(ctx.records).map((r) => ({
        id: r.id,
        organisation: r.organisation,
        profile: r.profile,
        datasets: r.datasets,
        modified: r.modified,
        url: catalogGraph(ctx.config.baseUrl, r.id),
        catalog: r.catalogIri,
        warnings: r.warnings.reduce((n, w) => n + w.count, 0),
      })),
    );
  };
}

/** /catalogs/{id}: the Graph Store Protocol for one catalog graph, every write through the SHACL gate. */
export function catalogResource(ctx: AppContext, services: CatalogServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const { id, suffix } = splitName(String(req.params.name));
    try {
      switch (req.method) {
        case 'GET':
        case 'HEAD':
          return await readCatalog(ctx, req, res, id, suffix);
        case 'PUT':
        case 'POST':
          // The report of a write is negotiated too.
          res.setHeader('Vary', 'Accept');
          return await writeCatalog(ctx, services, req, res, id, req.method === 'PUT' ? 'replace' : 'add');
        case 'DELETE': {
          const principal = ctx.auth.identify(req);
          if (!principal) throw unauthorized();
          services.writer.authorise(id, principal);
          await services.writer.remove(id, { ifMatch: req.headers['if-match'] });
          res.status(204).end();
          return;
        }
        default:
          throw methodNotAllowed(req.method, ['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
      }
    } catch (error) {
      if (error instanceof CatalogRejected && !res.headersSent) return services.sendReport(req, res, 422, error.report, error.source);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      throw error;
    }
  };
}

async function readCatalog(ctx: AppContext, req: Request, res: Response, id: string, suffix?: string): Promise<void> {
  const record = getRecord(ctx.records, id);
  if (!record) throw notFound(`There is no catalog "${id}"`);
  const graph = catalogGraph(ctx.config.baseUrl, id);
  const chosen = chooseRepresentation(req, res, { suffix, alternate: (ext) => `${graph}.${ext}`, html: ctx.pages?.catalog?.(id, record) });
  if (chosen.kind === 'html') return chosen.render(req, res);
  if (chosen.kind !== 'rdf') throw new Error(`no ${chosen.mediaType} view of a catalog`);
  const format = chosen.format;
  const headers = { ETag: etagFor(record, format.extension), 'Last-Modified': httpDate(record.modified) };
  if (notModified(req, record)) {
    res.status(304).set(headers).end();
    return;
  }
  const sink = chunkSink(res, 200, `${format.mediaType}; charset=utf-8`, headers);
  const found = await ctx.store.document(catalogGraph(ctx.config.baseUrl, id), format.mediaType, sink.onChunk);
  if (!found) throw notFound(`There is no catalog "${id}"`);
  sink.end();
}

async function writeCatalog(ctx: AppContext, services: CatalogServices, req: Request, res: Response, id: string, kind: 'replace' | 'add'): Promise<void> {
  const principal = ctx.auth.identify(req);
  if (!principal) throw unauthorized(`Publishing needs a token: "Authorization: Bearer <token>"`);
  const organisation = services.writer.authorise(id, principal);
  const profile = typeof req.query.profile === 'string' ? req.query.profile : undefined;
  if (profile !== undefined && !services.knownProfile(profile)) throw badRequest(`Unknown profile "${profile}"; see /profiles`);
  const received = performance.now();
  // A re-PUT usually re-sends most of the kept text; a POST is new lines, cheaper to parse than to look up.
  const known = kind === 'replace' ? services.writer.kept(id) : undefined;
  const body = await readRdfBody(req, ctx, catalogBase(ctx.config.baseUrl, id), { known });
  const receive = body.receiveMs ?? 0;
  const parsed = performance.now() - received - receive;
  if (body.quads === 0) throw badRequest('The request body is empty: a catalog needs at least its dcat:Catalog resource');
  const reading = known && body.against ? { against: known, ...body.against } : undefined;
  const outcome = await services.writer.write(kind, id, organisation, body.ntriples, { ifMatch: req.headers['if-match'], profile, reading, mayChangeProfile: isRegionAdmin(principal), signal: clientSignal(res) });
  afterLargeWork(body.ntriples.length);
  res.setHeader('ETag', etagFor(outcome.record, 'ttl'));
  res.setHeader('Last-Modified', httpDate(outcome.record.modified));
  res.setHeader('Location', catalogGraph(ctx.config.baseUrl, id));
  res.setHeader('Validation-Warnings', String(outcome.warnings.length));
  const { compare, validate, store } = outcome.timings;
  const step = (name: string, ms: number) => `${name};dur=${ms.toFixed(1)}`;
  res.setHeader('Server-Timing', [step('receive', receive), step('parse', parsed), step('compare', compare), step('validate', validate), step('store', store)].join(', '));
  res.setHeader('Link', `<${catalogGraph(ctx.config.baseUrl, id)}/validation>; rel="describedby"`);
  if (outcome.created) return services.sendReport(req, res, 201, { conforms: true, results: outcome.warnings }, outcome.source);
  res.status(204).end();
}

/**
 * GET /catalogs/{id}/validation: the report of the catalog as last accepted — JSON by default (the kept warning
 * summary as before, plus the whole report: flat `results` and `datasets` grouped per dataset in the language of
 * `?lang=` or Accept-Language), the W3C report in the RDF syntaxes, or the portal's page for text/html.
 */
export function catalogValidation(ctx: AppContext, services: CatalogServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = checkCatalogId(String(req.params.id));
    const record = getRecord(ctx.records, id);
    if (!record) throw notFound(`There is no catalog "${id}"`);
    const load = async (): Promise<ReportOfText> => {
      const current = await services.writer.currentReport(id);
      if (!current) throw notFound(`There is no catalog "${id}"`);
      return { report: current.report as ValidationReport, ntriples: current.text, profile: current.record.profile };
    };
    const html = ctx.pages?.catalogValidation?.(id, record, load);
    const mediaType = negotiate(req.headers, html ? [...REPORT_MEDIA_TYPES, 'text/html'] : REPORT_MEDIA_TYPES);
    res.vary('Accept');
    if (mediaType === 'text/html' && html) return html(req, res);
    res.vary('Accept-Language');
    const run = await load();
    if (mediaType !== 'application/json') {
      res.status(200).type(`${mediaType}; charset=utf-8`).send(await writeReport(run.report, mediaType));
      return;
    }
    const grouped = groupReportOf(run.report, { ntriples: run.ntriples, profile: run.profile, lang: chooseLanguage(req) });
    const summary = { catalog: id, profile: record.profile, modified: record.modified, warnings: record.warnings };
    res.status(200).type('application/json; charset=utf-8');
    res.send(`${JSON.stringify({ ...summary, ...(reportToJson(run.report) as object), ...groupsToJson(grouped) }, null, 2)}\n`);
  };
}

/** GET /catalog: the regional catalog, whole or paged (?page=N&pageSize=M). */
export function regionalCatalog(ctx: AppContext, services: CatalogServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const suffix = typeof req.params.ext === 'string' ? req.params.ext : undefined;
    const chosen = chooseRepresentation(req, res, { suffix, alternate: (ext) => `${services.regional.iri}.${ext}${queryOf(req)}`, html: ctx.pages?.regionalCatalog?.() });
    if (chosen.kind === 'html') return chosen.render(req, res);
    if (chosen.kind !== 'rdf') throw new Error(`no ${chosen.mediaType} view of the regional catalog`);
    const format = chosen.format;
    const paging = readPaging(req);
    const records = services.regional.publicRecords();
    // A page's content comes from the dataset index, which follows the catalogs a moment after each write.
    const version = { version: `${catalogsVersion(records)}${paging ? `.${ctx.datasets.version}` : ''}`, modified: records.map((r) => r.modified).sort().at(-1) ?? new Date(0).toISOString() };
    const pageTag = paging ? `${paging.page}.${paging.pageSize}${paging.modifiedSince ? `.${paging.modifiedSince}` : ''}` : 'all';
    const headers = { ETag: `"${version.version}-${pageTag}-${format.extension}"`, 'Last-Modified': httpDate(version.modified) };
    if (notModified(req, version)) {
      res.status(304).set(headers).end();
      return;
    }
    let listing: DatasetListing | undefined;
    if (paging) {
      if (ctx.indexer.status.state === 'loading') throw serviceUnavailable('The dataset index is still loading after a start; pages of /catalog follow in a moment', 5);
      const since = paging.modifiedSince === undefined ? undefined : Date.parse(paging.modifiedSince);
      const page = ctx.datasets.harvestPage((paging.page - 1) * paging.pageSize, paging.pageSize, since);
      listing = { ...page, descriptions: await ctx.indexer.descriptionsOf(page.items) };
    }
    const plan: { parts: RenderPart[]; extra: string } = await services.regional.plan(paging, listing);
    const sink = chunkSink(res, 200, `${format.mediaType}; charset=utf-8`, headers);
    await streamInto(res, sink, () => ctx.store.render(plan.parts, format.mediaType, sink.onChunk, { extra: plan.extra }));
  };
}

/** The query string of a request (`?page=2&pageSize=10`), kept on the alternates of a page. */
const queryOf = (req: Request) => (req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '');

/** `modified_since`: an xsd:date (midnight UTC) or an xsd:dateTime (UTC unless it names a zone). */
const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Date.parse rolls 2026-02-30 over to March 2nd; a harvester sending it has a bug worth a 400. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

function readPaging(req: Request): Paging | undefined {
  const { page, pageSize, modified_since: since } = req.query;
  if (page === undefined && pageSize === undefined && since === undefined) return undefined;
  let modifiedSince: string | undefined;
  if (since !== undefined) {
    const text = String(since);
    const withZone = /T[^Z+-]*$/.test(text) ? `${text}Z` : text;
    if (!DATE_OR_DATETIME.test(text) || !Number.isFinite(Date.parse(withZone)) || !isCalendarDate(text.slice(0, 10))) {
      throw badRequest(`modified_since must be a date (2025-01-31) or a dateTime (2025-01-31T12:00:00Z), got "${text}"`, { parameter: 'modified_since' });
    }
    modifiedSince = withZone;
  }
  const number = (value: unknown, name: string, fallback: number, max = Infinity) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw badRequest(`${name} must be an integer from 1${max === Infinity ? '' : ` to ${max}`}, got "${String(value)}"`);
    }
    return n;
  };
  return { page: number(page, 'page', 1), pageSize: number(pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), modifiedSince };
}
