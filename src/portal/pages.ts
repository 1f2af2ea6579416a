import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest } from '../http/errors.js';
import { negotiate } from '../http/negotiate.js';
import type { HtmlRenderer } from '../http/representation.js';
import type { PortalPages } from '../linked-data/pages.js';
import type { FoundResource } from '../linked-data/describe.js';
import type { CatalogRecord } from '../catalogs/catalog-record.js';
import type { Organisation } from '../organisations/organisations.js';
import { dcat } from '../rdf/vocabulary.js';
import { labelOfIri } from '../vocabularies/labels.js';
import { parseSearchQuery } from '../search/search-query.js';
import { chooseLanguage } from './language.js';
import { createPortal, type PageRequest, type PortalRenderer } from './render.js';
import { describeCatalog, describeDataset, describeDistribution } from './describe-view.js';
import { catalogDescription, datasetDescription, distributionDescription, organisationCatalogs, validationStatus } from './page-data.js';
import type { OrganisationCount, QualitySummary, ValidationModel } from './view-models.js';
import { getRecord } from '../catalogs/catalog-record.js';
import { catalogResult, datasetResult } from '../quality/quality.js';
import type { DatasetIndex } from '../search/dataset-index.js';
import { PROFILES } from '../validation/profiles.js';
import { groupReport } from '../validation/report-groups.js';
import { reportSubjects } from '../validation/report-subjects.js';
import { shapeNotes } from '../validation/shape-notes.js';
import type { FormState, ReportOfText } from '../linked-data/pages.js';
import type { HttpError } from '../http/errors.js';
import { formatBytes } from './format.js';
import { messages, type Lang } from './messages.js';

/**
 * The home page has no RDF (the region's catalog is /catalog): a wildcard Accept gets the page, and an Accept naming
 * only other types gets 406 with what is offered, as /search does, rather than HTML the client did not ask for.
 */
const HOME_TYPES = ['text/html'];

/** Datasets on an organisation's or a catalog's page; the rest is a click on "next" or a search away. */
const LIST_PAGE_SIZE = 20;
/** Datasets per page of a validation report: a catalogue of thousands with warnings on each is paged, not one page. */
const REPORT_PAGE_SIZE = 25;
const LATEST = 10;

type PageContext = Pick<AppContext, 'store' | 'records' | 'config' | 'organisations' | 'datasets'>;

/**
 * The portal wired to its data: the dataset index for every list and figure, the store for single descriptions.
 * `pages` plugs into the routes that negotiate (linked-data/pages.ts); `home` and `search` are pages of their own.
 */
export interface Portal {
  renderer: PortalRenderer;
  pages: PortalPages;
  home(req: Request, res: Response): void;
  search(req: Request, res: Response): void;
  /** The HTML error page for a browser, or undefined to keep the problem document. */
  error(req: Request, status: number, detail: string): string | undefined;
}

