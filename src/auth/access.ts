import type { Principal } from './authenticate.js';

/**
 * Who may do what, in one place. Every route and module asks these instead of reading a principal's fields, so the
 * rules change here when the kinds of caller do (the admin token and organisation tokens today; people with
 * memberships as accounts arrive). `undefined` is an anonymous caller.
 */

/** A region administrator: the admin token, or a person with that role. Sees and may change everything. */
export function isRegionAdmin(principal: Principal | undefined): boolean {
  return principal?.role === 'admin';
}

/** A member of the organisation (any role in it). Region administrators are not members by that alone. */
export function isMemberOf(principal: Principal | undefined, organisation: string): boolean {
  return principal?.organisation === organisation;
}

/** May write the organisation's catalogs. */
export function mayPublishFor(principal: Principal | undefined, organisation: string): boolean {
  return isRegionAdmin(principal) || isMemberOf(principal, organisation);
}

/** May read the organisation's shared (non-PSI) data: its members and region administrators, nobody else. */
export function maySeeSharedOf(principal: Principal | undefined, organisation: string): boolean {
  return isRegionAdmin(principal) || isMemberOf(principal, organisation);
}

/**
 * The organisations whose shared data the caller may read: `'all'` for a region administrator, otherwise the
 * organisations it is a member of (none for an anonymous caller).
 */
export function sharedReadableBy(principal: Principal | undefined): 'all' | ReadonlySet<string> {
  if (isRegionAdmin(principal)) return 'all';
  return new Set(principal?.organisation ? [principal.organisation] : []);
}

/** How the audit log names the caller: never a token, only whose it is. */
export function actorName(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  if (principal.role === 'admin') return 'admin token';
  return `token of ${principal.organisation}`;
}
