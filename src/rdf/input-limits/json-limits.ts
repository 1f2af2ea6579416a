import { LF, RefusedInput, positionAt, where, type InputLimits } from './refused-input.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * JSON-LD: objects and arrays nested deeper than MAX_JSON_DEPTH are refused before JSON.parse and jsonld.js (which
 * recurse over the document) see them. One pass over the bytes; brackets inside strings do not count.
 */
export function checkJson(bytes: Uint8Array, limits: Pick<InputLimits, 'jsonDepth'>): void {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === LF) {
      line++;
      lineStart = i + 1;
    } else if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > limits.jsonDepth) {
        const position = positionAt(bytes, i, line, lineStart);
        throw new RefusedInput(
          `The JSON-LD document nests objects and arrays deeper than MAX_JSON_DEPTH = ${limits.jsonDepth}${where(position)}`,
          400,
          { name: 'MAX_JSON_DEPTH', value: limits.jsonDepth },
          position,
        );
      }
    } else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && depth > 0) {
      depth--;
    }
  }
}
