import { HttpError, badRequest, insufficientStorage, serviceUnavailable } from './errors.js';
import { QueryTimeoutError, NoReplicaError, ReplicaError } from '../store/embedded/replica-pool.js';
import { StoreCapacityError, UpdateSyntaxError } from '../store/embedded/graph-store.js';

/** Store failures as HTTP errors: one table, used by every route that reads or writes the store. */
export function storeErrorToHttp(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (error instanceof QueryTimeoutError) return serviceUnavailable(error.message);
  if (error instanceof NoReplicaError) return serviceUnavailable(error.message, 5);
  if (error instanceof StoreCapacityError) return insufficientStorage(error.message);
  if (error instanceof UpdateSyntaxError || (error instanceof ReplicaError && error.kind === 'syntax')) {
    return badRequest(`SPARQL syntax error ${error.message.replace(/^error /, '')}`, syntaxPosition(error.message));
  }
  if (error instanceof ReplicaError && error.kind === 'unsupported') {
    return badRequest(`This server never fetches from other hosts (SERVICE, LOAD): ${error.message}`);
  }
  if (error instanceof ReplicaError && error.kind === 'terminated') {
    return serviceUnavailable('The query worker handling this request was stopped; try again', 1);
  }
  if (error instanceof ReplicaError) return new HttpError(500, `The store could not run this request: ${error.message}`);
  return error;
}

function syntaxPosition(message: string): { line?: number; column?: number } {
  const match = /^error at (\d+):(\d+)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}
