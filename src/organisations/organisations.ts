import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { packageRoot } from '../package-root.js';

/** One organisation that may publish here: a row of data/organisations.csv. */
export interface Organisation {
  /** Slug: the path segment of /organisations/{id} and the id of the organisation's default catalog. */
  id: string;
  name: string;
  type: OrganisationType;
  /** SCB kommunkod (4 digits); the county code (länskod, 2 digits) for the region. */
  municipalityCode: string;
  /** `NNNNNN-NNNN`, or null while it is not confirmed (never guessed). */
  organisationNumber: string | null;
  population: number | null;
  populationYear: number | null;
  /** Without `www.`. */
  webDomain: string;
  /** The municipal association (delregion); null for the region. */
  subRegion: string | null;
}

export type OrganisationType = 'region' | 'kommun';

/** The data file is part of the package; start-up fails with this when it cannot be used. */
export class OrganisationsDataError extends Error {}

export const DATAPORTAL_ORGANISATION = 'http://dataportal.se/organisation/SE';
export const ORGANISATIONS_PATH = '/organisations';

const COLUMNS = [
  'id',
  'name',
  'type',
  'municipality_code',
  'organisation_number',
  'population',
  'population_year',
  'web_domain',
  'sub_region',
] as const;
type Column = (typeof COLUMNS)[number];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ORGANISATION_NUMBER = /^\d{6}-\d{4}$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** The organisations, read once at start-up; lookups by id and by catalog id. */
export class Organisations {
  private readonly byId: Map<string, Organisation>;

  constructor(
    private readonly list: readonly Organisation[],
    private readonly baseUrl: string,
  ) {
    this.byId = new Map(list.map((org) => [org.id, org]));
  }

  /** ORGANISATIONS_FILE, else data/organisations.csv of this package (wherever the process was started from). */
  static load(baseUrl: string, file: string = defaultDataFile()): Organisations {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new OrganisationsDataError(`cannot read the organisations list ${file}: ${(error as Error).message}`);
    }
    return new Organisations(parseOrganisations(text, file), baseUrl);
  }

  get(id: string): Organisation | undefined {
    return this.byId.get(id);
  }

  /** In the order of the data file (the region first). */
  all(): Organisation[] {
    return [...this.list];
  }

  /** The organisation as a publisher: the dataportal.se IRI when its number is known, else its page here. */
  publisherIri(org: Organisation): string {
    return org.organisationNumber ? dataportalIri(org.organisationNumber) : this.documentIri(org);
  }

  /** The page that describes the organisation: `{BASE_URL}/organisations/{id}`. */
  documentIri(org: Organisation): string {
    return `${this.baseUrl}${ORGANISATIONS_PATH}/${org.id}`;
  }

  /** Who owns a catalog: its id is the organisation's id or `{orgId}-{suffix}`. */
  forCatalog(catalogId: string): Organisation | undefined {
    const id = catalogOwnerId(catalogId, this.byId.keys());
    return id === undefined ? undefined : this.byId.get(id);
  }
}

/** `http://dataportal.se/organisation/SE` + the ten digits (DCAT-AP-SE's publisher IRI convention). */
export function dataportalIri(organisationNumber: string): string {
  return `${DATAPORTAL_ORGANISATION}${organisationNumber.replace('-', '')}`;
}

/**
 * The id of the organisation a catalog belongs to: the catalog id itself when it is an organisation id, else the
 * longest organisation id followed by `-` and a non-empty suffix (so `lilla-edet-x` goes to `lilla-edet`, not to a
 * `lilla`).
 */
export function catalogOwnerId(catalogId: string, organisationIds: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const id of organisationIds) {
    const fits = catalogId === id || (catalogId.startsWith(`${id}-`) && catalogId.length > id.length + 1);
    if (fits && (best === undefined || id.length > best.length)) best = id;
  }
  return best;
}

/** Parse and check the whole file; every problem names its line, and the first one stops start-up. */
export function parseOrganisations(text: string, source = 'organisations.csv'): Organisation[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new OrganisationsDataError(`${source} is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...records] = rows;
  if (!header || header.record.join(',') !== COLUMNS.join(',')) {
    throw new OrganisationsDataError(`${source}: the header must be "${COLUMNS.join(',')}", got "${header?.record.join(',') ?? ''}"`);
  }
  if (records.length === 0) throw new OrganisationsDataError(`${source} lists no organisations`);

  const seen = new Map<string, number>();
  return records.map(({ record, info }) => {
    const fail = (message: string): never => {
      throw new OrganisationsDataError(`${source}, line ${info.lines}: ${message}`);
    };
    if (record.length !== COLUMNS.length) fail(`expected ${COLUMNS.length} fields (${COLUMNS.join(',')}), got ${record.length}`);
    const field = (column: Column): string => record[COLUMNS.indexOf(column)]!.trim();
    const optionalInteger = (column: Column): number | null => {
      const raw = field(column);
      if (raw === '') return null;
      if (!/^\d+$/.test(raw)) fail(`${column} must be a whole number or empty, got "${raw}"`);
      return Number(raw);
    };

    const id = field('id');
    if (!SLUG.test(id)) fail(`id must be a lower-case ASCII slug, got "${id}"`);
    const earlier = seen.get(id);
    if (earlier !== undefined) fail(`id "${id}" is already used on line ${earlier}`);
    seen.set(id, info.lines);

    const name = field('name');
    if (!name) fail('name is empty');
    const type = field('type');
    if (type !== 'region' && type !== 'kommun') fail(`type must be "region" or "kommun", got "${type}"`);
    const municipalityCode = field('municipality_code');
    const codeLength = type === 'region' ? 2 : 4;
    if (!new RegExp(`^\\d{${codeLength}}$`).test(municipalityCode)) {
      fail(`municipality_code of a ${type} must be ${codeLength} digits, got "${municipalityCode}"`);
    }
    const organisationNumber = field('organisation_number') || null;
    if (organisationNumber !== null) {
      if (!ORGANISATION_NUMBER.test(organisationNumber)) fail(`organisation_number must be NNNNNN-NNNN or empty, got "${organisationNumber}"`);
      if (!luhnValid(organisationNumber.replace('-', ''))) fail(`organisation_number ${organisationNumber} fails the check digit`);
    }
    const population = optionalInteger('population');
    const populationYear = optionalInteger('population_year');
    if ((population === null) !== (populationYear === null)) fail('population and population_year must both be given or both be empty');
    const webDomain = field('web_domain');
    if (!DOMAIN.test(webDomain)) fail(`web_domain must be a domain name such as "goteborg.se", got "${webDomain}"`);
    const subRegion = field('sub_region') || null;

    return {
      id,
      name,
      type: type as OrganisationType,
      municipalityCode,
      organisationNumber,
      population,
      populationYear,
      webDomain,
      subRegion,
    };
  });
}

/** Swedish organisation numbers end in a Luhn check digit over the other nine. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** data/organisations.csv of this package; a missing package root is a start-up failure like a missing file. */
function defaultDataFile(): string {
  try {
    return path.join(packageRoot(), 'data', 'organisations.csv');
  } catch (error) {
    throw new OrganisationsDataError(`${(error as Error).message} (with data/organisations.csv)`);
  }
}
