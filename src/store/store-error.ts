/**
 * The one error a store backend throws for anything a client or operator should hear about. Backends translate
 * their own failures (a replica's error, a remote endpoint's status) into these kinds; src/http/store-errors.ts maps
 * the kinds, and only them, to HTTP. The message is written for the client and says what happened.
 */
export type StoreErrorKind =
  /** The query or read ran past its deadline and was stopped (HTTP 503). */
  | 'timeout'
  /** Every reader stayed busy; worth retrying after `retryAfterSeconds` (503 with Retry-After). */
  | 'busy'
  /** The SPARQL text does not parse; `line` and `column` say where, when the backend knows (400). */
  | 'syntax'
  /** The store would grow past its configured size (507). */
  | 'full'
  /** The store, or the part of it that was working on this, is not reachable now (503). */
  | 'unavailable'
  /** A request the store refuses to run (SERVICE or LOAD fetching from other hosts, say) (400). */
  | 'unsupported'
  /** The store could not do it, for a reason of its own (500; 502 when a remote store answered wrongly). */
  | 'failed';

export interface StoreErrorDetails {
  line?: number;
  column?: number;
  retryAfterSeconds?: number;
  /** For 'failed': the remote store answered with an error (HTTP 502 instead of 500). */
  upstream?: boolean;
  cause?: unknown;
}

export class StoreError extends Error {
  readonly line?: number;
  readonly column?: number;
  readonly retryAfterSeconds?: number;
  readonly upstream?: boolean;

  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    details: StoreErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StoreError';
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.upstream) this.upstream = true;
  }
}
