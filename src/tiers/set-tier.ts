import type { AppContext } from '../context.js';
import type { Principal } from '../auth/authenticate.js';
import { actorName } from '../auth/access.js';
import { badRequest, notFound } from '../http/errors.js';
import { ORGANISATIONS_PATH } from '../organisations/organisations.js';
import { isTier, TIERS, type Tier } from './tier-rules.js';
import type { TierChange } from './tiers.js';
import { joinedOn } from './tier-status.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Fees and history are kept by calendar day; a date outside these years is a typing mistake, not a plan. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/**
 * The one way a tier is set, behind the JSON API and the region's form alike: checks the organisation, the tier and
 * the date, stores the change, and records it in the audit log with the tier it replaces. The caller has already
 * established that `principal` is a region administrator.
 */
export function setTier(ctx: Pick<AppContext, 'tiers' | 'audit' | 'organisations'>, principal: Principal, organisation: string, input: { tier?: unknown; validFrom?: unknown }): TierChange {
  if (!ctx.organisations.get(organisation)) throw notFound(`There is no organisation "${organisation}"; GET ${ORGANISATIONS_PATH} lists them`);
  const tier = checkTier(input.tier);
  const validFrom = checkDate(input.validFrom);
  const joinedBefore = joinedOn(ctx.tiers, organisation);
  const previous = joinedBefore !== undefined && joinedBefore <= validFrom ? ctx.tiers.of(organisation, validFrom) : null;
  const change = ctx.tiers.set(organisation, tier, validFrom, actorName(principal));
  ctx.audit.record({ actor: change.setBy, action: 'tier.set', organisation, target: organisation, details: { tier, validFrom, previous } });
  return change;
}

function checkTier(value: unknown): Tier {
  if (value === undefined || value === '') throw badRequest(`"tier" is required: one of ${TIERS.join(', ')}`, { field: 'tier' });
  if (!isTier(value)) throw badRequest(`"tier" must be one of ${TIERS.join(', ')}, got ${JSON.stringify(value)}`, { field: 'tier' });
  return value;
}

function checkDate(value: unknown): string {
  if (value === undefined || value === '') throw badRequest('"validFrom" is required: the first day of the tier, YYYY-MM-DD', { field: 'validFrom' });
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) throw badRequest(`"validFrom" must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`, { field: 'validFrom' });
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw badRequest(`"validFrom" ${value as string} is not a day of the calendar`, { field: 'validFrom' });
  if (year < FIRST_YEAR || year > LAST_YEAR) throw badRequest(`"validFrom" must be in the years ${FIRST_YEAR}–${LAST_YEAR}, got ${value as string}`, { field: 'validFrom' });
  return value as string;
}
