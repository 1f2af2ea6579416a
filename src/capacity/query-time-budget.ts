import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { tooManyRequests } from '../http/errors.js';
import { rateLimited } from '../metrics/metrics.js';
import { TOKEN_LIMIT_FACTOR } from './client-limits.js';
import type { Client } from './client.js';

const WINDOW_MS = 60_000;

/**
 * A query stopped at its deadline costs its time this many times over: it also costs a replica, terminated and
 * loaded again from disk (Oxigraph cannot cancel a query).
 */
export const TIMED_OUT_COST = 2;

/** The policy's name in the RateLimit and RateLimit-Policy headers. */
const POLICY = 'query-time';

/** Past this many clients with time spent, those whose budget has come back whole are forgotten. */
const SWEEP_FROM = 10_000;

interface Balance {
  /** Milliseconds of query time left; negative when the last query overspent. */
  ms: number;
  at: number;
  capacity: number;
}

/**
 * Query time per client (as Wikidata's query service limits it): each client has QUERY_TIME_PER_MINUTE_MS of
 * evaluation a minute, given back continuously (a token bucket), and a query stopped at QUERY_TIMEOUT_MS costs
 * TIMED_OUT_COST times its time. A client with nothing left gets 429 with Retry-After (when it has time again) and the
 * IETF RateLimit headers, as the other per-client limits (client-limits.ts); others are served meanwhile. The request
 * counts (COSTLY_RATE_LIMIT_PER_MINUTE) limit how often a client asks, not how much replica time it takes: a few
 * cartesian products a minute from each of 8 addresses kept a replica and a core busy throughout
 * (bench/hostile-bench.ts). Clients as client.ts tells them; a publisher token has TOKEN_LIMIT_FACTOR times the
 * time; the admin token has no limit (the route does not ask).
 */
export class QueryTimeBudget {
  private readonly balances = new Map<string, Balance>();

  constructor(private readonly perMinuteMs: number) {}

  /**
   * Admit a query of `client` (setting the RateLimit headers on `res`) or throw 429. The returned function charges what
   * the query spent once it ends.
   */
  admit(client: Client, res: Response): (spentMs: number, timedOut: boolean) => void {
    if (this.perMinuteMs <= 0) return () => undefined;
    const capacity = this.perMinuteMs * (client.principal ? TOKEN_LIMIT_FACTOR : 1);
    const balance = this.current(client.key, capacity);
    const rate = capacity / WINDOW_MS;
    const partition = Buffer.from(createHash('sha256').update(client.key).digest('hex').slice(0, 12)).toString('base64');
    res.append('RateLimit', `"${POLICY}"; r=${Math.max(0, Math.floor(balance.ms))}; t=${Math.ceil((capacity - balance.ms) / rate / 1000)}`);
    res.append('RateLimit-Policy', `"${POLICY}"; q=${capacity}; w=${WINDOW_MS / 1000}; pk=:${partition}:`);
    if (balance.ms <= 0) {
      const retryAfter = Math.max(1, Math.ceil((1 - balance.ms) / rate / 1000));
      rateLimited.inc();
      throw tooManyRequests(
        `This client has spent its ${capacity} ms of SPARQL query time for a minute (QUERY_TIME_PER_MINUTE_MS; a query stopped at its deadline counts ${TIMED_OUT_COST} times); try again in ${retryAfter} s`,
        retryAfter,
        { limit: 'QUERY_TIME_PER_MINUTE_MS', value: capacity },
      );
    }
    return (spentMs, timedOut) => {
      const now = this.current(client.key, capacity);
      now.ms -= spentMs * (timedOut ? TIMED_OUT_COST : 1);
      this.balances.set(client.key, now);
      if (this.balances.size > SWEEP_FROM) this.sweep();
    };
  }

  /** A client's balance now: what it had, plus what came back since, up to the whole budget. */
  private current(key: string, capacity: number): Balance {
    const now = Date.now();
    const kept = this.balances.get(key);
    if (!kept) return { ms: capacity, at: now, capacity };
    return { ms: Math.min(capacity, kept.ms + ((now - kept.at) * capacity) / WINDOW_MS), at: now, capacity };
  }

  private sweep(): void {
    for (const [key, kept] of this.balances) {
      if (this.current(key, kept.capacity).ms >= kept.capacity) this.balances.delete(key);
    }
  }
}
