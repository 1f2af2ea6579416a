import { Organisations, type Organisation } from '../organisations/organisations.js';
import { describeDataset, datasetIri, slugify, spatial, type CatalogSite, type DatasetPlan } from './dataset-description.js';
import { NS, RDF_TYPE, date, iri, text, writeNTriples, writeTurtle, type Description, type Term } from './rdf-text.js';
import { SeededRandom } from './seeded-random.js';
import { REGIONAL_TOPIC_IDS, TOPICS, TOPICS_BY_ID, type Topic } from './topics.js';
import { LANGUAGE_ENG, LANGUAGE_SWE, LICENCES, PUBLISHER_TYPES, THEME_TAXONOMY, type AccessRight, type FileTypeKey } from './vocab-picks.js';

/** The demo's seed: `npm run demo` always shows the same region. */
export const DEMO_SEED = 20260101;
export const DEFAULT_DATASETS = 2000;
export const DEFAULT_BASE_URL = 'http://localhost:3030';

export type Syntax = 'turtle' | 'ntriples';

export interface RegionOptions {
  /** Same seed, same options → byte-identical output. Default DEMO_SEED. */
  seed?: number;
  /** Datasets in the whole region, exactly; at least one per organisation. Default 2000. */
  datasets?: number;
  /** The server's BASE_URL: what relative IRIs resolve against and what N-Triples spell out. Default http://localhost:3030. */
  baseUrl?: string;
  /** Turtle (relative IRIs, as a publisher would PUT it) or N-Triples (absolute, for bulk loads). Default turtle. */
  syntax?: Syntax;
  /** Default: data/organisations.csv for `baseUrl`. */
  organisations?: Organisations;
}

export interface GeneratedDataset {
  iri: string;
  slug: string;
  topic: string;
  regional: boolean;
  titleSv: string;
  titleEn?: string;
  modified: string;
  accessRights: AccessRight;
}

export interface GeneratedCatalog {
  /** The catalog id, equal to the organisation id: PUT it to `/catalogs/{id}`. */
  id: string;
  organisation: Organisation;
  catalogIri: string;
  publisherIri: string;
  /** True when the publisher keeps its IRIs on its own website instead of under the server. */
  ownIris: boolean;
  datasets: GeneratedDataset[];
  /** The catalog document in `syntax`. */
  text: string;
  syntax: Syntax;
  mediaType: 'text/turtle' | 'application/n-triples';
}

export interface GeneratedRegion {
  seed: number;
  baseUrl: string;
  catalogs: GeneratedCatalog[];
}

/** One catalog per organisation (the region first, then the municipalities in the order of the data file). */
export function generateRegion(options: RegionOptions = {}): GeneratedRegion {
  const seed = options.seed ?? DEMO_SEED;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const organisations = options.organisations ?? Organisations.load(baseUrl);
  const list = organisations.all();
  const sizes = planCatalogSizes(list, options.datasets ?? DEFAULT_DATASETS, seed);
  const catalogs = list.map((org, index) =>
    generateCatalog(org, { seed, baseUrl, size: sizes[index]!, index, syntax: options.syntax ?? 'turtle', publisherIri: organisations.publisherIri(org) }),
  );
  return { seed, baseUrl, catalogs };
}

/**
 * Dataset counts per organisation with a long tail: the region and the big cities get hundreds, small municipalities
 * a handful. Weights follow population (the region counts as a quarter of its inhabitants), with some jitter, over a
 * floor of up to five datasets each; the counts add up to `total` exactly.
 */
export function planCatalogSizes(list: readonly Organisation[], total: number, seed: number): number[] {
  if (!Number.isInteger(total) || total < list.length) {
    throw new RangeError(`datasets must be an integer of at least ${list.length} (one per organisation), got ${total}`);
  }
  const random = new SeededRandom(seed, 'sizes');
  const people = (org: Organisation) => org.population ?? UNKNOWN_POPULATION;
  const municipal = list.filter((o) => o.type !== 'region').reduce((sum, o) => sum + people(o), 0);
  const weights = list.map((org) => (org.type === 'region' ? municipal * 0.25 : people(org)) ** 0.95 * (0.75 + random.float() * 0.6));
  const floor = Math.max(1, Math.min(5, Math.floor(total / (list.length * 8))));
  const rest = total - floor * list.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const sizes = exact.map((x) => floor + Math.floor(x));
  // Largest remainder: hand out what rounding down left over, biggest fraction first (index breaks ties).
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, missing = total - sizes.reduce((a, b) => a + b, 0); k < missing; k++) sizes[order[k]![1]]! += 1;
  return sizes;
}

/** Municipalities whose population the data file does not give yet are treated as a typical small one. */
const UNKNOWN_POPULATION = 12_000;

