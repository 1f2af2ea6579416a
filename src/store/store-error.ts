export type StoreErrorKind = 'timeout' | 'busy' | 'syntax' | 'full' | 'unavailable' | 'unsupported' | 'failed';

/** The one error a store backend throws; src/http/store-errors.ts maps its kinds to HTTP. */
export class StoreError extends Error {
  readonly line?: number;
  readonly column?: number;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    details: { line?: number; column?: number; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StoreError';
    this.line = details.line;
    this.column = details.column;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
