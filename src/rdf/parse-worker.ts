import type { MessagePort } from 'node:worker_threads';
import { parseToNTriples, type ParseOutcome, type ParseRequest } from './parse.js';
import { announceStart } from '../deadlines/work-deadline.js';
import { afterTask } from '../memory/pooled-thread.js';

/** A parse as the pool sends it: `started` tells the pool when this thread begins (its deadline counts from then). */
export type ParseTask = ParseRequest & { started?: MessagePort };

/**
 * Piscina task: parse off the main thread (a 35 MB body takes seconds). The thread is replaced when idle once it
 * holds more than its memory share (afterTask): Oxigraph's parser grows the thread's wasm memory to the largest body
 * parsed and never gives it back, and in a grown heap each parse got slower (a 10,000-dataset Turtle re-PUT parsed
 * in 3.5 s, then 10 s four writes later). This replaces the earlier rule of ending after 500,000 quads, which
 * never fired while Piscina's Atomics wait kept the thread's event loop still.
 */
export default async function parse(task: ParseTask): Promise<ParseOutcome> {
  const { started, ...request } = task;
  announceStart(started);
  try {
    return await parseToNTriples(request);
  } catch (error) {
    // parseToNTriples answers every syntax error itself; what reaches here is the parser breaking (Oxigraph's panics
    // are WebAssembly traps). A trapped wasm instance cannot be trusted again: let Piscina start a fresh worker.
    setImmediate(() => process.exit(1));
    return { ok: false, message: `The parser failed on this input: ${(error as Error).message}`, parserFailed: true };
  } finally {
    afterTask();
  }
}
