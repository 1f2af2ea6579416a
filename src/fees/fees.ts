import type { Organisation } from '../organisations/organisations.js';
import type { Tier } from '../tiers/tier-rules.js';
import type { Tiers } from '../tiers/tiers.js';
import { joinedOn } from '../tiers/tier-status.js';
import { bandOf, monthlyLicenceOre, START_FEE_ORE, type PopulationBand } from './fee-rules.js';
import type { PopulationFigure, Populations } from './population.js';

/** Days of one month on one tier. */
export interface FeePeriod {
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  tier: Tier;
  days: number;
  /** The whole month's licence on this tier; undefined when it cannot be priced (no population figure). */
  monthlyOre: number | undefined;
}

export interface MonthFees {
  /** YYYY-MM. */
  month: string;
  /** Days of the month the organisation was a member; the licence is prorated over the month's days. */
  periods: FeePeriod[];
  /** undefined when a period cannot be priced. */
  licenceOre: number | undefined;
}

export interface OrganisationFees {
  organisation: Pick<Organisation, 'id' | 'name' | 'type'>;
  /** The day it joined the collaboration (its first tier's first day), or undefined while it has not. */
  joined: string | undefined;
  /** The figure that set the band, and the band. */
  population: PopulationFigure | undefined;
  band: PopulationBand | undefined;
  /** The tier on the year's last day, undefined when it has not joined by then. */
  tierAtYearEnd: Tier | undefined;
  startFeeOre: number;
  months: MonthFees[];
  /** undefined when a month cannot be priced. */
  licenceOre: number | undefined;
  totalOre: number | undefined;
}

export interface FeeReport {
  year: number;
  organisations: OrganisationFees[];
  totals: { startFeeOre: number; licenceOre: number; totalOre: number };
  /** Organisations with a month that cannot be priced (ENKEL without a population figure): left out of the totals. */
  unpriced: string[];
}

/**
 * What every organisation owes for `year`: the start fee in the year it joined, and each month's licence by the tier
 * in force on each day. A month with a tier change (or the month it joined) is prorated by days: each day costs its
 * tier's monthly licence divided by the days of that month, and the month's sum is rounded to whole öre once.
 * Organisations that have not joined owe nothing.
 */
export function feesOfYear(
  year: number,
  organisations: readonly Pick<Organisation, 'id' | 'name' | 'type'>[],
  tiers: Pick<Tiers, 'of' | 'changes'>,
  populations: Pick<Populations, 'forYear'>,
): FeeReport {
  const rows = organisations.map((org) => organisationFees(year, org, tiers, populations));
  const priced = rows.filter((row) => row.totalOre !== undefined);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    year,
    organisations: rows,
    totals: {
      startFeeOre: sum(priced.map((r) => r.startFeeOre)),
      licenceOre: sum(priced.map((r) => r.licenceOre!)),
      totalOre: sum(priced.map((r) => r.totalOre!)),
    },
    unpriced: rows.filter((row) => row.totalOre === undefined).map((row) => row.organisation.id),
  };
}

function organisationFees(
  year: number,
  organisation: Pick<Organisation, 'id' | 'name' | 'type'>,
  tiers: Pick<Tiers, 'of' | 'changes'>,
  populations: Pick<Populations, 'forYear'>,
): OrganisationFees {
  const joined = joinedOn(tiers, organisation.id);
  const population = populations.forYear(organisation, year);
  const band = population ? bandOf(population.population) : undefined;
  const tierOn = (day: string): Tier | undefined => (joined !== undefined && day >= joined ? tiers.of(organisation.id, day) : undefined);
  const months: MonthFees[] = [];
  for (let month = 1; month <= 12; month++) months.push(monthFees(year, month, tierOn, band));
  const licence = months.every((m) => m.licenceOre !== undefined) ? months.reduce((sum, m) => sum + m.licenceOre!, 0) : undefined;
  const startFeeOre = joined?.startsWith(`${year}-`) ? START_FEE_ORE : 0;
  return {
    organisation: { id: organisation.id, name: organisation.name, type: organisation.type },
    joined,
    population,
    band,
    tierAtYearEnd: tierOn(`${year}-12-31`),
    startFeeOre,
    months,
    licenceOre: licence,
    totalOre: licence === undefined ? undefined : licence + startFeeOre,
  };
}

function monthFees(year: number, month: number, tierOn: (day: string) => Tier | undefined, band: PopulationBand | undefined): MonthFees {
  const days = daysInMonth(year, month);
  const periods: FeePeriod[] = [];
  for (let day = 1; day <= days; day++) {
    const date = isoDate(year, month, day);
    const tier = tierOn(date);
    if (tier === undefined) continue;
    const last = periods[periods.length - 1];
    if (last && last.tier === tier && last.to === isoDate(year, month, day - 1)) {
      last.to = date;
      last.days++;
    } else {
      periods.push({ from: date, to: date, tier, days: 1, monthlyOre: monthlyLicenceOre(tier, band) });
    }
  }
  const priced = periods.every((p) => p.monthlyOre !== undefined);
  // One rounding per month, half up, so a month on one tier all through costs exactly its monthly licence.
  const licenceOre = priced ? Math.round(periods.reduce((sum, p) => sum + p.monthlyOre! * p.days, 0) / days) : undefined;
  return { month: `${year}-${pad(month)}`, periods, licenceOre };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
