import { NS, RDF_TYPE, date, iri, labelledBlank, typed, type Description, type Term } from './rdf-text.js';
import { fileTypeIri, mediaTypeIri, type FileType } from './vocab-picks.js';

/**
 * How the project describes catalogs, publishers, datasets and distributions in RDF: the one place that decides which
 * property carries what, for the demo region, the test catalogs and the benchmark data alike. The facts are chosen by
 * the caller (a seeded plan, a dataset number); every field left out is a triple not written, so a test can ask for
 * a minimal description and the demo for a full one.
 */

/** A literal in a language; without `lang` a plain string. */
export interface Text {
  value: string;
  lang?: string;
}

export const sv = (value: string): Text => ({ value, lang: 'sv' });
export const en = (value: string): Text => ({ value, lang: 'en' });

/** A vCard contact point: a blank node (labelled when `label` is given) unless it has its own `iri`. */
export interface ContactFacts {
  name: Text;
  email: string;
  iri?: string;
  label?: string;
}

export interface PeriodFacts {
  /** `YYYY-MM-DD`. */
  start: string;
  end: string;
  label?: string;
}

export interface DistributionFacts {
  iri: string;
  title?: Text;
  description?: Text;
  accessUrl: string;
  downloadUrl?: string;
  /** dct:format and dcat:mediaType; `formatOnly` leaves the media type out. */
  fileType?: FileType;
  formatOnly?: boolean;
  licence?: string;
  byteSize?: number;
  availability?: string;
  modified?: string;
}

export interface DatasetFacts {
  iri: string;
  /** Empty for a dataset without a title (a violation, to test the gate). */
  titles: readonly Text[];
  descriptions: readonly Text[];
  identifier?: string;
  keywords?: readonly Text[];
  /** IRIs (`themeIri`). */
  themes?: readonly string[];
  publisher: string;
  contactPoint?: ContactFacts;
  accessRights?: string;
  frequency?: string;
  languages?: readonly string[];
  issued?: string;
  modified?: string;
  spatial?: readonly string[];
  temporal?: PeriodFacts;
  landingPage?: string;
  distributions: readonly DistributionFacts[];
}

export interface CatalogFacts {
  iri: string;
  titles: readonly Text[];
  descriptions: readonly Text[];
  publisher: string;
  homepage?: string;
  languages?: readonly string[];
  licence?: string;
  issued?: string;
  modified?: string;
  spatial?: readonly string[];
  themeTaxonomy?: string;
  datasets: readonly string[];
}

export interface PublisherFacts {
  iri: string;
  name: Text;
  /** An ADMS publisher type IRI (`PUBLISHER_TYPES`); mandatory in DCAT-AP-SE. */
  type?: string;
  /** The organisation number, ten digits without hyphen (DCAT-AP-SE recommends it as dct:identifier). */
  organisationNumber?: string;
  description?: Text;
}

const literal = (t: Text): Term => ({ kind: 'literal', value: t.value, ...(t.lang ? { lang: t.lang } : {}) });
const each = <T>(values: readonly T[] | undefined, predicate: string, term: (value: T) => Term): [string, Term][] =>
  values === undefined ? [] : values.map((v): [string, Term] => [predicate, term(v)]);
const optional = <T>(value: T | undefined, predicate: string, term: (value: T) => Term): [string, Term][] =>
  value === undefined ? [] : [[predicate, term(value)]];

/** The dataset and its distributions: one description each, the contact point and period nested (blank nodes). */
export function describeDataset(facts: DatasetFacts): Description[] {
  const properties: [string, Term][] = [
    [RDF_TYPE, iri(`${NS.dcat}Dataset`)],
    ...each(facts.titles, `${NS.dct}title`, literal),
    ...each(facts.descriptions, `${NS.dct}description`, literal),
    ...optional(facts.identifier, `${NS.dct}identifier`, (v) => literal({ value: v })),
    ...each(facts.keywords, `${NS.dcat}keyword`, literal),
    ...each(facts.themes, `${NS.dcat}theme`, iri),
    [`${NS.dct}publisher`, iri(facts.publisher)],
    ...optional(facts.contactPoint, `${NS.dcat}contactPoint`, contactPoint),
    ...optional(facts.accessRights, `${NS.dct}accessRights`, iri),
    ...optional(facts.frequency, `${NS.dct}accrualPeriodicity`, iri),
    ...each(facts.languages, `${NS.dct}language`, iri),
    ...optional(facts.issued, `${NS.dct}issued`, date),
    ...optional(facts.modified, `${NS.dct}modified`, date),
    ...each(facts.spatial, `${NS.dct}spatial`, iri),
    ...optional(facts.temporal, `${NS.dct}temporal`, period),
    ...optional(facts.landingPage, `${NS.dcat}landingPage`, iri),
    ...facts.distributions.map((d): [string, Term] => [`${NS.dcat}distribution`, iri(d.iri)]),
  ];
  const out: Description[] = [{ iri: facts.iri, properties }];
  for (const d of facts.distributions) out.push(describeDistribution(d));
  // A contact point with an IRI of its own is described after the dataset, as its own subject.
  if (facts.contactPoint?.iri !== undefined) out.push({ iri: facts.contactPoint.iri, properties: contactProperties(facts.contactPoint) });
  return out;
}

