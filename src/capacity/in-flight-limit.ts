import type { NextFunction, Request, Response } from 'express';
import { tooManyRequests } from '../http/errors.js';
import { rateLimited } from '../metrics/metrics.js';
import { COSTLY_REQUESTS } from './request-cost.js';

/**
 * At most `limitOf(req)` requests of one client in flight at once; the next gets 429 until one ends. A request ends
 * when its response is sent or its connection closes. Kept here rather than in express-rate-limit: that library
 * counts requests per time window, and a window that ends while requests still run would forget them.
 */
export function inFlightLimit(keyOf: (req: Request) => string, limitOf: (req: Request) => number) {
  const inFlight = new Map<string, number>();
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = keyOf(req);
    const limit = limitOf(req);
    const running = inFlight.get(key) ?? 0;
    if (running >= limit) {
      rateLimited.inc();
      next(
        tooManyRequests(`This client already has ${running} ${COSTLY_REQUESTS} in progress, the limit (COSTLY_CONCURRENCY_PER_CLIENT); send the next when one has finished`, 1, {
          limit: 'COSTLY_CONCURRENCY_PER_CLIENT',
          value: limit,
        }),
      );
      return;
    }
    inFlight.set(key, running + 1);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}
