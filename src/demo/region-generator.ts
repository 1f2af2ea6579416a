import { Organisations, type Organisation } from '../organisations/organisations.js';
import {
  describeCatalog,
  describeDataset,
  describePublisher,
  en,
  slugify,
  sv,
  type DatasetFacts,
  type DistributionFacts,
  type PublisherFacts,
} from './dataset-description.js';
import { NTriplesWriter, writeTurtle, type Description } from './rdf-text.js';
import { SeededRandom } from './seeded-random.js';
import { REGIONAL_TOPIC_IDS, TOPICS, TOPICS_BY_ID, type Topic } from './topics.js';
import {
  AVAILABILITY_STABLE,
  FILE_TYPES,
  GEONAMES_GOTEBORG,
  LANGUAGE_ENG,
  LANGUAGE_SWE,
  LICENCES,
  NUTS_VASTRA_GOTALAND,
  PUBLISHER_TYPES,
  THEME_TAXONOMY,
  accessRightIri,
  frequencyIri,
  themeIri,
  type AccessRight,
  type FileTypeKey,
} from './vocab-picks.js';

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

/** Everything chosen about one dataset; `datasetFacts` turns it into the facts to describe without further choices. */
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

/** One organisation's catalog planned: its own random stream, so other catalogs' sizes do not change how it looks. */
interface PlannedCatalog {
  site: CatalogSite;
  ownIris: boolean;
  plans: DatasetPlan[];
  /** The catalog and its publisher, described before the datasets. */
  head: Description[];
}

function planCatalog(org: Organisation, options: Omit<CatalogOptions, 'syntax'>): PlannedCatalog {
  const random = new SeededRandom(options.seed, org.id);
  // Every fourth municipality keeps its IRIs on its own website, as many real publishers do.
  const ownIris = org.type !== 'region' && options.index % 4 === 3;
  const site: CatalogSite = {
    catalogId: org.id,
    organisationId: org.id,
    organisationName: org.name,
    webDomain: org.webDomain,
    publisherIri: options.publisherIri,
    catalogIri: ownIris ? `https://${org.webDomain}/dcat/catalog` : `${options.baseUrl}/catalogs/${org.id}`,
    resourceBase: ownIris ? `https://${org.webDomain}/dcat/` : `${options.baseUrl}/catalogs/${org.id}/`,
  };
  const plans = planDatasets(site, org, options, random);
  const head = [describeCatalog(catalogFacts(site, org, plans, random)), describePublisher(publisherFacts(site, org))];
  return { site, ownIris, plans, head };
}

function* catalogDescriptions(planned: PlannedCatalog): Generator<Description> {
  yield* planned.head;
  for (const plan of planned.plans) yield* describeDataset(datasetFacts(planned.site, plan));
}