export interface CatalogOptions {
  seed: number;
  baseUrl: string;
  size: number;
  /** Position in the organisation list: decides which regional topic the catalog is sure to have. */
  index: number;
  syntax: Syntax;
  publisherIri: string;
}

/** One organisation's catalog: its own random stream, so other catalogs' sizes do not change how it looks. */
export function generateCatalog(org: Organisation, options: CatalogOptions): GeneratedCatalog {
  const random = new SeededRandom(options.seed, org.id);
  // Every fourth municipality keeps its IRIs on its own website, as many real publishers do.
  const ownIris = org.type !== 'region' && options.index % 4 === 3;
  const serverBase = `${options.baseUrl}/catalogs/${org.id}/`;
  const site: CatalogSite = {
    catalogId: org.id,
    organisationId: org.id,
    organisationName: org.name,
    webDomain: org.webDomain,
    publisherIri: options.publisherIri,
    catalogIri: ownIris ? `https://${org.webDomain}/dcat/catalog` : `${options.baseUrl}/catalogs/${org.id}`,
    resourceBase: ownIris ? `https://${org.webDomain}/dcat/` : serverBase,
  };
  const plans = planDatasets(site, org, options, random);
  const descriptions: Description[] = [describeCatalog(site, org, plans, random), describePublisher(site, org)];
  for (const plan of plans) descriptions.push(...describeDataset(site, plan));

  const header = `${org.name}: ${plans.length} generated demo datasets (seed ${options.seed}). Not real data.`;
  const documentText =
    options.syntax === 'turtle'
      ? // The catalog itself is the graph's own IRI, `{BASE_URL}/catalogs/{id}`: relative to the base that is `../{id}`.
        writeTurtle(descriptions, { relativeTo: serverBase, aliases: new Map([[`${options.baseUrl}/catalogs/${org.id}`, `../${org.id}`]]), header })
      : writeNTriples(descriptions, `${org.id.replace(/-/g, '_')}_`);
  return {
    id: org.id,
    organisation: org,
    catalogIri: site.catalogIri,
    publisherIri: site.publisherIri,
    ownIris,
    datasets: plans.map((plan) => ({
      iri: datasetIri(site, plan.slug),
      slug: plan.slug,
      topic: plan.topic.id,
      regional: plan.topic.regional,
      titleSv: plan.titleSv,
      ...(plan.titleEn !== undefined ? { titleEn: plan.titleEn } : {}),
      modified: plan.modified,
      accessRights: plan.accessRights,
    })),
    text: documentText,
    syntax: options.syntax,
    mediaType: options.syntax === 'turtle' ? 'text/turtle' : 'application/n-triples',
  };
}

const FIRST_DAY = Date.UTC(2016, 0, 1);
const LAST_DAY = Date.UTC(2025, 10, 30);
const DAY = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const LATEST_EDITION = 2025;
const OLDEST_EDITION = 2010;

/**
 * Which datasets an organisation publishes. The catalog is sure to have one regional topic (they rotate with the
 * organisation's position, so all five appear across the region) and each other regional topic with a chance that
 * grows with its size; the remaining datasets are drawn from the long tail. A topic used again becomes a yearly
 * edition ("Luftkvalitet 2023"), newest first, then numbered parts, so any size has unique slugs.
 */
function planDatasets(site: CatalogSite, org: Organisation, options: CatalogOptions, random: SeededRandom): DatasetPlan[] {
  const size = options.size;
  const sure = REGIONAL_TOPIC_IDS[options.index % REGIONAL_TOPIC_IDS.length]!;
  const regional: Topic[] = [TOPICS_BY_ID.get(sure)!];
  for (const id of REGIONAL_TOPIC_IDS) {
    if (id !== sure && random.chance(Math.min(1, 0.2 + size / 60))) regional.push(TOPICS_BY_ID.get(id)!);
  }
  const topicsHere = [...regional.slice(0, size), ...TOPICS.filter((t) => !t.regional)];
  const writesEnglish = org.type === 'region' || org.id === 'goteborg' || random.chance(0.3);
  const licence = random.chance(0.6) ? LICENCES.CC0 : LICENCES.CC_BY;
  const titles = new Map<string, string>();
  const uses = new Map<string, number>();

  const plans: DatasetPlan[] = [];
  for (let n = 0; n < size; n++) {
    // The regional topics come first, so even a catalog of one dataset has one; after that, they are drawn twice as often.
    const topic = n < Math.min(regional.length, size) ? regional[n]! : random.weighted(topicsHere, (t) => (t.regional ? 2 : 1));
    const title = titles.get(topic.id) ?? random.pick(topic.titlesSv);
    titles.set(topic.id, title);
    const use = uses.get(topic.id) ?? 0;
    uses.set(topic.id, use + 1);
    plans.push(planDataset(site, topic, title, use, writesEnglish && random.chance(0.7), licence, random));
  }
  return plans;
}

