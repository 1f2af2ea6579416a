import { HttpError, badRequest, insufficientStorage, serviceUnavailable } from './errors.js';
import { StoreError } from '../store/store-error.js';

/**
 * Store failures as HTTP errors: one table of the neutral StoreError kinds (src/store/store-error.ts), applied by the
 * error handler to whatever a route lets through.
 */
export function storeErrorToHttp(error: StoreError): HttpError {
  switch (error.kind) {
    case 'timeout':
      return serviceUnavailable(error.message);
    case 'busy':
    case 'unavailable':
      return serviceUnavailable(error.message, error.retryAfterSeconds);
    case 'syntax':
      return badRequest(error.message, position(error));
    case 'full':
      return insufficientStorage(error.message);
    case 'unsupported':
      return badRequest(error.message);
    case 'failed':
      return new HttpError(error.upstream ? 502 : 500, error.message);
  }
}

function position(error: StoreError): { line?: number; column?: number } {
  return { ...(error.line !== undefined ? { line: error.line } : {}), ...(error.column !== undefined ? { column: error.column } : {}) };
}
