import { JSONLD, NTRIPLES, RDFXML, TURTLE, type RdfFormat } from '../formats.js';
import { checkJson } from './json-limits.js';
import { checkNTriples } from './ntriples-limits.js';
import { checkTurtle } from './turtle-limits.js';
import { checkXml } from './xml-limits.js';
import type { InputLimits } from './refused-input.js';

export { RefusedInput, type InputLimits } from './refused-input.js';
export { tooManyTriples } from './ntriples-limits.js';

/**
 * The limits a body must keep before it goes to a parser thread, checked in one pass over its bytes on the main thread
 * (tens of milliseconds for 35 MB): what would make a parser slow or exhaust its memory is refused cheaply, with
 * where it is. Throws RefusedInput. The number of triples of the other syntaxes is known only once parsed: the parser
 * thread checks it (ParseRequest.maxTriples).
 */
export function checkInputLimits(bytes: Uint8Array, format: RdfFormat, limits: InputLimits): void {
  if (format === RDFXML) checkXml(bytes, limits);
  else if (format === JSONLD) checkJson(bytes, limits);
  else if (format === TURTLE) checkTurtle(bytes, limits);
  else if (format === NTRIPLES) checkNTriples(bytes, limits);
}
