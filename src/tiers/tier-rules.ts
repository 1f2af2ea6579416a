/**
 * The collaboration's two licence tiers and what each grants (../shared/spec/seed-requirements.md §2). AVANCERAD is
 * "ENKEL plus". Enforcement asks these rules; nothing else spells the figures out.
 */
export type Tier = 'ENKEL' | 'AVANCERAD';

export const TIERS: readonly Tier[] = ['ENKEL', 'AVANCERAD'];

/** An organisation that has never had a tier set is on ENKEL. */
export const DEFAULT_TIER: Tier = 'ENKEL';

export interface TierRules {
  /** Several catalogs per organisation (`{organisation}-{suffix}`); ENKEL has its one. */
  severalCatalogs: boolean;
  /** Validation profiles its catalogs may use. */
  profiles: readonly string[];
  /** Shared (non-PSI) catalogs and datasets. */
  sharedData: boolean;
  /** Catalog graphs and uploaded files together, in bytes. */
  storageBytes: number;
  /** Calls to the automatic (CSV) APIs. */
  apiCalls: { limit: number; windowMs: number; window: 'day' | 'hour' };
}

const GB = 1_000_000_000;

export const TIER_RULES: Record<Tier, TierRules> = {
  ENKEL: {
    severalCatalogs: false,
    profiles: ['dcat-ap-se'],
    sharedData: false,
    storageBytes: 4 * GB,
    apiCalls: { limit: 1000, windowMs: 24 * 60 * 60 * 1000, window: 'day' },
  },
  AVANCERAD: {
    severalCatalogs: true,
    profiles: ['dcat-ap-se', 'dcat-ap-3', 'geodcat-ap', 'statdcat-ap'],
    sharedData: true,
    storageBytes: 40 * GB,
    apiCalls: { limit: 1000, windowMs: 60 * 60 * 1000, window: 'hour' },
  },
};

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}