export function describeDistribution(facts: DistributionFacts): Description {
  const file = facts.fileType;
  const properties: [string, Term][] = [
    [RDF_TYPE, iri(`${NS.dcat}Distribution`)],
    ...optional(facts.title, `${NS.dct}title`, literal),
    ...optional(facts.description, `${NS.dct}description`, literal),
    [`${NS.dcat}accessURL`, iri(facts.accessUrl)],
    ...optional(facts.downloadUrl, `${NS.dcat}downloadURL`, iri),
    ...optional(file, `${NS.dct}format`, (f) => iri(fileTypeIri(f))),
    ...optional(facts.formatOnly ? undefined : file, `${NS.dcat}mediaType`, (f) => iri(mediaTypeIri(f))),
    ...optional(facts.licence, `${NS.dct}license`, iri),
    ...optional(facts.byteSize, `${NS.dcat}byteSize`, (n) => typed(String(n), `${NS.xsd}nonNegativeInteger`)),
    ...optional(facts.availability, `${NS.dcatap}availability`, iri),
    ...optional(facts.modified, `${NS.dct}modified`, date),
  ];
  return { iri: facts.iri, properties };
}

export function describeCatalog(facts: CatalogFacts): Description {
  const properties: [string, Term][] = [
    [RDF_TYPE, iri(`${NS.dcat}Catalog`)],
    ...each(facts.titles, `${NS.dct}title`, literal),
    ...each(facts.descriptions, `${NS.dct}description`, literal),
    [`${NS.dct}publisher`, iri(facts.publisher)],
    ...optional(facts.homepage, `${NS.foaf}homepage`, iri),
    ...each(facts.languages, `${NS.dct}language`, iri),
    ...optional(facts.licence, `${NS.dct}license`, iri),
    ...optional(facts.issued, `${NS.dct}issued`, date),
    ...optional(facts.modified, `${NS.dct}modified`, date),
    ...each(facts.spatial, `${NS.dct}spatial`, iri),
    ...optional(facts.themeTaxonomy, `${NS.dcat}themeTaxonomy`, iri),
    ...each(facts.datasets, `${NS.dcat}dataset`, iri),
  ];
  return { iri: facts.iri, properties };
}

export function describePublisher(facts: PublisherFacts): Description {
  return {
    iri: facts.iri,
    properties: [
      [RDF_TYPE, iri(`${NS.foaf}Organization`)],
      [`${NS.foaf}name`, literal(facts.name)],
      ...optional(facts.type, `${NS.dct}type`, iri),
      ...optional(facts.organisationNumber, `${NS.dct}identifier`, (v) => literal({ value: v })),
      ...optional(facts.description, `${NS.dct}description`, literal),
    ],
  };
}

/** A licence as a dct:LicenseDocument with its ADMS licence type (`LICENCE_TYPES`). */
export function describeLicence(licence: string, type: string): Description {
  return { iri: licence, properties: [[RDF_TYPE, iri(`${NS.dct}LicenseDocument`)], [`${NS.dct}type`, iri(type)]] };
}

function contactProperties(contact: ContactFacts): [string, Term][] {
  return [[RDF_TYPE, iri(`${NS.vcard}Organization`)], [`${NS.vcard}fn`, literal(contact.name)], [`${NS.vcard}hasEmail`, iri(`mailto:${contact.email}`)]];
}

function contactPoint(contact: ContactFacts): Term {
  return contact.iri !== undefined ? iri(contact.iri) : labelledBlank(contact.label, ...contactProperties(contact));
}

function period(temporal: PeriodFacts): Term {
  return labelledBlank(
    temporal.label,
    [RDF_TYPE, iri(`${NS.dct}PeriodOfTime`)],
    [`${NS.dcat}startDate`, date(temporal.start)],
    [`${NS.dcat}endDate`, date(temporal.end)],
  );
}

/** ASCII path segment from a Swedish title: "Måltider i skola och förskola" → "maltider-i-skola-och-forskola". */
export function slugify(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
