import { StoreError } from '../store-error.js';
import { NoReplicaError, QueryTimeoutError, ReplicaError } from './replica-pool.js';

/**
 * The replicas' failures as the store interface's neutral errors, so nothing outside the backend knows replica error
 * kinds or Oxigraph's message text. Errors that are none of these (a journal write failing, a client sink's own
 * error) pass through unchanged: they are not the store's answer to the request.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  if (error instanceof QueryTimeoutError) return new StoreError('timeout', error.message, { cause: error });
  if (error instanceof NoReplicaError) return new StoreError('busy', error.message, { retryAfterSeconds: 5, cause: error });
  if (!(error instanceof ReplicaError)) return error;
  switch (error.kind) {
    case 'capacity':
      return new StoreError('full', error.message, { cause: error });
    case 'syntax':
      // Oxigraph: "error at 3:14: expected …"; the position is the client's to see.
      return new StoreError('syntax', `SPARQL syntax error ${error.message.replace(/^error /, '')}`, { ...syntaxPosition(error.message), cause: error });
    case 'unsupported':
      return new StoreError('unsupported', `This server never fetches from other hosts (SERVICE, LOAD): ${error.message}`, { cause: error });
    case 'terminated':
      return new StoreError('unavailable', 'The query worker handling this request was stopped; try again', { retryAfterSeconds: 1, cause: error });
    case 'other':
      return new StoreError('failed', `The store could not run this request: ${error.message}`, { cause: error });
  }
}

function syntaxPosition(message: string): { line?: number; column?: number } {
  const match = /^error at (\d+):(\d+)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

/** Run a backend operation with its failures translated (see toStoreError). */
export async function translated<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toStoreError(error);
  }
}
