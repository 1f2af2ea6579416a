import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { AppContext } from '../context.js';
import { tooManyRequests } from '../http/errors.js';
import { rateLimited } from '../metrics/metrics.js';
import { clientOf } from './client.js';
import { inFlightLimit } from './in-flight-limit.js';
import { COSTLY_REQUESTS, requestCost, type RequestCost } from './request-cost.js';

/** A valid publisher token gets this many times the limits of an address: it is one accountable client. */
export const TOKEN_LIMIT_FACTOR = 10;

const WINDOW_MS = 60_000;

/**
 * Per-client limits, before any route: a request rate per minute on reads and on costly work (express-rate-limit,
 * with the IETF RateLimit and RateLimit-Policy headers of draft 8 on every counted response), and a cap on costly
 * requests in flight. Clients are tokens or addresses (client.ts); what counts how is request-cost.ts. A refusal is
 * a 429 problem document naming the limit, with Retry-After.
 */
export function clientLimits(ctx: AppContext): RequestHandler {
  const { config } = ctx;
  const client = (req: Request) => clientOf(req, ctx.auth);
  const factor = (req: Request) => (client(req).principal ? TOKEN_LIMIT_FACTOR : 1);
  const limiters: Record<Exclude<RequestCost, 'exempt'>, RequestHandler[]> = { read: [], costly: [] };
  if (config.rateLimitPerMinute > 0) limiters.read.push(perMinute('reads', 'RATE_LIMIT_PER_MINUTE', config.rateLimitPerMinute));
  if (config.costlyRateLimitPerMinute > 0) limiters.costly.push(perMinute('costly', 'COSTLY_RATE_LIMIT_PER_MINUTE', config.costlyRateLimitPerMinute));
  if (config.costlyConcurrencyPerClient > 0) limiters.costly.push(inFlightLimit((req) => client(req).key, (req) => config.costlyConcurrencyPerClient * factor(req)));

  function perMinute(policy: string, setting: string, perMinute: number): RequestHandler {
    return rateLimit({
      windowMs: WINDOW_MS,
      limit: (req) => perMinute * factor(req),
      keyGenerator: (req) => client(req).key,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      identifier: policy,
      handler: (req, _res, next) => {
        const info = (req as Request & { rateLimit: RateLimitInfo }).rateLimit;
        const retryAfter = Math.max(1, Math.ceil(((info.resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
        const what = policy === 'costly' ? COSTLY_REQUESTS : 'requests';
        rateLimited.inc();
        next(tooManyRequests(`This client has sent more than ${info.limit} ${what} in a minute, the limit (${setting}); try again in ${retryAfter} s`, retryAfter, { limit: setting, value: info.limit }));
      },
    });
  }

  return (req: Request, res: Response, next: NextFunction): void => {
    const cost = requestCost(req, client(req));
    if (cost === 'exempt') return next();
    chain(limiters[cost], req, res, next);
  };
}

/** Run middlewares in turn; the first that answers or fails ends the chain. */
function chain(handlers: RequestHandler[], req: Request, res: Response, next: NextFunction, at = 0): void {
  const handler = handlers[at];
  if (!handler) return next();
  void handler(req, res, (error?: unknown) => (error ? next(error) : chain(handlers, req, res, next, at + 1)));
}
