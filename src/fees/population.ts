import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { packageRoot } from '../package-root.js';
import type { Organisation } from '../organisations/organisations.js';

/** One official population figure: how many lived in the organisation's area on `date`, and where that is from. */
export interface PopulationFigure {
  population: number;
  /** YYYY-MM-DD: the day counted (SCB counts on 31 December). */
  date: string;
  source: string;
}

/** The data file is part of the package; start-up fails with this when it cannot be used. */
export class PopulationDataError extends Error {}

const COLUMNS = ['slug', 'name', 'kommunkod', 'population', 'year', 'source'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The municipalities' populations (data/vg-population.csv, copied from ../shared/reference with its sources), which
 * set each organisation's fee band. The file may hold several dates per municipality; a year's fees use the figure
 * known when the year begins.
 */
export class Populations {
  private readonly bySlug = new Map<string, PopulationFigure[]>();

  constructor(rows: readonly { slug: string; figure: PopulationFigure }[]) {
    for (const { slug, figure } of rows) {
      const list = this.bySlug.get(slug) ?? [];
      list.push(figure);
      list.sort((a, b) => (a.date < b.date ? -1 : 1));
      this.bySlug.set(slug, list);
    }
  }

  static load(file: string = defaultPopulationFile()): Populations {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new PopulationDataError(`cannot read the population figures ${file}: ${(error as Error).message}`);
    }
    return new Populations(parsePopulations(text, file));
  }

  /**
   * The figure that sets the organisation's band for fees of `year`: the latest one dated before the year begins
   * (the year-end count invoices are made from), or the oldest there is when none is that old. The region (VGR) has
   * no row of its own: its area is the county, so its figure is the sum of every municipality's on one date.
   */
  forYear(organisation: Pick<Organisation, 'id' | 'type'>, year: number): PopulationFigure | undefined {
    if (organisation.type === 'region') return this.county(year);
    return pick(this.bySlug.get(organisation.id) ?? [], year);
  }

  private county(year: number): PopulationFigure | undefined {
    const figures = [...this.bySlug.values()].map((list) => pick(list, year)).filter((f): f is PopulationFigure => f !== undefined);
    if (!figures.length) return undefined;
    const date = figures[0]!.date;
    // Counts of different days do not add up to a county's; then there is no county figure rather than a wrong one.
    if (figures.some((f) => f.date !== date)) return undefined;
    return { population: figures.reduce((sum, f) => sum + f.population, 0), date, source: `sum of the ${figures.length} municipalities' figures (${figures[0]!.source})` };
  }
}

function pick(figures: readonly PopulationFigure[], year: number): PopulationFigure | undefined {
  const yearStarts = `${year}-01-01`;
  const known = figures.filter((f) => f.date < yearStarts);
  return known.length ? known[known.length - 1] : figures[0];
}

/** Parse and check the whole file; every problem names its line. */
export function parsePopulations(text: string, source = 'vg-population.csv'): { slug: string; figure: PopulationFigure }[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new PopulationDataError(`${source} is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...records] = rows;
  if (!header || header.record.join(',') !== COLUMNS.join(',')) {
    throw new PopulationDataError(`${source}: the header must be "${COLUMNS.join(',')}", got "${header?.record.join(',') ?? ''}"`);
  }
  const seen = new Set<string>();
  return records.map(({ record, info }) => {
    const fail = (message: string): never => {
      throw new PopulationDataError(`${source}, line ${info.lines}: ${message}`);
    };
    if (record.length !== COLUMNS.length) fail(`expected ${COLUMNS.length} fields (${COLUMNS.join(',')}), got ${record.length}`);
    const field = (column: (typeof COLUMNS)[number]) => record[COLUMNS.indexOf(column)]!.trim();
    const slug = field('slug');
    const date = field('year');
    const population = field('population');
    if (!slug) fail('slug is empty');
    if (!/^\d+$/.test(population)) fail(`population must be a whole number, got "${population}"`);
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) fail(`year must be the date counted, YYYY-MM-DD, got "${date}"`);
    if (!field('source')) fail('source is empty: every figure names where it comes from');
    if (seen.has(`${slug} ${date}`)) fail(`${slug} has two figures for ${date}`);
    seen.add(`${slug} ${date}`);
    return { slug, figure: { population: Number(population), date, source: field('source') } };
  });
}

function defaultPopulationFile(): string {
  return path.join(packageRoot(), 'data', 'vg-population.csv');
}
