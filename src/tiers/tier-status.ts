import type { Tiers } from './tiers.js';
import type { Tier } from './tier-rules.js';

/** An organisation's standing in the collaboration on a day, as the API, the overview and the fees show it. */
export interface TierStatus {
  /** The first day of its first tier: the day it joined (its start-fee year), or undefined while it has not. */
  joined: string | undefined;
  /** The tier in force on the day, undefined before it joined. */
  tier: Tier | undefined;
  /** The first day of that tier's current spell. */
  since: string | undefined;
}

/**
 * An organisation joins the collaboration with its first tier: there is no separate joined date to keep in step, and
 * a first tier set from an earlier date moves the joining (and the start fee) with it.
 */
export function tierStatus(tiers: Pick<Tiers, 'changes'>, organisation: string, day: string): TierStatus {
  const changes = tiers.changes(organisation).filter((change) => change.validFrom <= day);
  const joined = joinedOn(tiers, organisation);
  if (!changes.length) return { joined, tier: undefined, since: undefined };
  const tier = changes[changes.length - 1]!.tier;
  let since = changes[changes.length - 1]!.validFrom;
  // A change to the tier already in force does not start a new spell.
  for (let i = changes.length - 2; i >= 0 && changes[i]!.tier === tier; i--) since = changes[i]!.validFrom;
  return { joined, tier, since };
}

/** The day the organisation joined: its first tier's first day. */
export function joinedOn(tiers: Pick<Tiers, 'changes'>, organisation: string): string | undefined {
  return tiers.changes(organisation)[0]?.validFrom;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
