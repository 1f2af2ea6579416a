import type { MessagePort } from 'node:worker_threads';
import { announceStart } from '../deadlines/work-deadline.js';
import { loadProfile } from './loaded-profile.js';
import { runValidationTask, type NeedFullText, type ValidationTask, type ValidationTaskResult } from './validate-task.js';

/** `started` tells the validator when this thread begins on a validation (its deadline counts from then). */
export type WorkerRequest = { kind: 'validate'; task: ValidationTask; started?: MessagePort } | { kind: 'load'; profileIds: string[] };

/** Piscina entry: validation off the main thread; each thread compiles a profile's shapes once and keeps them. */
export default function handle(request: WorkerRequest): ValidationTaskResult | NeedFullText | { loaded: string[] } {
  if (request.kind === 'load') {
    for (const id of request.profileIds) loadProfile(id);
    return { loaded: request.profileIds };
  }
  announceStart(request.started);
  return runValidationTask(request.task);
}
