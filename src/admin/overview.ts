import type { AppContext } from '../context.js';
import { allRecords } from '../catalogs/catalog-record.js';
import type { Organisation } from '../organisations/organisations.js';
import { feesOfYear, type OrganisationFees } from '../fees/fees.js';
import type { Populations } from '../fees/population.js';
import { tierStatus, type TierStatus } from '../tiers/tier-status.js';
import { coordinatorOf, usageOf, type OrganisationUsage } from './overview-columns.js';

export interface OverviewRow {
  organisation: Organisation;
  status: TierStatus;
  /** This year's fees. */
  fees: OrganisationFees;
  /** Ids of its catalogs. */
  catalogs: string[];
  /** Datasets in its catalogs. */
  datasets: number;
  coordinator: { name: string; email?: string } | undefined;
  usage: OrganisationUsage | undefined;
}

export interface RegionOverview {
  day: string;
  year: number;
  rows: OverviewRow[];
}

/** Every organisation as the region's administrators see it on `day`, in the order of the organisations list. */
export function regionOverview(ctx: AppContext, populations: Populations, day: string): RegionOverview {
  const year = Number(day.slice(0, 4));
  const organisations = ctx.organisations.all();
  const fees = feesOfYear(year, organisations, ctx.tiers, populations);
  const catalogs = new Map<string, { ids: string[]; datasets: number }>();
  for (const record of allRecords(ctx.records)) {
    const entry = catalogs.get(record.organisation) ?? { ids: [], datasets: 0 };
    entry.ids.push(record.id);
    entry.datasets += record.datasets;
    catalogs.set(record.organisation, entry);
  }
  const rows = organisations.map((organisation, i) => ({
    organisation,
    status: tierStatus(ctx.tiers, organisation.id, day),
    fees: fees.organisations[i]!,
    catalogs: (catalogs.get(organisation.id)?.ids ?? []).sort(),
    datasets: catalogs.get(organisation.id)?.datasets ?? 0,
    coordinator: coordinatorOf(ctx, organisation.id),
    usage: usageOf(ctx, organisation.id),
  }));
  return { day, year, rows };
}