/** One organisation's catalog as a document in `syntax`, with what it holds. */
export function generateCatalog(org: Organisation, options: CatalogOptions): GeneratedCatalog {
  const planned = planCatalog(org, options);
  const { site, plans } = planned;
  const serverBase = `${options.baseUrl}/catalogs/${org.id}/`;
  const header = `${org.name}: ${plans.length} generated demo datasets (seed ${options.seed}). Not real data.`;
  const documentText =
    options.syntax === 'turtle'
      ? // The catalog itself is the graph's own IRI, `{BASE_URL}/catalogs/{id}`: relative to the base that is `../{id}`.
        writeTurtle([...catalogDescriptions(planned)], { relativeTo: serverBase, aliases: new Map([[`${options.baseUrl}/catalogs/${org.id}`, `../${org.id}`]]), header })
      : nTriplesText(planned, blankPrefix(org));
  return {
    id: org.id,
    organisation: org,
    catalogIri: site.catalogIri,
    publisherIri: site.publisherIri,
    ownIris: planned.ownIris,
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

/**
 * The same catalog as `generateCatalog` gives in N-Triples, handed to `write` in pieces of about `pieceChars`
 * characters, so a catalog of a million lines never stands in one string (the store benchmark writes files this way).
 * Returns the number of triples, the catalog IRI and the dataset IRIs.
 */
export function streamCatalogNTriples(
  org: Organisation,
  options: Omit<CatalogOptions, 'syntax'>,
  write: (piece: string) => void,
  pieceChars = 1 << 20,
): { triples: number; catalogIri: string; datasets: string[] } {
  const planned = planCatalog(org, options);
  const triples = writeNTriplesPieces(planned, blankPrefix(org), write, pieceChars);
  return { triples, catalogIri: planned.site.catalogIri, datasets: planned.plans.map((p) => datasetIri(planned.site, p.slug)) };
}

/**
 * The whole N-Triples text joined from 1 MiB pieces: one string grown by += over a catalog of 10,000 datasets is a
 * rope of millions of nodes that every garbage collection walks; joined pieces are flat. A region of 50,000 datasets
 * as N-Triples: about 7.8 → 5.0 s, most of the rest being garbage collection of the 350 MB of text kept.
 */
function nTriplesText(planned: PlannedCatalog, labelPrefix: string): string {
  const pieces: string[] = [];
  writeNTriplesPieces(planned, labelPrefix, (piece) => pieces.push(piece), 1 << 20);
  return pieces.join('');
}

function writeNTriplesPieces(planned: PlannedCatalog, labelPrefix: string, write: (piece: string) => void, pieceChars: number): number {
  const writer = new NTriplesWriter(labelPrefix);
  let piece = '';
  let triples = 0;
  for (const description of catalogDescriptions(planned)) {
    const text = writer.write([description]);
    triples += lineCount(text);
    piece += text;
    if (piece.length >= pieceChars) {
      write(piece);
      piece = '';
    }
  }
  if (piece) write(piece);
  return triples;
}

const blankPrefix = (org: Organisation): string => `${org.id.replace(/-/g, '_')}_`;

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
function planDatasets(site: CatalogSite, org: Organisation, options: Omit<CatalogOptions, 'syntax'>, random: SeededRandom): DatasetPlan[] {
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

function catalogFacts(site: CatalogSite, org: Organisation, plans: readonly DatasetPlan[], random: SeededRandom) {
  return {
    iri: site.catalogIri,
    titles: [sv(`Öppna data från ${org.name}`), en(`Open data from ${org.name}`)],
    descriptions: [
      sv(`Datamängder som ${org.name} publicerar som öppna data${random.chance(0.5) ? ', med licens och kontaktuppgifter' : ''}.`),
      en(`Datasets published as open data by ${org.name}.`),
    ],
    publisher: site.publisherIri,
    homepage: `https://${org.webDomain}/oppna-data`,
    languages: [LANGUAGE_SWE, LANGUAGE_ENG],
    licence: LICENCES.CC0,
    issued: plans.reduce((min, p) => (p.issued < min ? p.issued : min), '9999-12-31'),
    modified: plans.reduce((max, p) => (p.modified > max ? p.modified : max), '0000-01-01'),
    spatial: spatial(site),
    themeTaxonomy: THEME_TAXONOMY,
    datasets: plans.map((p) => datasetIri(site, p.slug)),
  };
}

/** The publisher as DCAT-AP-SE describes an organisation: its ADMS type, organisation number and what it is. */
function publisherFacts(site: CatalogSite, org: Organisation): PublisherFacts {
  return {
    iri: site.publisherIri,
    name: sv(org.name),
    type: PUBLISHER_TYPES[org.type],
    ...(org.organisationNumber ? { organisationNumber: org.organisationNumber.replace('-', '') } : {}),
    description: sv(org.type === 'region' ? `Region i Västra Götalands län.` : `Kommun i Västra Götalands län.`),
  };
}

/** Every catalog covers the county (NUTS 3); Göteborg also names its GeoNames feature. */
function spatial(site: CatalogSite): string[] {
  return site.organisationId === 'goteborg' ? [NUTS_VASTRA_GOTALAND, GEONAMES_GOTEBORG] : [NUTS_VASTRA_GOTALAND];
}

const fill = (template: string, site: CatalogSite): string => template.replaceAll('{org}', site.organisationName);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** A planned dataset as the facts to describe: texts from its topic, a contact point for the unit running it. */
export function datasetFacts(site: CatalogSite, plan: DatasetPlan): DatasetFacts {
  const { topic } = plan;
  const english = plan.titleEn !== undefined;
  const yearSv = plan.year === undefined ? '' : ` Avser ${plan.year}.`;
  const yearEn = plan.year === undefined ? '' : ` Covers ${plan.year}.`;
  return {
    iri: datasetIri(site, plan.slug),
    titles: english ? [sv(plan.titleSv), en(plan.titleEn!)] : [sv(plan.titleSv)],
    descriptions: english ? [sv(fill(topic.descriptionSv, site) + yearSv), en(fill(topic.descriptionEn, site) + yearEn)] : [sv(fill(topic.descriptionSv, site) + yearSv)],
    identifier: `${site.catalogId}/${plan.slug}`,
    keywords: [...plan.keywordsSv.map(sv), ...(english ? topic.keywordsEn.map(en) : [])],
    themes: topic.themes.map(themeIri),
    publisher: site.publisherIri,
    contactPoint: { name: sv(`${topic.unitSv}, ${site.organisationName}`), email: `${slugify(topic.unitSv)}@${site.webDomain}` },
    accessRights: accessRightIri(plan.accessRights),
    frequency: frequencyIri(topic.frequency),
    languages: english ? [LANGUAGE_SWE, LANGUAGE_ENG] : [LANGUAGE_SWE],
    issued: plan.issued,
    modified: plan.modified,
    spatial: spatial(site),
    temporal: plan.temporal,
    landingPage: `https://${site.webDomain}/oppna-data/${plan.slug}`,
    distributions: plan.files.map((f) => distributionFacts(site, plan, f)),
  };
}

function distributionFacts(site: CatalogSite, plan: DatasetPlan, key: FileTypeKey): DistributionFacts {
  const file = FILE_TYPES[key];
  const open = plan.accessRights === 'PUBLIC';
  // A restricted dataset is reached by asking for it, not by downloading it: its access URL is the request page.
  const access = !open
    ? `https://${site.webDomain}/begar-ut-allmanna-handlingar`
    : 'api' in file
      ? `https://${site.webDomain}/api/${plan.slug}`
      : `https://${site.webDomain}/oppna-data/${plan.slug}.${file.extension}`;
  return {
    iri: distributionIri(site, plan.slug, key),
    title: sv(`${plan.titleSv} (${file.labelSv})`),
    description: sv(`${file.labelSv} med ${lowerFirst(plan.titleSv)}.`),
    accessUrl: access,
    ...(open && !('api' in file) ? { downloadUrl: access } : {}),
    fileType: file,
    licence: plan.licence,
    availability: AVAILABILITY_STABLE,
    modified: plan.modified,
  };
}
