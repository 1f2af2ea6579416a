import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import { packageRoot } from '../package-root.js';
import { FACETS, type DatasetSummary, type FacetName, type LangValues } from '../search/dataset-summary.js';
import { formatBytes, formatDate, formatNumber, machineDate } from './format.js';
import { localText, pickText, type LocalText } from './language.js';
import { carryLanguage, lastSegment, paramsOf, rdfAlternates, RDF_SUFFIXES, resourcePath, withParams } from './links.js';
import { messages, type Lang, type Messages } from './messages.js';
import type {
  AgentView,
  CatalogModel,
  ContactView,
  DatasetModel,
  DistributionModel,
  DistributionView,
  ErrorModel,
  HomeModel,
  OrganisationModel,
  Paged,
  PeriodView,
  SearchModel,
  QualitySummary,
  TermView,
  ValidateFormModel,
  ValidationModel,
  ValidationStatus,
} from './view-models.js';
import type { CatalogQualityReport } from '../quality/catalog-report.js';
import { qualityMessages } from './quality-messages.js';
import { shownPath, type GroupedResult, type ReportGroup } from '../validation/report-groups.js';

/** Vocabulary labels (EU themes, file types, licences, access rights); undefined when the IRI is not known. */
export type Labeler = (iri: string, lang: Lang) => string | undefined;

export interface PortalOptions {
  /** BASE_URL: IRIs under it are linked as themselves, others through `/resource?iri=`. */
  baseUrl: string;
  label?: Labeler;
  /** Names for the organisation ids of dataset summaries (an `Organisations` fits). */
  organisations?: { get(id: string): { name: string } | undefined };
  /** Where templates and assets are; the package's own by default. */
  root?: string;
}

/** The request a page answers: its language and its own URL (`req.originalUrl`), which links are built from. */
export interface PageRequest {
  lang: Lang;
  url: string;
}

/** Path of the portal's files inside the package: read at run time, so they ship as they are, not compiled. */
export const VIEWS_DIR = path.join('src', 'portal', 'views');
export const ASSETS_DIR = path.join('src', 'portal', 'assets');
export const STYLESHEET = 'portal.css';

/**
 * How many values of a facet the search page lists (selected ones are always listed): every organisation of the
 * region fits, so any of them can be picked without JavaScript; the long tail of formats and licences is cut.
 */
const FACET_LIMIT: Record<FacetName, number> = { organisation: 60, theme: 20, format: 20, license: 20, accessRights: 20 };
/** A description in a list is cut here, at a word boundary; the page has the whole text. */
const EXCERPT_CHARS = 220;
/** Page links either side of the current one before the list collapses into "…". */
const PAGER_RADIUS = 2;

const FACET_MESSAGE: Record<FacetName, keyof Messages> = {
  organisation: 'facetOrganisation',
  theme: 'facetTheme',
  format: 'facetFormat',
  license: 'facetLicense',
  accessRights: 'facetAccessRights',
};

/** The five regional topics of the collaboration, as shortcuts into search. */
const TOPICS: { message: keyof Messages; q: string }[] = [
  { message: 'topicCharging', q: 'laddstolpar' },
  { message: 'topicSchools', q: 'skolenheter' },
  { message: 'topicMeals', q: 'måltider' },
  { message: 'topicSuppliers', q: 'leverantörsreskontra' },
  { message: 'topicInspections', q: 'livsmedelskontroll' },
];

interface Value {
  text: LocalText;
  href?: string;
  datetime?: string;
  /** IRIs and codes are shown in a code font and may break anywhere. */
  code?: boolean;
}

interface Field {
  label: string;
  values: Value[];
}

interface PagerLink {
  n?: number;
  href?: string;
  current?: boolean;
  gap?: boolean;
}

interface Pager {
  items: PagerLink[];
  prev?: string;
  next?: string;
  summary: string;
}

/**
 * Turns view models into pages. Each `render…` builds what its template shows (texts picked for the language, dates
 * formatted, links built) so the templates only place values, and Eta escapes every one of them.
 */
export class PortalRenderer {
  private readonly eta: Eta;
  private readonly baseUrl: string;
  private readonly label: Labeler;
  private readonly organisations: PortalOptions['organisations'];
  /** Fingerprinted, so the stylesheet can be cached for a year and still change with a release. */
  readonly stylesheetHref: string;
  readonly assetsDir: string;

