import type { MessagePort } from 'node:worker_threads';
import { announceStart } from '../deadlines/work-deadline.js';
import { loadProfile } from './loaded-profile.js';
import { keptTriples, runValidationTask, KEPT_BYTES_PER_TRIPLE, type NeedFullText, type ValidationTask, type ValidationTaskResult } from './validate-task.js';
import { afterTask, markFresh } from '../memory/pooled-thread.js';

/** `started` tells the validator when this thread begins on a validation (its deadline counts from then). */
export type WorkerRequest = { kind: 'validate'; task: ValidationTask; started?: MessagePort } | { kind: 'load'; profileIds: string[] };

/**
 * Piscina entry: validation off the main thread; each thread compiles a profile's shapes once and keeps them. A thread
 * past its memory share is replaced when idle (afterTask); its compiled profiles (about 300 MB for all of them) count
 * as what a fresh thread holds, and its kept catalogue indexes (bounded by cacheTriples) as kept on
 * purpose, so that what makes it pass its share is garbage the heap did not give back.
 */
export default function handle(request: WorkerRequest): ValidationTaskResult | NeedFullText | { loaded: string[] } {
  try {
    if (request.kind === 'load') {
      for (const id of request.profileIds) compile(id);
      return { loaded: request.profileIds };
    }
    compile(request.task.profileId);
    announceStart(request.started);
    return runValidationTask(request.task);
  } finally {
    afterTask({ keptBytes: keptTriples() * KEPT_BYTES_PER_TRIPLE });
  }
}

const compiled = new Set<string>();

function compile(profileId: string): void {
  if (compiled.has(profileId)) return;
  loadProfile(profileId);
  compiled.add(profileId);
  markFresh();
}
