import { parseToNTriples, type ParseOutcome, type ParseRequest } from './parse.js';

/** Piscina task: parse off the main thread (a 35 MB body takes seconds). */
export default async function parse(request: ParseRequest): Promise<ParseOutcome> {
  try {
    return await parseToNTriples(request);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // A trapped wasm instance cannot be trusted again: let Piscina start a fresh worker.
      setImmediate(() => process.exit(1));
    }
    return { ok: false, message: `The document could not be parsed: ${(error as Error).message}` };
  }
}
