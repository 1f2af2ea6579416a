import { loadProfile } from './loaded-profile.js';
import { runValidationTask, type NeedFullText, type ValidationTask, type ValidationTaskResult } from './validate-task.js';
import { afterTask } from '../memory/pooled-thread.js';

export type WorkerRequest = { kind: 'validate'; task: ValidationTask } | { kind: 'load'; profileIds: string[] };

/**
 * Piscina entry: validation off the main thread; each thread compiles a profile's shapes once and keeps them. A thread
 * past its memory share is replaced when idle (afterTask); the compiled profiles count as what a fresh thread holds.
 */
export default function handle(request: WorkerRequest): ValidationTaskResult | NeedFullText | { loaded: string[] } {
  if (request.kind === 'load') {
    for (const id of request.profileIds) loadProfile(id);
    afterTask({ baseline: true });
    return { loaded: request.profileIds };
  }
  try {
    return runValidationTask(request.task);
  } finally {
    afterTask();
  }
}