export function createPortalPages(ctx: PageContext): Portal {
  const renderer = createPortal({ baseUrl: ctx.config.baseUrl, label: labelOfIri, organisations: ctx.organisations });
  const request = (req: Request): PageRequest => ({ lang: chooseLanguage(req), url: req.originalUrl });

  const organisationPage = (organisation: Organisation): HtmlRenderer => async (req, res) => {
    const page = request(req);
    const number = pageNumber(req);
    if (fresh(req, res, `org-${organisation.id}-${ctx.datasets.version}-${page.lang}-${number}`)) return;
    const datasets = ctx.datasets.datasetsOfOrganisation(organisation.id, { offset: (number - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, sort: 'modified', lang: page.lang });
    const catalogs = await organisationCatalogs(ctx, organisation.id);
    send(res, renderer.renderOrganisation({ organisation, catalogs, datasets: { ...datasets, page: number, pageSize: LIST_PAGE_SIZE }, q: '' }, page));
  };

  const catalogPage = (id: string, record: CatalogRecord): HtmlRenderer => async (req, res) => {
    const page = request(req);
    const number = pageNumber(req);
    if (fresh(req, res, `catalog-${record.version}-${ctx.datasets.version}-${page.lang}-${number}`, record.modified)) return;
    const catalog = describeCatalog(await catalogDescription(ctx, record), record.catalogIri);
    const datasets = ctx.datasets.datasetsOfCatalog(id, { offset: (number - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, sort: 'modified', lang: page.lang });
    send(
      res,
      renderer.renderCatalog(
        {
          id,
          catalog,
          profile: record.profile,
          datasetCount: record.datasets,
          lastChange: record.modified,
          validation: validationStatus(record),
          datasets: { ...datasets, page: number, pageSize: LIST_PAGE_SIZE },
          quality: catalogQualitySummary(ctx.datasets, id),
        },
        page,
      ),
    );
  };

  const resourcePage = (found: FoundResource): HtmlRenderer | undefined => {
    const is = (type: string) => found.types.includes(dcat(type));
    if (is('Catalog') && found.iri === found.catalog.catalogIri) return catalogPage(found.catalog.id, found.catalog);
    if (is('Dataset') || is('DatasetSeries')) {
      return async (req, res) => {
        const page = request(req);
        if (fresh(req, res, `dataset-${found.catalog.version}-${ctx.datasets.version}-${page.lang}`, found.catalog.modified)) return;
        const { ntriples, catalogTitle } = await datasetDescription(ctx, found.graph, found.iri, found.catalog.catalogIri);
        const dataset = describeDataset(ntriples, found.iri);
        const catalog = { id: found.catalog.id, title: Object.keys(catalogTitle).length ? catalogTitle : { '': found.catalog.id } };
        const quality = ctx.datasets.getAll(found.iri).find((s) => s.catalog === found.catalog.id)?.quality;
        send(res, renderer.renderDataset({ dataset, catalog, validation: validationStatus(found.catalog, found.iri), quality: quality && datasetResult(quality) }, page));
      };
    }
    if (is('Distribution')) {
      return async (req, res) => {
        const page = request(req);
        if (fresh(req, res, `distribution-${found.catalog.version}-${page.lang}`, found.catalog.modified)) return;
        const { ntriples, dataset } = await distributionDescription(ctx, found.graph, found.iri);
        send(res, renderer.renderDistribution({ distribution: describeDistribution(ntriples, found.iri), dataset }, page));
      };
    }
    return undefined;
  };

  /** A report page in the reader's language: grouped here, so the groups and titles follow `?lang=`. */
  const reportPage = (req: Request, run: ReportOfText, catalog?: { id: string; iri: string }): string => {
    const page = request(req);
    const subjects = reportSubjects(run.ntriples);
    const grouped = groupReport(run.report, { lang: page.lang, profile: run.profile, subjects, notes: shapeNotes(run.profile) });
    const model: ValidationModel = {
      grouped,
      catalog: catalog && { id: catalog.id, title: subjects.titles.get(catalog.iri) },
      source: run.source,
      dataset: typeof req.query.dataset === 'string' && req.query.dataset !== '' ? req.query.dataset : undefined,
      page: pageNumber(req),
      pageSize: REPORT_PAGE_SIZE,
    };
    return renderer.renderValidation(model, page);
  };

  return {
    renderer,
    pages: {
      catalog: (id, record) => catalogPage(id, record),
      catalogValidation: (id, record, load) => async (req, res) => {
        const only = typeof req.query.dataset === 'string' ? `-${createHash('sha256').update(req.query.dataset).digest('hex').slice(0, 16)}` : '';
        if (fresh(req, res, `validation-${record.version}-${request(req).lang}-${pageNumber(req)}${only}`, record.modified)) return;
        send(res, reportPage(req, await load(), { id, iri: record.catalogIri }));
      },
      validationReport: (run) => async (req, res) => {
        res.setHeader('Cache-Control', 'no-store');
        send(res, reportPage(req, run));
      },
      validateForm: (state: FormState = {}) => async (req, res) => {
        const page = request(req);
        const profiles = PROFILES.map((p) => ({ id: p.id, title: p.title }));
        const { error, ...fields } = state;
        res.setHeader('Cache-Control', 'no-store');
        res.vary('Accept-Language');
        if (error) res.status(error.status);
        send(res, renderer.renderValidateForm({ profiles, ...fields, error: error && formError(error, page.lang) }, page));
      },
      organisation: (organisation) => organisationPage(organisation),
      resource: resourcePage,
      quality: (report) => async (req, res) => {
        const page = request(req);
        const record = getRecord(ctx.records, report.catalog);
        const title = record ? describeCatalog(await catalogDescription(ctx, record), record.catalogIri).title : {};
        send(res, renderer.renderQuality(report, Object.keys(title).length ? title : { '': report.catalog }, page));
      },
      // The regional catalog for people is the list of all its datasets, newest first: the search page without words.
      regionalCatalog: () => async (req, res) => {
        const page = request(req);
        const number = pageNumber(req);
        if (fresh(req, res, `regional-${ctx.datasets.version}-${page.lang}-${number}`)) return;
        const query = { q: '', filters: {}, sort: 'modified' as const, page: number, pageSize: LIST_PAGE_SIZE, lang: page.lang };
        send(res, renderer.renderSearch({ query, result: ctx.datasets.search(query) }, page));
      },
    },
    home(req, res) {
      res.vary('Accept');
      negotiate(req.headers, HOME_TYPES);
      const page = request(req);
      if (fresh(req, res, `home-${ctx.datasets.version}-${page.lang}`)) return;
      const counts = ctx.datasets.organisationCounts();
      const organisations: OrganisationCount[] = ctx.organisations
        .all()
        .map((org) => ({ id: org.id, name: org.name, datasets: counts.get(org.id) ?? 0 }))
        .filter((org) => org.datasets > 0);
      send(res, renderer.renderHome({ figures: ctx.datasets.figures(page.lang), latest: ctx.datasets.latest(LATEST), organisations }, page));
    },
    search(req, res) {
      const page = request(req);
      const query = parseSearchQuery(req.query as Record<string, unknown>, page.lang);
      if (fresh(req, res, `search-${ctx.datasets.version}-${page.lang}`)) return;
      send(res, renderer.renderSearch({ query, result: ctx.datasets.search(query) }, page));
    },
    error(req, status, detail) {
      return renderer.renderError({ status, detail }, request(req));
    },
  };
}

/** The form's error in the reader's language; the server's English wording stays as the technical detail. */
function formError(error: HttpError, lang: Lang): { status: number; message: string; detail?: string } {
  const m = messages(lang);
  const details = error.details as { reason?: string; line?: number; column?: number; mediaType?: string; limit?: number };
  const syntaxName = { 'text/turtle': 'Turtle', 'application/n-triples': 'N-Triples', 'application/rdf+xml': 'RDF/XML', 'application/ld+json': 'JSON-LD' }[details.mediaType ?? ''];
  let message = m.validateErrorOther;
  if (details.reason === 'no-document') message = m.validateErrorNoDocument;
  else if (details.reason === 'both') message = m.validateErrorBoth;
  else if (error.status === 413 && details.limit !== undefined) message = m.validateErrorTooLarge(formatBytes(details.limit, lang));
  else if (syntaxName) message = m.validateErrorSyntax(syntaxName, details.line ? m.validateErrorWhere(details.line, details.column) : '');
  return { status: error.status, message, detail: error.message };
}

function pageNumber(req: Request): number {
  const raw = req.query.page;
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw badRequest(`page must be an integer from 1 to 10000, got "${String(raw)}"`, { parameter: 'page' });
  return n;
}

/**
 * A page's validator: what it shows changes with the index (or the catalog) and the language, and its URL (query
 * included) is part of the cache key anyway. 304 when the client holds it.
 */
function fresh(req: Request, res: Response, tag: string, modified?: string): boolean {
  const etag = `W/"${tag.replace(/[^\w.-]/g, '_')}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'no-cache');
  res.vary('Accept-Language');
  if (modified) res.setHeader('Last-Modified', new Date(modified).toUTCString());
  const held = req.headers['if-none-match'];
  if (held && held.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2))) {
    res.status(304).end();
    return true;
  }
  return false;
}

function send(res: Response, html: string): void {
  res.type('text/html; charset=utf-8').send(html);
}

/** A catalog's score for its page: the mean over the datasets the index holds (a sum over 10,000 is a millisecond). */
function catalogQualitySummary(index: Pick<DatasetIndex, 'summariesOf'>, id: string): QualitySummary | undefined {
  const summaries = index.summariesOf(id);
  if (!summaries.length) return undefined;
  return catalogResult(id, summaries.map((s) => s.quality));
}
