import type { Request } from 'express';
import type { Client } from './client.js';

/**
 * How a request counts against its client's limits:
 * - `exempt`: /healthz and /metrics (monitoring must see a server under load), anything with the admin token (the
 *   operator), and a publisher's catalogue writes (bounded by the catalogue's own lock, and given threads of their
 *   own: see public-work.ts);
 * - `costly`: SPARQL queries and updates, and POST /validate — seconds of CPU each at worst;
 * - `read`: everything else, milliseconds each (pages, documents, search, /catalog paging; mostly cached).
 */
export type RequestCost = 'exempt' | 'costly' | 'read';

const UNLIMITED_PATHS = new Set(['/healthz', '/metrics']);

export function requestCost(req: Request, client: Client): RequestCost {
  if (UNLIMITED_PATHS.has(req.path)) return 'exempt';
  if (client.principal?.role === 'admin') return 'exempt';
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (client.principal && write && req.path.startsWith('/catalogs/')) return 'exempt';
  if (req.path === '/sparql') return write || 'query' in req.query || 'update' in req.query ? 'costly' : 'read';
  if (req.path === '/validate') return req.method === 'POST' ? 'costly' : 'read';
  return 'read';
}