  constructor(options: PortalOptions) {
    const root = options.root ?? packageRoot();
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.label = options.label ?? (() => undefined);
    this.organisations = options.organisations;
    this.assetsDir = path.join(root, ASSETS_DIR);
    const css = fs.readFileSync(path.join(this.assetsDir, STYLESHEET));
    this.stylesheetHref = `/assets/${STYLESHEET}?v=${createHash('sha256').update(css).digest('hex').slice(0, 12)}`;
    this.eta = new Eta({ views: path.join(root, VIEWS_DIR), cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
  }

  renderHome(model: HomeModel, req: PageRequest): string {
    const { m, page } = this.page(req, messages(req.lang).homeTitle, 'home');
    return this.eta.render('pages/home', {
      ...page,
      figures: [
        { value: formatNumber(model.figures.datasets, req.lang), label: m.figureDatasets },
        { value: formatNumber(model.figures.catalogs, req.lang), label: m.figureCatalogs },
        { value: formatNumber(model.figures.organisations, req.lang), label: m.figureOrganisations },
        { value: formatNumber(model.figures.distributions, req.lang), label: m.figureDistributions },
      ],
      topics: TOPICS.map((topic) => ({ text: m[topic.message] as string, href: this.link(`/search?${new URLSearchParams({ q: topic.q })}`, req) })),
      latest: model.latest.map((d) => this.datasetItem(d, req)),
      organisations: model.organisations.map((o) => ({
        name: o.name,
        href: this.link(`/organisations/${encodeURIComponent(o.id)}`, req),
        datasets: formatNumber(o.datasets, req.lang),
      })),
    });
  }

  renderOrganisation(model: OrganisationModel, req: PageRequest): string {
    const org = model.organisation;
    const { m, page } = this.page(req, org.name, 'organisation');
    const facts: Field[] = [
      field(m.fieldType, plain(org.type === 'region' ? m.organisationTypeRegion : m.organisationTypeKommun)),
      field(org.type === 'region' ? m.fieldCountyCode : m.fieldMunicipalityCode, { text: { text: org.municipalityCode }, code: true }),
      field(m.fieldOrganisationNumber, org.organisationNumber ? { text: { text: org.organisationNumber } } : undefined),
      field(m.fieldWebsite, { text: { text: org.webDomain }, href: `https://${org.webDomain}/` }),
      field(
        m.fieldPopulation,
        org.population === null ? undefined : plain(`${formatNumber(org.population, req.lang)}${org.populationYear ? ` (${org.populationYear})` : ''}`),
      ),
      field(m.fieldSubRegion, org.subRegion ? plain(org.subRegion) : undefined),
    ].filter(present);
    return this.eta.render('pages/organisation', {
      ...page,
      name: org.name,
      facts,
      catalogs: model.catalogs.map((c) => ({
        title: pickText(c.title, req.lang) ?? { text: c.id },
        href: this.link(`/catalogs/${encodeURIComponent(c.id)}`, req),
        datasets: formatNumber(c.datasets, req.lang),
        modified: this.time(c.modified, req.lang),
      })),
      // Searching within is /search filtered to the organisation, so results, facets and paging are the search page's.
      search: { action: '/search', q: model.q, label: m.searchWithin, organisation: org.id },
      datasets: this.datasetPage(model.datasets, req),
      headLinks: this.pagingLinks(model.datasets, req),
    });
  }

  renderCatalog(model: CatalogModel, req: PageRequest): string {
    const c = model.catalog;
    const title = pickText(c.title, req.lang) ?? { text: model.id };
    const { m, page } = this.page(req, title.text, 'catalog');
    const facts: Field[] = [
      field(m.fieldPublisher, this.agent(c.publisher, req)),
      field(m.fieldProfile, { text: { text: model.profile }, code: true }),
      field(m.fieldDatasetCount, plain(formatNumber(model.datasetCount, req.lang))),
      field(m.fieldLastChange, this.dateValue(model.lastChange ?? c.modified, req.lang)),
      field(m.fieldIssued, this.dateValue(c.issued, req.lang)),
      field(m.fieldLicense, c.license ? this.term(c.license, req) : undefined),
      field(m.fieldHomepage, c.homepage ? { text: { text: c.homepage }, href: c.homepage } : undefined),
      field(m.fieldIri, { text: { text: c.iri }, href: this.resource(c.iri, req), code: true }),
    ].filter(present);
    return this.eta.render('pages/catalog', {
      ...page,
      title,
      description: pickText(c.description, req.lang),
      facts,
      validation: this.validation(model.validation, model.id, req),
      quality: this.qualityLine(model.quality, model.id, req),
      datasets: this.datasetPage(model.datasets, req),
      alternates: rdfAlternates(`${this.baseUrl}/catalogs/${encodeURIComponent(model.id)}`, this.baseUrl),
      headLinks: [...this.pagingLinks(model.datasets, req), ...this.alternateLinks(`${this.baseUrl}/catalogs/${encodeURIComponent(model.id)}`)],
    });
  }

  renderDataset(model: DatasetModel, req: PageRequest): string {
    const d = model.dataset;
    const { m, page } = this.page(req, pickText(d.title, req.lang)?.text ?? messages(req.lang).untitled, 'dataset');
    const facts: Field[] = [
      field(m.fieldPublisher, this.agent(d.publisher, req)),
      field(m.fieldCatalog, model.catalog ? { text: pickText(model.catalog.title, req.lang) ?? { text: model.catalog.id }, href: this.link(`/catalogs/${encodeURIComponent(model.catalog.id)}`, req) } : undefined),
      field(m.fieldThemes, d.themes.map((t) => this.term(t, req))),
      field(m.fieldLicense, d.licenses.map((t) => this.term(t, req, true))),
      field(m.fieldAccessRights, d.accessRights ? this.term(d.accessRights, req) : undefined),
      field(m.fieldContactPoint, d.contactPoints.flatMap((c) => this.contact(c, req))),
      field(m.fieldTemporal, d.temporal.map((p) => this.period(p, req.lang))),
      field(m.fieldSpatial, d.spatial.map((t) => this.term(t, req, true))),
      field(m.fieldIssued, this.dateValue(d.issued, req.lang)),
      field(m.fieldModified, this.dateValue(d.modified, req.lang)),
      field(m.fieldFrequency, d.frequency ? this.term(d.frequency, req) : undefined),
      field(m.fieldLanguage, d.languages.map((t) => this.term(t, req))),
      field(m.fieldLandingPage, d.landingPages.map((url) => ({ text: { text: url }, href: url, code: true }))),
      field(m.fieldConformsTo, d.conformsTo.map((t) => this.term(t, req, true))),
      field(m.fieldIri, { text: { text: d.iri }, href: this.resource(d.iri, req), code: true }),
    ].filter(present);
    return this.eta.render('pages/dataset', {
      ...page,
      title: pickText(d.title, req.lang) ?? { text: m.untitled },
      series: d.type === 'DatasetSeries',
      byline: { publisher: this.agent(d.publisher, req), modified: this.time(d.modified ?? d.issued, req.lang) },
      description: pickText(d.description, req.lang),
      keywords: this.keywords(d.keywords, req),
      facts,
      validation: model.catalog ? this.validation(model.validation, model.catalog.id, req, d.iri) : undefined,
      quality: model.catalog ? this.qualityLine(model.quality, model.catalog.id, req) : undefined,
      distributions: d.distributions.map((dist, i) => this.distributionRow(dist, i, req)),
      alternates: rdfAlternates(d.iri, this.baseUrl),
      breadcrumbs: this.breadcrumbs(req, model.catalog ? [{ href: this.link(`/catalogs/${encodeURIComponent(model.catalog.id)}`, req), text: pickText(model.catalog.title, req.lang) ?? { text: model.catalog.id } }] : []),
      headLinks: this.alternateLinks(d.iri),
    });
  }

  renderDistribution(model: DistributionModel, req: PageRequest): string {
    const d = model.distribution;
    const m = messages(req.lang);
    const title = pickText(d.title, req.lang) ?? (d.format ? this.termText(d.format, req) : { text: m.untitled });
    const { page } = this.page(req, title.text, 'distribution');
    const facts: Field[] = [
      field(m.fieldDataset, model.dataset ? { text: pickText(model.dataset.title, req.lang) ?? { text: model.dataset.iri }, href: this.resource(model.dataset.iri, req) } : undefined),
      field(m.fieldFormat, d.format ? this.term(d.format, req) : undefined),
      field(m.fieldMediaType, d.mediaType ? { ...this.term(d.mediaType, req), code: true } : undefined),
      field(m.fieldAccessUrl, d.accessUrls.map((url) => ({ text: { text: url }, href: url, code: true }))),
      field(m.fieldDownloadUrl, d.downloadUrls.map((url) => ({ text: { text: url }, href: url, code: true }))),
      field(m.fieldByteSize, d.byteSize === undefined ? undefined : plain(formatBytes(d.byteSize, req.lang))),
      field(m.fieldLicense, d.license ? this.term(d.license, req, true) : undefined),
      field(m.fieldAccessRights, d.accessRights ? this.term(d.accessRights, req) : undefined),
      field(m.fieldLanguage, d.languages.map((t) => this.term(t, req))),
      field(m.fieldConformsTo, d.conformsTo.map((t) => this.term(t, req, true))),
      field(m.fieldIssued, this.dateValue(d.issued, req.lang)),
      field(m.fieldModified, this.dateValue(d.modified, req.lang)),
      field(m.fieldIri, d.iri ? { text: { text: d.iri }, href: this.resource(d.iri, req), code: true } : undefined),
    ].filter(present);
    return this.eta.render('pages/distribution', {
      ...page,
      title,
      description: pickText(d.description, req.lang),
      facts,
      access: d.accessUrls[0],
      download: d.downloadUrls[0],
      alternates: d.iri ? rdfAlternates(d.iri, this.baseUrl) : [],
      breadcrumbs: this.breadcrumbs(req, model.dataset ? [{ href: this.resource(model.dataset.iri, req), text: pickText(model.dataset.title, req.lang) ?? { text: model.dataset.iri } }] : []),
      headLinks: d.iri ? this.alternateLinks(d.iri) : [],
    });
  }

  renderSearch(model: SearchModel, req: PageRequest): string {
    const { query, result } = model;
    const m = messages(req.lang);
    const { page } = this.page(req, query.q ? `${query.q} – ${m.searchTitle}` : m.searchTitle, 'search', query.q);
    const facets = FACETS.map((name) => {
      const selected = new Set(query.filters[name] ?? []);
      const values = result.facets[name] ?? [];
      const shown = values.filter((v, i) => i < FACET_LIMIT[name] || selected.has(v.value));
      // A selected value with no match left still has to be listed, or it could not be unticked.
      for (const value of selected) if (!shown.some((v) => v.value === value)) shown.push({ value, label: value, count: 0 });
      return {
        name,
        legend: m[FACET_MESSAGE[name]] as string,
        values: shown.map((v, i) => ({
          id: `f-${name}-${i}`,
          value: v.value,
          label: v.label,
          count: formatNumber(v.count, req.lang),
          checked: selected.has(v.value),
        })),
      };
    }).filter((f) => f.values.length > 0);
    const active = FACETS.flatMap((name) =>
      (query.filters[name] ?? []).map((value) => {
        const label = result.facets[name]?.find((v) => v.value === value)?.label ?? value;
        const rest = (query.filters[name] ?? []).filter((v) => v !== value);
        return {
          facet: m[FACET_MESSAGE[name]] as string,
          label,
          href: withParams(req.url, { [name]: rest, page: null }),
        };
      }),
    );
    const total = formatNumber(result.total, req.lang);
    return this.eta.render('pages/search', {
      ...page,
      q: query.q,
      sort: query.sort,
      carried: carriedLanguage(req),
      summary: query.q ? m.searchResultsFor(total, query.q) : m.searchResultsCount(total),
      facets,
      active,
      clearHref: withParams(req.url, Object.fromEntries([...FACETS.map((f) => [f, null]), ['page', null]])),
      results: result.results.map((d) => this.datasetItem(d, req)),
      pager: this.pager({ items: result.results, total: result.total, page: query.page, pageSize: query.pageSize }, req),
      headLinks: this.pagingLinks({ items: result.results, total: result.total, page: query.page, pageSize: query.pageSize }, req),
    });
  }

  renderError(model: ErrorModel, req: PageRequest): string {
    const m = messages(req.lang);
    const notFound = model.status === 404 || model.status === 410;
    const title = notFound ? m.errorNotFoundTitle : m.errorTitle;
    const { page } = this.page(req, title, 'error');
    return this.eta.render('pages/error', {
      ...page,
      heading: title,
      text: notFound ? m.errorNotFoundText : m.errorText,
      status: m.errorStatus(model.status),
      detail: model.detail,
      homeHref: this.link('/', req),
      searchHref: this.link('/search', req),
    });
  }

  /**
   * A validation report: the verdict and counts, then one section per dataset (the catalogue and shared nodes first)
   * with each finding's property, value, message and what to do. Long reports are paged by dataset.
   */
  renderValidation(model: ValidationModel, req: PageRequest): string {
    const m = messages(req.lang);
    const { grouped } = model;
    const catalogTitle = model.catalog ? (pickText(model.catalog.title, req.lang) ?? { text: model.catalog.id }) : undefined;
    const heading = catalogTitle ? m.reportCatalogTitle(catalogTitle.text) : m.reportTitle;
    const { page } = this.page(req, heading, 'validation');
    const profile = grouped.profile;
    const counts = grouped.counts;
    const verdictCounts = [
      { kind: 'violation', text: m.reportViolations(formatNumber(counts.violations, req.lang)) },
      { kind: 'warning', text: m.reportWarnings(formatNumber(counts.warnings, req.lang)) },
      ...(counts.infos > 0 ? [{ kind: 'info', text: m.reportInfos(formatNumber(counts.infos, req.lang)) }] : []),
    ];
    // One dataset's findings when the report was opened from its page; the verdict and counts stay the catalog's.
    const shown = model.dataset === undefined ? grouped.datasets : grouped.datasets.filter((g) => g.iri === model.dataset);
    const total = shown.length;
    const first = (model.page - 1) * model.pageSize;
    const groups = shown.slice(first, first + model.pageSize).map((group, i) => this.reportGroup(group, first + i, model, req));
    const paged = { items: groups, total, page: model.page, pageSize: model.pageSize };
    const catalogHref = model.catalog ? this.link(`/catalogs/${encodeURIComponent(model.catalog.id)}`, req) : undefined;
    return this.eta.render('pages/validation', {
      ...page,
      heading,
      catalogHeading: catalogTitle,
      intro: model.catalog ? m.reportCatalogIntro(profile) : m.reportDryRunIntro(model.source ?? m.reportPastedText, profile),
      verdict: { state: grouped.conforms ? (counts.warnings > 0 ? 'warnings' : 'conforms') : 'fails', text: grouped.conforms ? m.reportVerdictConforms : m.reportVerdictFails, counts: verdictCounts },
      summary: model.dataset !== undefined ? undefined : total > 0 ? m.reportGroupsSummary(formatNumber(total, req.lang)) : undefined,
      only: model.dataset === undefined ? undefined : { text: total > 0 ? m.reportOnlyDataset : m.reportDatasetClean, href: withParams(req.url, { dataset: null, page: null }), linkText: m.reportWholeReport },
      groups,
      pager: this.pager(paged, req),
      validateHref: this.link('/validate', req),
      breadcrumbs: this.breadcrumbs(req, catalogHref && catalogTitle ? [{ href: catalogHref, text: catalogTitle }] : []),
      headLinks: this.pagingLinks(paged, req),
    });
  }

  /** The dry-run form: a profile, a file or pasted text, the syntax; posted as multipart/form-data to /validate. */
  renderValidateForm(model: ValidateFormModel, req: PageRequest): string {
    const m = messages(req.lang);
    const { page } = this.page(req, model.error ? `${m.validateErrorHeading} – ${m.validateTitle}` : m.validateTitle, 'validate');
    const carriedLang = carriedLanguage(req);
    return this.eta.render('pages/validate', {
      ...page,
      action: carriedLang ? `/validate?${new URLSearchParams({ lang: carriedLang })}` : '/validate',
      profiles: model.profiles.map((p) => ({ value: p.id, label: `${p.title} (${p.id})`, selected: p.id === (model.profile ?? model.profiles[0]?.id) })),
      syntaxes: [
        { value: '', label: m.validateSyntaxAuto, selected: !model.syntax },
        ...RDF_SUFFIXES.map((f) => ({ value: f.mediaType, label: f.name, selected: model.syntax === f.mediaType })),
      ],
      text: model.text ?? '',
      accept: ['.ttl', '.nt', '.rdf', '.xml', '.jsonld', '.json', ...RDF_SUFFIXES.map((f) => f.mediaType)].join(','),
      error: model.error ? { status: m.validateErrorStatus(model.error.status), message: model.error.message, detail: model.error.detail } : undefined,
    });
  }

  private reportGroup(group: ReportGroup, index: number, model: ValidationModel, req: PageRequest) {
    const m = messages(req.lang);
    const kindLabel = { catalog: m.reportKindCatalog, dataset: m.reportKindDataset, series: m.reportKindSeries, other: m.reportKindOther }[group.kind];
    const fallback = group.kind === 'other' ? m.reportOtherTitle : group.iri ? lastSegment(group.iri) || group.iri : m.untitled;
    // Only a stored catalog's datasets have pages; a dry run's may not be published at all.
    const href = model.catalog && group.iri ? (group.kind === 'catalog' ? this.link(`/catalogs/${encodeURIComponent(model.catalog.id)}`, req) : this.resource(group.iri, req)) : undefined;
    return {
      id: `group-${index + 1}`,
      title: group.title ?? { text: fallback },
      href,
      kind: kindLabel,
      iri: group.iri,
      counts: [
        ...(group.counts.violations ? [m.reportViolations(formatNumber(group.counts.violations, req.lang))] : []),
        ...(group.counts.warnings ? [m.reportWarnings(formatNumber(group.counts.warnings, req.lang))] : []),
        ...(group.counts.infos ? [m.reportInfos(formatNumber(group.counts.infos, req.lang))] : []),
      ].join(', '),
      findings: group.results.map((r) => this.finding(r, group, req)),
    };
  }

  private finding(r: GroupedResult, group: ReportGroup, req: PageRequest) {
    const m = messages(req.lang);
    const severity = { Violation: m.severityViolation, Warning: m.severityWarning, Info: m.severityInfo }[r.severity];
    return {
      severity: r.severity.toLowerCase(),
      severityText: severity,
      property: r.property ? { label: r.property.label, curie: r.path === null ? undefined : shownPath(r.path) } : undefined,
      // The focus node is worth showing when it is not the dataset itself: a distribution, a contact point, an agent.
      resource: r.focusNode !== group.iri ? r.focusNode : undefined,
      value: r.value,
      message: r.message,
      fix: r.fix,
      seeAlso: r.seeAlso,
    };
  }

  /** What the layout needs on every page. */
  private page(req: PageRequest, title: string, kind: string, q = '') {
    const m = messages(req.lang);
    const other: Lang = req.lang === 'sv' ? 'en' : 'sv';
    const current = kind === 'home' ? '/' : kind === 'search' ? '/search' : kind === 'validate' ? '/validate' : undefined;
    const nav = [
      { href: '/', label: m.navHome },
      { href: '/search', label: m.navSearch },
      { href: '/validate', label: m.navValidate },
      { href: '/sparql', label: m.navSparql },
      { href: '/embed', label: m.navEmbed },
    ].map((item) => ({ label: item.label, href: this.link(item.href, req), current: item.href === current }));
    return {
      m,
      page: {
        lang: req.lang,
        m,
        kind,
        pageTitle: kind === 'home' ? `${m.siteName} – ${title}` : `${title} – ${m.siteName}`,
        stylesheet: this.stylesheetHref,
        homeHref: this.link('/', req),
        nav,
        langSwitch: { href: withParams(req.url, { lang: other }), label: m.otherLanguageName, lang: other },
        searchAction: '/search',
        searchQ: q,
        carried: carriedLanguage(req),
        headLinks: [] as { rel: string; href: string; type?: string }[],
        breadcrumbs: [] as { href?: string; text: LocalText }[],
        footer: [
          { href: '/sparql', label: m.footerSparql },
          { href: '/catalog', label: m.footerCatalog },
          { href: '/.well-known/void', label: m.footerVoid },
          { href: this.link('/embed', req), label: m.footerEmbed },
        ],
      },
    };
  }

  private breadcrumbs(req: PageRequest, trail: { href: string; text: LocalText }[]) {
    return [{ href: this.link('/', req), text: { text: messages(req.lang).navHome } }, ...trail];
  }

  /** An internal link, keeping a language chosen with `?lang=`. */
  /** A link that keeps the page's `?lang=` (public for pages of other concerns, as renderPage). */
  link(href: string, req: PageRequest): string {
    return carryLanguage(href, carriedLanguage(req));
  }

  /**
   * A page of another concern (the region's administration pages) in the portal's layout: `pages/{view}.eta`
   * places `data`, which that concern builds with its own messages; the layout's header, language switch and
   * footer come from here, as on every page.
   */
  renderPage(view: string, title: string, data: Record<string, unknown>, req: PageRequest): string {
    const { page } = this.page(req, title, view);
    return this.eta.render(`pages/${view}`, { ...page, ...data });
  }

  private resource(iri: string, req: PageRequest): string {
    return this.link(resourcePath(iri, this.baseUrl), req);
  }

  private datasetItem(d: DatasetSummary, req: PageRequest) {
    const m = messages(req.lang);
    const description = pickText(d.description, req.lang);
    return {
      href: this.resource(d.iri, req),
      title: pickText(d.title, req.lang) ?? { text: m.untitled },
      series: d.type === 'DatasetSeries',
      description: description ? { ...description, text: excerpt(description.text) } : undefined,
      publisher: this.organisations?.get(d.organisation)?.name ?? d.organisation,
      publisherHref: this.link(`/organisations/${encodeURIComponent(d.organisation)}`, req),
      modified: this.time(d.modified, req.lang),
      formats: [...new Set(d.formats.map((f) => (isIri(f) ? this.label(f, req.lang) ?? lastSegment(f) : f)))].slice(0, 6),
    };
  }

  private datasetPage(paged: Paged<DatasetSummary>, req: PageRequest) {
    return { items: paged.items.map((d) => this.datasetItem(d, req)), pager: this.pager(paged, req), total: paged.total };
  }

  private distributionRow(dist: DistributionView, index: number, req: PageRequest) {
    const m = messages(req.lang);
    const format = dist.format ? this.termText(dist.format, req) : dist.mediaType ? this.termText(dist.mediaType, req) : undefined;
    const title = pickText(dist.title, req.lang) ?? format ?? { text: `${m.columnDistribution} ${index + 1}` };
    return {
      title,
      href: dist.iri ? this.resource(dist.iri, req) : undefined,
      description: pickText(dist.description, req.lang),
      format: format ?? { text: m.notGiven },
      license: dist.license ? this.termText(dist.license, req) : undefined,
      access: dist.accessUrls[0],
      download: dist.downloadUrls[0],
    };
  }

  renderQuality(report: CatalogQualityReport, catalogTitle: LangValues, req: PageRequest): string {
    const q = qualityMessages(req.lang);
    const name = pickText(catalogTitle, req.lang) ?? { text: report.catalog };
    const { page } = this.page(req, q.qualityTitle(name.text), 'quality');
    const num = (n: number) => formatNumber(n, req.lang);
    const path = `${this.baseUrl}/catalogs/${encodeURIComponent(report.catalog)}/quality`;
    const catalogHref = this.link(`/catalogs/${encodeURIComponent(report.catalog)}`, req);
    return this.eta.render('pages/quality', {
      ...page,
      q,
      name,
      score: q.qualityScoreOf(num(report.score), num(report.maxPoints)),
      rating: q.ratings[report.rating],
      compliance: q.qualityCompliance(report.dcatApCompliant, report.profile),
      pending: report.pending,
      dimensions: report.dimensions.map((d) => ({ label: q.dimensions[d.dimension], points: num(d.points), max: num(d.maxPoints) })),
      indicators: report.indicators.map((i) => ({
        label: q.indicators[i.id] ?? i.id,
        dimension: q.dimensions[i.dimension],
        share: `${num(Math.round(i.met * 1000) / 10)} %`,
        points: num(i.points),
        max: num(i.maxPoints),
        networkChecked: i.networkChecked,
      })),
      ratings: report.ratings.map((r) => ({ label: q.ratings[r.rating], datasets: num(r.datasets) })),
      total: num(report.page.total),
      datasets: report.datasets.map((d) => ({
        title: pickText(d.title, req.lang) ?? { text: d.iri },
        href: this.resource(d.iri, req),
        score: num(d.score),
        rating: q.ratings[d.rating],
      })),
      pager: this.pager({ total: report.page.total, page: report.page.page, pageSize: report.page.pageSize, items: [] }, req),
      alternates: [...rdfAlternates(path, this.baseUrl), { href: `${path}.json`, name: 'JSON', mediaType: 'application/json' }],
      breadcrumbs: this.breadcrumbs(req, [{ href: catalogHref, text: name }]),
    });
  }

  /** The score line of dataset and catalog pages. */
  private qualityLine(quality: QualitySummary | undefined, catalogId: string, req: PageRequest) {
    if (!quality) return undefined;
    const q = qualityMessages(req.lang);
    return {
      label: q.qualityHeading,
      text: `${q.qualityScoreOf(formatNumber(quality.score, req.lang), formatNumber(quality.maxPoints, req.lang))} (${q.ratings[quality.rating]})`,
      href: this.link(`/catalogs/${encodeURIComponent(catalogId)}/quality`, req),
      linkText: q.qualityLink,
    };
  }

  /** The validation line of a catalog's page, or of a dataset's, whose link opens the report at that dataset. */
  private validation(status: ValidationStatus | null, catalogId: string, req: PageRequest, dataset?: string) {
    const m = messages(req.lang);
    const report = `/catalogs/${encodeURIComponent(catalogId)}/validation`;
    const href = this.link(dataset ? `${report}?${new URLSearchParams({ dataset })}` : report, req);
    if (!status) return { state: 'unknown', text: m.validationUnknown, href, linkText: m.validationReport };
    if (!status.conforms) return { state: 'fails', text: m.validationViolations(status.violations), href, linkText: m.validationReport };
    if (status.warnings > 0) return { state: 'warnings', text: m.validationWarnings(status.warnings), href, linkText: m.validationReport };
    return { state: 'conforms', text: m.validationConforms, href, linkText: m.validationReport };
  }

  private keywords(keywords: { value: string; lang: string }[], req: PageRequest) {
    // Keywords in the page's language (or untagged); the others, marked with their language, only when there are none
    // (publishers repeat their keywords per language, and a Swedish page of "laddstolpar, EV charging" reads as noise).
    const mine = keywords.filter((k) => localText(k.value, k.lang, req.lang).lang === undefined);
    const shown = mine.length ? mine : keywords;
    return shown.map((k) => ({
      text: localText(k.value, k.lang, req.lang),
      href: this.link(`/search?${new URLSearchParams({ q: k.value })}`, req),
    }));
  }

  private termText(term: TermView, req: PageRequest): LocalText {
    if (term.iri) {
      const known = this.label(term.iri, req.lang);
      if (known) return { text: known };
    }
    return pickText(term.label, req.lang) ?? { text: term.iri ? lastSegment(term.iri) : '' };
  }

  /**
   * A term as a value. Concepts of the EU vocabularies are shown by label only (their IRIs lead to long RDF pages
   * no reader wants); licences, places and standards are linked because their IRIs are documents worth opening.
   */
  private term(term: TermView, req: PageRequest, linked = false): Value {
    const text = this.termText(term, req);
    return linked && term.iri ? { text, href: term.iri } : { text };
  }

  private agent(agent: AgentView | undefined, req: PageRequest): Value | undefined {
    if (!agent) return undefined;
    const name = pickText(agent.name, req.lang) ?? (agent.iri ? { text: lastSegment(agent.iri) } : undefined);
    if (!name) return undefined;
    return agent.iri ? { text: name, href: this.resource(agent.iri, req) } : { text: name };
  }

  private contact(contact: ContactView, req: PageRequest): Value[] {
    const values: Value[] = [];
    const name = pickText(contact.name, req.lang);
    if (name) values.push({ text: name });
    if (contact.email) values.push({ text: { text: contact.email }, href: `mailto:${contact.email}` });
    if (contact.phone) values.push({ text: { text: contact.phone }, href: `tel:${contact.phone.replace(/\s+/g, '')}` });
    if (contact.url) values.push({ text: { text: contact.url }, href: contact.url });
    return values;
  }

  private period(period: PeriodView, lang: Lang): Value {
    const start = formatDate(period.start, lang);
    const end = formatDate(period.end, lang);
    return plain(`${start}–${end}`.replace(/^–/, '– ').replace(/–$/, ' –'));
  }

  private dateValue(value: string | null | undefined, lang: Lang): Value | undefined {
    if (!value) return undefined;
    const datetime = machineDate(value);
    return datetime ? { text: { text: formatDate(value, lang) }, datetime } : plain(formatDate(value, lang));
  }

  private time(value: string | null | undefined, lang: Lang) {
    if (!value) return undefined;
    return { text: formatDate(value, lang), datetime: machineDate(value) };
  }

  private pager(paged: Paged<unknown>, req: PageRequest): Pager | undefined {
    const count = Math.max(1, Math.ceil(paged.total / Math.max(1, paged.pageSize)));
    if (count <= 1) return undefined;
    const m = messages(req.lang);
    const at = (n: number) => withParams(req.url, { page: n === 1 ? null : String(n) });
    const items: PagerLink[] = [];
    for (let n = 1; n <= count; n++) {
      const near = Math.abs(n - paged.page) <= PAGER_RADIUS;
      if (n === 1 || n === count || near) items.push({ n, href: at(n), current: n === paged.page });
      else if (!items[items.length - 1]?.gap) items.push({ gap: true });
    }
    const pager: Pager = { items, summary: m.pageOf(paged.page, count) };
    if (paged.page > 1) pager.prev = at(paged.page - 1);
    if (paged.page < count) pager.next = at(paged.page + 1);
    return pager;
  }

  private pagingLinks(paged: Paged<unknown>, req: PageRequest) {
    const pager = this.pager(paged, req);
    const links: { rel: string; href: string; type?: string }[] = [];
    if (pager?.prev) links.push({ rel: 'prev', href: pager.prev });
    if (pager?.next) links.push({ rel: 'next', href: pager.next });
    return links;
  }

  private alternateLinks(iri: string) {
    return rdfAlternates(iri, this.baseUrl).map((a) => ({ rel: 'alternate', href: a.href, type: a.mediaType }));
  }
}

export function createPortal(options: PortalOptions): PortalRenderer {
  return new PortalRenderer(options);
}

/** The `?lang=` of a page's URL, read once per page: a results page builds a hundred links. */
const carried = new WeakMap<PageRequest, string | null>();

function carriedLanguage(req: PageRequest): string | null {
  let value = carried.get(req);
  if (value === undefined) carried.set(req, (value = paramsOf(req.url).get('lang')));
  return value;
}

function field(label: string, values: Value | Value[] | undefined): Field | undefined {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  return list.length > 0 ? { label, values: list } : undefined;
}

function plain(text: string): Value {
  return { text: { text } };
}

function present<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function isIri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = flat.lastIndexOf(' ', EXCERPT_CHARS);
  return `${flat.slice(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS).replace(/[,.;:]$/, '')}…`;
}

export type { LangValues };
