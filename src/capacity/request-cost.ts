import type { Request } from 'express';
import type { Client } from './client.js';
import { isRegionAdmin } from '../auth/access.js';

/**
 * How a request counts against its client's limits:
 * - `exempt`: /healthz and /metrics (monitoring must see a server under load), anything with the admin token (the
 *   operator), and a publisher's writes to its own catalogues (bounded by each catalogue's lock, and given threads of
 *   their own: see public-work.ts);
 * - `costly`: SPARQL queries and updates, POST /validate, a catalogue's validation report (validated again when the
 *   writer no longer keeps it), and the documents of the whole store (/dump.nq, /catalog unpaged) — seconds of CPU
 *   or a replica held for seconds each at worst;
 * - `read`: everything else, milliseconds each (pages, documents, search, /catalog paging; mostly cached).
 */
export type RequestCost = 'exempt' | 'costly' | 'read';

/** What `costly` is, in refusals. */
export const COSTLY_REQUESTS = 'costly requests (SPARQL, POST /validate, validation reports, /dump.nq, the whole /catalog)';

const UNLIMITED_PATHS = new Set(['/healthz', '/metrics']);
const WHOLE_CATALOG = /^\/catalog(\.[a-z]+)?$/;
const VALIDATION_REPORT = /^\/catalogs\/[^/]+\/validation$/;

export function requestCost(req: Request, client: Client): RequestCost {
  if (UNLIMITED_PATHS.has(req.path)) return 'exempt';
  const { principal } = client;
  if (isRegionAdmin(principal)) return 'exempt';
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (write && principal?.organisation && ownCatalogue(req.path, principal.organisation)) return 'exempt';
  if (req.path === '/sparql') return write || 'query' in req.query || 'update' in req.query ? 'costly' : 'read';
  if (req.path === '/validate') return req.method === 'POST' ? 'costly' : 'read';
  if (req.path === '/dump.nq' || (WHOLE_CATALOG.test(req.path) && !('page' in req.query))) return 'costly';
  if (VALIDATION_REPORT.test(req.path)) return 'costly';
  return 'read';
}

/** /catalogs/{organisation} or /catalogs/{organisation}-{suffix} (catalogs/catalog-id.ts). */
function ownCatalogue(path: string, organisation: string): boolean {
  const prefix = `/catalogs/${organisation}`;
  return path === prefix || (path.startsWith(`${prefix}-`) && !path.includes('/', prefix.length));
}
