import { NS, RDF_TYPE, blank, date, iri, text, type Description, type Term } from './rdf-text.js';
import type { Topic } from './topics.js';
import {
  AVAILABILITY_STABLE,
  FILE_TYPES,
  GEONAMES_GOTEBORG,
  LANGUAGE_ENG,
  LANGUAGE_SWE,
  NUTS_VASTRA_GOTALAND,
  accessRightIri,
  fileTypeIri,
  frequencyIri,
  mediaTypeIri,
  themeIri,
  type AccessRight,
  type FileTypeKey,
} from './vocab-picks.js';

/** Where a catalog's resources live and who publishes them: what every dataset of one catalog shares. */
export interface CatalogSite {
  catalogId: string;
  organisationId: string;
  organisationName: string;
  webDomain: string;
  publisherIri: string;
  catalogIri: string;
  /** Datasets are `{resourceBase}datasets/{slug}`: under the server's catalog path, or on the publisher's site. */
  resourceBase: string;
}

/** Everything chosen about one dataset; `describeDataset` turns it into RDF without further choices. */
export interface DatasetPlan {
  slug: string;
  topic: Topic;
  titleSv: string;
  /** Present when the publisher also writes English. */
  titleEn?: string;
  /** `YYYY-MM-DD`. */
  issued: string;
  modified: string;
  temporal: { start: string; end: string };
  accessRights: AccessRight;
  licence: string;
  files: FileTypeKey[];
  keywordsSv: string[];
  /** The year a yearly edition covers, mixed into the description. */
  year?: number;
}

export const datasetIri = (site: CatalogSite, slug: string): string => `${site.resourceBase}datasets/${slug}`;
export const distributionIri = (site: CatalogSite, slug: string, file: FileTypeKey): string => `${datasetIri(site, slug)}/${file.toLowerCase()}`;

const fill = (template: string, site: CatalogSite): string => template.replaceAll('{org}', site.organisationName);

/** The dataset and its distributions: one description each, the contact point and period as blank nodes. */
export function describeDataset(site: CatalogSite, plan: DatasetPlan): Description[] {
  const { topic } = plan;
  const dataset = datasetIri(site, plan.slug);
  const english = plan.titleEn !== undefined;
  const yearSv = plan.year === undefined ? '' : ` Avser ${plan.year}.`;
  const yearEn = plan.year === undefined ? '' : ` Covers ${plan.year}.`;
  const p: [string, Term][] = [
    [RDF_TYPE, iri(`${NS.dcat}Dataset`)],
    [`${NS.dct}title`, text(plan.titleSv, 'sv')],
    ...(english ? [[`${NS.dct}title`, text(plan.titleEn!, 'en')] as [string, Term]] : []),
    [`${NS.dct}description`, text(fill(topic.descriptionSv, site) + yearSv, 'sv')],
    ...(english ? [[`${NS.dct}description`, text(fill(topic.descriptionEn, site) + yearEn, 'en')] as [string, Term]] : []),
    [`${NS.dct}identifier`, { kind: 'literal', value: `${site.catalogId}/${plan.slug}` }],
    ...plan.keywordsSv.map((k): [string, Term] => [`${NS.dcat}keyword`, text(k, 'sv')]),
    ...(english ? topic.keywordsEn.map((k): [string, Term] => [`${NS.dcat}keyword`, text(k, 'en')]) : []),
    ...topic.themes.map((t): [string, Term] => [`${NS.dcat}theme`, iri(themeIri(t))]),
    [`${NS.dct}publisher`, iri(site.publisherIri)],
    [`${NS.dcat}contactPoint`, contactPoint(site, topic)],
    [`${NS.dct}accessRights`, iri(accessRightIri(plan.accessRights))],
    [`${NS.dct}accrualPeriodicity`, iri(frequencyIri(topic.frequency))],
    [`${NS.dct}language`, iri(LANGUAGE_SWE)],
    ...(english ? [[`${NS.dct}language`, iri(LANGUAGE_ENG)] as [string, Term]] : []),
    [`${NS.dct}issued`, date(plan.issued)],
    [`${NS.dct}modified`, date(plan.modified)],
    ...spatial(site),
    [
      `${NS.dct}temporal`,
      blank([RDF_TYPE, iri(`${NS.dct}PeriodOfTime`)], [`${NS.dcat}startDate`, date(plan.temporal.start)], [`${NS.dcat}endDate`, date(plan.temporal.end)]),
    ],
    [`${NS.dcat}landingPage`, iri(`https://${site.webDomain}/oppna-data/${plan.slug}`)],
    ...plan.files.map((f): [string, Term] => [`${NS.dcat}distribution`, iri(distributionIri(site, plan.slug, f))]),
  ];
  return [{ iri: dataset, properties: p }, ...plan.files.map((f) => describeDistribution(site, plan, f))];
}

export function describeDistribution(site: CatalogSite, plan: DatasetPlan, key: FileTypeKey): Description {
  const file = FILE_TYPES[key];
  const open = plan.accessRights === 'PUBLIC';
  // A restricted dataset is reached by asking for it, not by downloading it: its access URL is the request page.
  const access = !open
    ? `https://${site.webDomain}/begar-ut-allmanna-handlingar`
    : 'api' in file
      ? `https://${site.webDomain}/api/${plan.slug}`
      : `https://${site.webDomain}/oppna-data/${plan.slug}.${file.extension}`;
  const properties: [string, Term][] = [
    [RDF_TYPE, iri(`${NS.dcat}Distribution`)],
    [`${NS.dct}title`, text(`${plan.titleSv} (${file.labelSv})`, 'sv')],
    [`${NS.dct}description`, text(`${file.labelSv} med ${lowerFirst(plan.titleSv)}.`, 'sv')],
    [`${NS.dcat}accessURL`, iri(access)],
    ...(open && !('api' in file) ? [[`${NS.dcat}downloadURL`, iri(access)] as [string, Term]] : []),
    [`${NS.dct}format`, iri(fileTypeIri(file))],
    [`${NS.dcat}mediaType`, iri(mediaTypeIri(file))],
    [`${NS.dct}license`, iri(plan.licence)],
    [`${NS.dcatap}availability`, iri(AVAILABILITY_STABLE)],
    [`${NS.dct}modified`, date(plan.modified)],
  ];
  return { iri: distributionIri(site, plan.slug, key), properties };
}

/** Every catalog covers the county (NUTS 3); Göteborg also names its GeoNames feature. */
export function spatial(site: CatalogSite): [string, Term][] {
  const out: [string, Term][] = [[`${NS.dct}spatial`, iri(NUTS_VASTRA_GOTALAND)]];
  if (site.organisationId === 'goteborg') out.push([`${NS.dct}spatial`, iri(GEONAMES_GOTEBORG)]);
  return out;
}

function contactPoint(site: CatalogSite, topic: Topic): Term {
  return blank(
    [RDF_TYPE, iri(`${NS.vcard}Organization`)],
    [`${NS.vcard}fn`, text(`${topic.unitSv}, ${site.organisationName}`, 'sv')],
    [`${NS.vcard}hasEmail`, iri(`mailto:${slugify(topic.unitSv)}@${site.webDomain}`)],
  );
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** ASCII path segment from a Swedish title: "Måltider i skola och förskola" → "maltider-i-skola-och-forskola". */
export function slugify(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
