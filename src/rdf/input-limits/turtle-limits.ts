import { CR, LF, RefusedInput, positionAt, where, type InputLimits } from './refused-input.js';

const HASH = 0x23;
const LT = 0x3c;
const GT = 0x3e;
const BACKSLASH = 0x5c;
const DOUBLE = 0x22;
const SINGLE = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;

/**
 * Turtle: blank node property lists `[ … ]` and collections `( … )` nested deeper than MAX_TURTLE_NESTING are refused
 * before Oxigraph sees them. One pass over the bytes that skips what cannot nest: comments, IRIs, strings (short and
 * long, with escapes) and escaped characters of prefixed names (`ex:a\(b`).
 */
export function checkTurtle(bytes: Uint8Array, limits: Pick<InputLimits, 'turtleNesting'>): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === LF) {
      line++;
      lineStart = i + 1;
    } else if (b === HASH) {
      while (i + 1 < n && bytes[i + 1] !== LF && bytes[i + 1] !== CR) i++;
    } else if (b === LT) {
      // An IRI ends at `>`; a line end means it is broken, and the parser will say so.
      while (i + 1 < n && bytes[i + 1] !== GT && bytes[i + 1] !== LF) i++;
      if (bytes[i + 1] === GT) i++;
    } else if (b === DOUBLE || b === SINGLE) {
      const long = bytes[i + 1] === b && bytes[i + 2] === b;
      i += long ? 3 : 1;
      for (; i < n; i++) {
        const c = bytes[i]!;
        if (c === BACKSLASH) i++;
        else if (c === LF) {
          if (!long) break;
          line++;
          lineStart = i + 1;
        } else if (c === b && (!long || (bytes[i + 1] === b && bytes[i + 2] === b))) {
          if (long) i += 2;
          break;
        }
      }
      if (bytes[i] === LF) {
        line++;
        lineStart = i + 1;
      }
    } else if (b === BACKSLASH) {
      i++;
    } else if (b === OPEN_BRACKET || b === OPEN_PAREN) {
      if (++depth > limits.turtleNesting) {
        const position = positionAt(bytes, i, line, lineStart);
        throw new RefusedInput(
          `The Turtle document nests "[" and "(" deeper than MAX_TURTLE_NESTING = ${limits.turtleNesting}${where(position)}`,
          400,
          { name: 'MAX_TURTLE_NESTING', value: limits.turtleNesting },
          position,
        );
      }
    } else if ((b === CLOSE_BRACKET || b === CLOSE_PAREN) && depth > 0) {
      depth--;
    }
  }
}
