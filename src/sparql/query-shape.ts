import { badRequest } from '../http/errors.js';

/**
 * Oxigraph parses and plans SPARQL recursively in its replica's thread, and a query shaped to go deep traps its wasm
 * stack ("memory access out of bounds"), which kills the replica: every query waits while it is rebuilt. Measured
 * in a worker thread: 1,000 nested groups or subqueries, 2,000 nested parentheses, 10,000 `!` in a row, a chain of
 * 1,000 `+` or 10,000 UNIONs. These limits are far below that and far above any query people write.
 */
export const MAX_SPARQL_NESTING = 128;
export const MAX_SPARQL_OPERATORS = 256;

const OPENING = new Set(['{', '(', '[']);
const CLOSING = new Set(['}', ')', ']']);
/** Characters that make operators (unary and binary, property path operators included). */
const OPERATOR = /[!^|/*+\-=<>&]/;
const IRI_BODY = /[^\s<>"{}|^`\\]/;

/**
 * Refuse a query or update (400 naming the limit and where) whose brackets nest deeper than MAX_SPARQL_NESTING or
 * that has more than MAX_SPARQL_OPERATORS operators, before it reaches the store. A lexical scan: strings, IRIs and
 * comments are skipped, so their contents never count.
 */
export function checkQueryShape(text: string, what: 'query' | 'update'): void {
  let depth = 0;
  let operators = 0;
  let line = 1;
  let lineStart = 0;
  const refuse = (message: string, at: number, limit: number) => {
    throw badRequest(`The ${what} ${message} (line ${line}, column ${at - lineStart + 1})`, { line, column: at - lineStart + 1, limit });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      const end = endOfString(text, i);
      for (let k = i; k <= end; k++) {
        if (text[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = end;
    } else if (c === '<' && isIriStart(text, i)) {
      i = text.indexOf('>', i);
    } else if (OPENING.has(c)) {
      if (++depth > MAX_SPARQL_NESTING) refuse(`nests brackets deeper than ${MAX_SPARQL_NESTING} levels`, i, MAX_SPARQL_NESTING);
    } else if (CLOSING.has(c)) {
      depth = Math.max(0, depth - 1);
    } else if (OPERATOR.test(c) || (c === 'U' && /^UNION\b/i.test(text.slice(i, i + 6))) || (c === 'u' && /^union\b/.test(text.slice(i, i + 6)))) {
      if (++operators > MAX_SPARQL_OPERATORS) refuse(`has more than ${MAX_SPARQL_OPERATORS} operators`, i, MAX_SPARQL_OPERATORS);
    }
  }
}

/** `<` opens an IRI when an IRI's characters run up to a `>`; otherwise it is "less than". */
function isIriStart(text: string, at: number): boolean {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '>') return true;
    if (!IRI_BODY.test(text[i]!)) return false;
  }
  return false;
}

/** The index of the quote that closes the string opened at `at` (short or long form), or the text's end. */
function endOfString(text: string, at: number): number {
  const quote = text[at]!;
  const long = text.startsWith(quote.repeat(3), at);
  const closing = long ? quote.repeat(3) : quote;
  for (let i = at + closing.length; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(closing, i)) return i + closing.length - 1;
    else if (!long && text[i] === '\n') return i - 1; // unterminated: the parser will say so
  }
  return text.length - 1;
}
