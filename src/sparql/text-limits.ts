import { RefusedInput, where } from '../rdf/input-limits/refused-input.js';

/** Characters that make operators (unary and binary, property path operators included). */
const OPERATOR = /[!^|/*+\-=<>&]/;

/**
 * SPARQL text is checked before it goes to a replica: a query longer than MAX_QUERY_BYTES is 413 (an update, which
 * needs the admin token and may carry data, is bounded by MAX_BODY_BYTES only); brackets `{ } ( ) [ ]` nested deeper
 * than MAX_SPARQL_NESTING and more than MAX_SPARQL_OPERATORS operators (UNION included) are 400 with where.
 * Oxigraph parses and plans SPARQL recursively, and a text shaped to go deep traps its wasm stack, which kills the
 * replica (every query then waits while it is rebuilt). Measured in a worker thread: 1,000 nested groups or
 * subqueries, 2,000 nested parentheses, 10,000 `!` in a row, a chain of 1,000 `+` or 10,000 UNIONs. The defaults are
 * far below that and far above any query people write. One pass over the text that skips strings, IRIs and
 * comments; `<` starts an IRI only when a `>` follows before any space (else it is "less than").
 */
export function checkSparqlText(operation: 'query' | 'update', text: string, limits: { queryBytes: number; nesting: number; operators: number }): void {
  const bytes = operation === 'query' ? Buffer.byteLength(text, 'utf8') : 0;
  if (bytes > limits.queryBytes) {
    throw new RefusedInput(`The query is ${bytes} bytes, longer than MAX_QUERY_BYTES = ${limits.queryBytes}`, 413, { name: 'MAX_QUERY_BYTES', value: limits.queryBytes });
  }
  let depth = 0;
  let operators = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '#') {
      while (i + 1 < n && text[i + 1] !== '\n') i++;
    } else if (c === '<') {
      const end = iriEnd(text, i);
      if (end > 0) i = end;
    } else if (c === '"' || c === "'") {
      const long = text[i + 1] === c && text[i + 2] === c;
      for (i += long ? 3 : 1; i < n; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        } else if (text[i] === c && (!long || (text[i + 1] === c && text[i + 2] === c))) {
          if (long) i += 2;
          break;
        }
      }
    } else if (c === '{' || c === '(' || c === '[') {
      if (++depth > limits.nesting) {
        const position = { line, column: [...text.slice(lineStart, i)].length + 1 };
        throw new RefusedInput(
          `The SPARQL text nests brackets deeper than MAX_SPARQL_NESTING = ${limits.nesting}${where(position)}`,
          400,
          { name: 'MAX_SPARQL_NESTING', value: limits.nesting },
          position,
        );
      }
    } else if ((c === '}' || c === ')' || c === ']') && depth > 0) {
      depth--;
    } else if (OPERATOR.test(c) || ((c === 'U' || c === 'u') && /^union\b/i.test(text.slice(i, i + 6)))) {
      if (++operators > limits.operators) {
        const position = { line, column: [...text.slice(lineStart, i)].length + 1 };
        throw new RefusedInput(
          `The SPARQL text has more than MAX_SPARQL_OPERATORS = ${limits.operators} operators${where(position)}`,
          400,
          { name: 'MAX_SPARQL_OPERATORS', value: limits.operators },
          position,
        );
      }
    }
  }
}

/** The index of the `>` closing an IRI that starts at `start`, or -1 when this `<` is an operator. */
function iriEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '>') return i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '<' || c === '"' || c === '{' || c === '}') return -1;
  }
  return -1;
}
