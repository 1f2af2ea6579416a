import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import { notAcceptable } from './errors.js';

/** Everything we send is UTF-8, so `text/turtle; charset=utf-8` asks for exactly what `text/turtle` gives. */
const UTF8_CHARSET = /\s*;\s*charset\s*=\s*"?utf-8"?/gi;

/**
 * Pick the best of `offered` for an Accept header (RFC 9110: q-values, q=0 excludes, specific beats wildcard;
 * ties go to the server's order). No Accept header means the first offer. Throws 406 when nothing fits.
 */
export function negotiate(headers: IncomingHttpHeaders, offered: string[]): string {
  if (!headers.accept) return offered[0]!;
  const accept = headers.accept.replace(UTF8_CHARSET, '');
  const best = new Negotiator({ headers: { accept } }).mediaType(offered);
  if (!best) throw notAcceptable(offered);
  return best;
}
