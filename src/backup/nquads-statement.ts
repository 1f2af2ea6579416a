import { DEFAULT_GRAPH, type GraphName } from '../store/store.js';

/** One N-Quads statement split into its terms, as written (no unescaping). */
export interface Statement {
  subject: string;
  predicate: string;
  object: string;
  graph: GraphName;
}

/**
 * Split a line of N-Quads into its terms, or say why it is not one. A lexical split, not a parser: enough to route a
 * statement to its graph; the store parses every term when the graph is loaded. Terms may be separated by spaces or
 * tabs; a literal may hold any of them, and escaped quotes.
 */
export function splitStatement(line: string): Statement | { error: string } {
  let at = 0;
  const skipSpace = () => {
    while (line[at] === ' ' || line[at] === '\t') at++;
  };
  const token = (): string => {
    skipSpace();
    const start = at;
    if (line[at] === '"') {
      at++;
      while (at < line.length && line[at] !== '"') at += line[at] === '\\' ? 2 : 1;
      if (at >= line.length) return '';
      at++;
      if (line[at] === '@' || line[at] === '^') while (at < line.length && line[at] !== ' ' && line[at] !== '\t') at++;
      return line.slice(start, at);
    }
    if (line[at] === '<') {
      const end = line.indexOf('>', at);
      if (end < 0) return '';
      at = end + 1;
      return line.slice(start, at);
    }
    while (at < line.length && line[at] !== ' ' && line[at] !== '\t') at++;
    return line.slice(start, at);
  };
  const subject = token();
  const predicate = token();
  const object = token();
  if (!subject || !predicate || !object) return { error: 'expected a subject, a predicate and an object' };
  skipSpace();
  let graph: GraphName = DEFAULT_GRAPH;
  if (line[at] !== '.') {
    const term = token();
    if (!term.startsWith('<') || !term.endsWith('>')) return { error: `the graph must be an IRI, got "${term.slice(0, 80)}"` };
    graph = term.slice(1, -1);
    skipSpace();
  }
  if (line[at] !== '.') return { error: 'the statement does not end with "."' };
  at++;
  skipSpace();
  if (at < line.length && line[at] !== '#') return { error: `unexpected text after the final ".": "${line.slice(at, at + 40)}"` };
  return { subject, predicate, object, graph };
}
