import type { Request, Response, NextFunction } from 'express';
import { httpDuration, httpRequests } from './metrics.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/**
 * Count every answered request by the route pattern that answered it (`/catalogs/:name`, never the URL itself, so the
 * number of series stays bounded whatever clients ask for), its method and its status, and time it.
 */
export function httpMetrics() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: METHODS.has(req.method) ? req.method : 'other', route: routeOf(req), status: String(res.statusCode) };
      httpRequests.inc(labels);
      httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/** The pattern of the route that answered; a mounted middleware's mount path; else one label for everything else. */
function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return route;
  if (req.baseUrl) return `${req.baseUrl}/*`;
  return 'unmatched';
}
