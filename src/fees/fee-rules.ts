import type { Tier } from '../tiers/tier-rules.js';

/**
 * The collaboration's price list (../shared/spec/seed-requirements.md §3), in öre so every sum is exact. Nothing
 * else spells these figures out.
 */
export const START_FEE_ORE = 2_600_00;

/**
 * Population bands of the ENKEL licence: "under 10,000", "10,000–25,000" and "over 25,000". Both boundaries belong to
 * the middle band, as the price list writes them: 10,000 is not under 10,000, and 25,000 is not over 25,000.
 */
export type PopulationBand = 'under-10000' | '10000-25000' | 'over-25000';

export const POPULATION_BANDS: readonly PopulationBand[] = ['under-10000', '10000-25000', 'over-25000'];

export function bandOf(population: number): PopulationBand {
  if (population < 10_000) return 'under-10000';
  if (population <= 25_000) return '10000-25000';
  return 'over-25000';
}

const ENKEL_MONTHLY_ORE: Record<PopulationBand, number> = { 'under-10000': 500_00, '10000-25000': 900_00, 'over-25000': 1_900_00 };
const AVANCERAD_MONTHLY_ORE = 6_200_00;

/** A month's licence on the tier; undefined when the tier is priced by band and the band is not known. */
export function monthlyLicenceOre(tier: Tier, band: PopulationBand | undefined): number | undefined {
  if (tier === 'AVANCERAD') return AVANCERAD_MONTHLY_ORE;
  return band === undefined ? undefined : ENKEL_MONTHLY_ORE[band];
}
