import { RefusedInput, where } from '../rdf/input-limits/refused-input.js';

/**
 * SPARQL text is checked before it goes to a replica: a query longer than MAX_QUERY_BYTES is 413 (an update, which
 * needs the admin token and may carry data, is bounded by MAX_BODY_BYTES only), and groups
 * `{ }` and parentheses `( )` nested deeper than MAX_SPARQL_NESTING are 400 with where (a parser recursing over a
 * deeply nested text can exhaust its stack, and no real query nests a few hundred deep). One pass over the text that
 * skips strings, IRIs and comments; `<` starts an IRI only when a `>` follows before any space (else it is "less than").
 */
export function checkSparqlText(operation: 'query' | 'update', text: string, limits: { queryBytes: number; nesting: number }): void {
  const bytes = operation === 'query' ? Buffer.byteLength(text, 'utf8') : 0;
  if (bytes > limits.queryBytes) {
    throw new RefusedInput(`The query is ${bytes} bytes, longer than MAX_QUERY_BYTES = ${limits.queryBytes}`, 413, { name: 'MAX_QUERY_BYTES', value: limits.queryBytes });
  }
  let depth = 0;
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
    } else if (c === '{' || c === '(') {
      if (++depth > limits.nesting) {
        const position = { line, column: [...text.slice(lineStart, i)].length + 1 };
        throw new RefusedInput(
          `The SPARQL text nests "{" and "(" deeper than MAX_SPARQL_NESTING = ${limits.nesting}${where(position)}`,
          400,
          { name: 'MAX_SPARQL_NESTING', value: limits.nesting },
          position,
        );
      }
    } else if ((c === '}' || c === ')') && depth > 0) {
      depth--;
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
