import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import Negotiator from 'negotiator';
import { HttpError } from './errors.js';
import { RefusedInput } from '../rdf/input-limits/refused-input.js';
import { ParserFailed } from '../rdf/parser-pool.js';
import { ClientGone, DeadlineExceeded } from '../deadlines/work-deadline.js';
import { parseTimeouts } from '../metrics/metrics.js';
import { StoreError } from '../store/store-error.js';
import { storeErrorToHttp } from './store-errors.js';

/** An error page for people; undefined keeps the problem document. */
export type ErrorPage = (req: Request, status: number, detail: string) => string | undefined;

/**
 * The one place errors become responses: an RFC 9457 problem document with the message and its details (line,
 * column, property). Anything that is not an HttpError is a bug: logged with its stack, answered as a bare 500.
 * Error bodies are negotiated like any response: a browser, which ranks text/html first, gets the portal's page.
 */
export function errorHandler(log: Logger, page?: ErrorPage) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = asHttpError(error);
    if (!known) log.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    const problem = known ?? new HttpError(500, 'Internal server error; the details are in the server log');
    if (res.headersSent || req.socket.destroyed) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    if (!req.complete) drainThenClose(req, res);
    res.status(problem.status);
    const html = page && prefersHtml(req) ? page(req, problem.status, problem.message) : undefined;
    if (html !== undefined) {
      res.type('text/html; charset=utf-8').send(html);
      return;
    }
    res.type('application/problem+json; charset=utf-8');
    res.send(
      JSON.stringify({
        type: 'about:blank',
        title: STATUS_CODES[problem.status] ?? String(problem.status),
        status: problem.status,
        detail: problem.message,
        ...problem.details,
      }),
    );
  };
}

/**
 * Errors from express's own parsing (bad URL encoding, aborted bodies) carry a status; treat them as ours. So are the
 * store's neutral errors (timeout, busy, syntax, full…: src/http/store-errors.ts) and the neutral errors of parsing
 * and validation: a body past an input limit (400/413 naming the limit, its value and where), the parser breaking on
 * a body (400, never a 500), work stopped at its deadline (503 naming PARSE_TIMEOUT_MS) or for a client that left
 * (nobody reads that answer).
 */
function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreError) return storeErrorToHttp(error);
  if (error instanceof RefusedInput) {
    const limit = error.limit ? { limit: error.limit.name, value: error.limit.value } : {};
    return new HttpError(error.status, error.message, { ...limit, ...error.position });
  }
  if (error instanceof ParserFailed) return new HttpError(400, error.message);
  if (error instanceof DeadlineExceeded) {
    parseTimeouts.inc(); // here, not where the deadline runs: that module is loaded by every worker thread too
    const details = { limit: 'PARSE_TIMEOUT_MS', value: error.policy.baseMs, perMb: error.policy.perMbMs, deadlineMs: error.deadlineMs, stopped: error.work };
    return new HttpError(503, error.message, details, { 'Retry-After': '10' });
  }
  if (error instanceof ClientGone) return new HttpError(400, error.message);
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError(status, (error as Error).message);
  return undefined;
}

/** How long a refused sender may go on sending (its rest is read and dropped) before the connection is cut. */
const LINGER_MS = 5_000;

/**
 * A request refused before its body was read (too large, too slow, unauthenticated, wrong type) must not keep its
 * connection for as long as its sender likes. Its answer goes out at once; the rest of the body is read and dropped
 * for a short while, so a client that is still writing gets to read the answer instead of a reset, and then the
 * socket is destroyed. (`Connection: close` would make Node destroy it as soon as the answer is written.)
 */
function drainThenClose(req: Request, res: Response): void {
  res.once('finish', () => {
    if (req.complete) return;
    req.resume();
    const linger = setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, LINGER_MS);
    linger.unref();
    req.once('end', () => clearTimeout(linger));
    req.socket.once('close', () => clearTimeout(linger));
  });
}

function prefersHtml(req: Request): boolean {
  if (!req.headers.accept) return false;
  return new Negotiator(req).mediaType(['application/problem+json', 'application/json', 'text/html']) === 'text/html';
}