function planDataset(site: CatalogSite, topic: Topic, title: string, use: number, english: boolean, licence: string, random: SeededRandom): DatasetPlan {
  const editions = LATEST_EDITION - OLDEST_EDITION + 1;
  const year = use === 0 ? undefined : LATEST_EDITION - ((use - 1) % editions);
  const part = use === 0 ? 0 : Math.floor((use - 1) / editions);
  const suffixSv = year === undefined ? '' : part === 0 ? ` ${year}` : ` ${year}, del ${part + 1}`;
  const suffixSlug = year === undefined ? '' : part === 0 ? `-${year}` : `-${year}-del-${part + 1}`;

  const issuedMs = year === undefined ? FIRST_DAY + random.int(0, 3000) * DAY : Date.UTC(Math.min(year + 1, 2025), random.int(0, 5), random.int(1, 28));
  const modifiedMs = issuedMs + random.int(0, Math.max(0, Math.floor((LAST_DAY - issuedMs) / DAY))) * DAY;
  const startYear = year ?? new Date(issuedMs).getUTCFullYear() - random.int(0, 6);
  const endYear = year ?? new Date(modifiedMs).getUTCFullYear();
  const files = [topic.files[0]!, ...topic.files.slice(1).filter(() => random.chance(0.45))] as FileTypeKey[];
  const keywords = random.sample(topic.keywordsSv, random.int(2, Math.min(4, topic.keywordsSv.length)));
  // A few ordinary datasets are restricted too: real catalogs list what may be asked for, not only what is open.
  const accessRights: AccessRight = topic.accessRights ?? (random.chance(0.02) ? 'RESTRICTED' : 'PUBLIC');
  return {
    slug: `${slugify(title)}${suffixSlug}`,
    topic,
    titleSv: `${title}${suffixSv}`,
    ...(english ? { titleEn: `${topic.titleEn}${year === undefined ? '' : ` ${year}`}${part === 0 ? '' : `, part ${part + 1}`}` } : {}),
    issued: isoDate(issuedMs),
    modified: isoDate(modifiedMs),
    temporal: { start: `${startYear}-01-01`, end: `${endYear}-12-31` },
    accessRights,
    licence,
    files: accessRights === 'PUBLIC' ? files : [files[0]!],
    keywordsSv: keywords,
    ...(year !== undefined ? { year } : {}),
  };
}

function describeCatalog(site: CatalogSite, org: Organisation, plans: readonly DatasetPlan[], random: SeededRandom): Description {
  const issued = plans.reduce((min, p) => (p.issued < min ? p.issued : min), '9999-12-31');
  const modified = plans.reduce((max, p) => (p.modified > max ? p.modified : max), '0000-01-01');
  const properties: [string, Term][] = [
    [RDF_TYPE, iri(`${NS.dcat}Catalog`)],
    [`${NS.dct}title`, text(`Öppna data från ${org.name}`, 'sv')],
    [`${NS.dct}title`, text(`Open data from ${org.name}`, 'en')],
    [`${NS.dct}description`, text(`Datamängder som ${org.name} publicerar som öppna data${random.chance(0.5) ? ', med licens och kontaktuppgifter' : ''}.`, 'sv')],
    [`${NS.dct}description`, text(`Datasets published as open data by ${org.name}.`, 'en')],
    [`${NS.dct}publisher`, iri(site.publisherIri)],
    [`${NS.foaf}homepage`, iri(`https://${org.webDomain}/oppna-data`)],
    [`${NS.dct}language`, iri(LANGUAGE_SWE)],
    [`${NS.dct}language`, iri(LANGUAGE_ENG)],
    [`${NS.dct}license`, iri(LICENCES.CC0)],
    [`${NS.dct}issued`, date(issued)],
    [`${NS.dct}modified`, date(modified)],
    ...spatial(site),
    [`${NS.dcat}themeTaxonomy`, iri(THEME_TAXONOMY)],
    ...plans.map((p): [string, Term] => [`${NS.dcat}dataset`, iri(datasetIri(site, p.slug))]),
  ];
  return { iri: site.catalogIri, properties };
}

function describePublisher(site: CatalogSite, org: Organisation): Description {
  return {
    iri: site.publisherIri,
    properties: [
      [RDF_TYPE, iri(`${NS.foaf}Organization`)],
      [`${NS.foaf}name`, text(org.name, 'sv')],
      [`${NS.dct}type`, iri(PUBLISHER_TYPES[org.type])],
    ],
  };
}
