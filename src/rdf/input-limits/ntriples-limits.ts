import { CR, LF, RefusedInput, positionAt, where, type InputLimits } from './refused-input.js';

const HASH = 0x23;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * N-Triples: a line longer than MAX_NTRIPLES_LINE_BYTES, or more triples than MAX_TRIPLES_PER_REQUEST, is refused with
 * 413 before any of it is parsed. A triple is a line with something on it other than a comment. One pass.
 */
export function checkNTriples(bytes: Uint8Array, limits: Pick<InputLimits, 'ntriplesLineBytes' | 'triples'>): void {
  let line = 1;
  let lineStart = 0;
  let triples = 0;
  let counted = false;
  const n = bytes.length;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? bytes[i]! : LF;
    if (b === LF || b === CR) {
      if (b === LF || bytes[i + 1] !== LF) {
        line++;
        lineStart = i + 1;
        counted = false;
      }
      continue;
    }
    if (i - lineStart >= limits.ntriplesLineBytes) {
      const position = positionAt(bytes, i, line, lineStart);
      throw new RefusedInput(
        `Line ${line} of the N-Triples document is longer than MAX_NTRIPLES_LINE_BYTES = ${limits.ntriplesLineBytes} bytes${where(position)}`,
        413,
        { name: 'MAX_NTRIPLES_LINE_BYTES', value: limits.ntriplesLineBytes },
        position,
      );
    }
    if (!counted && b !== SPACE && b !== TAB) {
      counted = true;
      if (b !== HASH && ++triples > limits.triples) {
        const position = positionAt(bytes, i, line, lineStart);
        throw tooManyTriples(limits.triples, position);
      }
    }
    // Skip the rest of a comment or a triple quickly: only line ends and the length matter now.
    if (counted) {
      const end = Math.min(n, lineStart + limits.ntriplesLineBytes);
      while (i + 1 < end && bytes[i + 1] !== LF && bytes[i + 1] !== CR) i++;
    }
  }
}

export function tooManyTriples(limit: number, position: { line?: number; column?: number } = {}): RefusedInput {
  return new RefusedInput(
    `The request has more than MAX_TRIPLES_PER_REQUEST = ${limit} triples${where(position)}`,
    413,
    { name: 'MAX_TRIPLES_PER_REQUEST', value: limit },
    position,
  );
}
