import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import { notAcceptable } from './errors.js';

/**
 * Pick the best of `offered` for an Accept header (RFC 9110: q-values, q=0 excludes, specific beats wildcard;
 * ties go to the server's order). No Accept header means the first offer. Throws 406 when nothing fits.
 */
export function negotiate(headers: IncomingHttpHeaders, offered: string[]): string {
  if (!headers.accept) return offered[0]!;
  const best = new Negotiator({ headers }).mediaType(offered);
  if (!best) throw notAcceptable(offered);
  return best;
}
