import type { MessagePort } from 'node:worker_threads';
import { parseToNTriples, type ParseOutcome, type ParseRequest } from './parse.js';
import { announceStart } from '../deadlines/work-deadline.js';

/** A parse as the pool sends it: `started` tells the pool when this thread begins (its deadline counts from then). */
export type ParseTask = ParseRequest & { started?: MessagePort };

/**
 * Past this many quads parsed, the thread ends after answering and Piscina starts a fresh one. Oxigraph's parser
 * leaves ~150 MB behind per 390,000 quads that garbage collection does not give back (its quad objects hold wasm
 * memory until finalised), and in the grown heap each parse got slower: a 10,000-dataset Turtle re-PUT parsed in
 * 3.5 s, then 10 s four writes later.
 */
const RECYCLE_AFTER_QUADS = 500_000;
let parsedQuads = 0;

/** Piscina task: parse off the main thread (a 35 MB body takes seconds). */
export default async function parse(task: ParseTask): Promise<ParseOutcome> {
  const { started, ...request } = task;
  announceStart(started);
  try {
    const outcome = await parseToNTriples(request);
    if (outcome.ok) parsedQuads += outcome.quads;
    if (parsedQuads > RECYCLE_AFTER_QUADS) setImmediate(() => process.exit(0));
    return outcome;
  } catch (error) {
    // parseToNTriples answers every syntax error itself; what reaches here is the parser breaking (Oxigraph's panics
    // are WebAssembly traps). A trapped wasm instance cannot be trusted again: let Piscina start a fresh worker.
    setImmediate(() => process.exit(1));
    return { ok: false, message: `The parser failed on this input: ${(error as Error).message}`, parserFailed: true };
  }
}
