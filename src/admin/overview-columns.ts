import type { Request } from 'express';
import type { AppContext } from '../context.js';

/**
 * The columns of the region's overview that other work fills in, one function each, so the overview (and its JSON)
 * does not change shape when they land. Until then they answer undefined and the page says "not known".
 */

/** An organisation's open-data coordinator (seed requirements §4): filled by the accounts work (people and roles). */
export function coordinatorOf(_ctx: AppContext, _organisation: string): { name: string; email?: string } | undefined {
  return undefined;
}

/** What an organisation uses of its tier: filled by the tier-enforcement work (storage counted, API calls). */
export interface OrganisationUsage {
  storageBytes: number;
  storageQuotaBytes: number;
  apiCalls?: { used: number; limit: number; window: 'day' | 'hour' };
}

export function usageOf(_ctx: AppContext, _organisation: string): OrganisationUsage | undefined {
  return undefined;
}

/**
 * Hidden fields every administration form carries: none yet. The sign-in work returns its CSRF token here (as
 * `{name, value}`) and checks it where the form's POST is mounted (app.ts, TIER_FORM_PATH).
 */
export function formProtectionFields(_req: Request): { name: string; value: string }[] {
  return [];
}
