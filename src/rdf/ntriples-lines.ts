/**
 * Canonical N-Triples as Oxigraph writes it: one triple a line, IRIs without spaces, so a line splits into
 * subject, predicate and object at its first two spaces. Used on dumps and on our own serialised input only.
 */
export interface TripleLine {
  subject: string;
  predicate: string;
  object: string;
}

export function splitTripleLine(line: string): TripleLine | undefined {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  if (first < 0 || second < 0) return undefined;
  const end = line.endsWith(' .') ? line.length - 2 : line.length;
  return { subject: line.slice(0, first), predicate: line.slice(first + 1, second), object: line.slice(second + 1, end) };
}

export function* lines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) yield text.slice(start, end);
    start = end + 1;
  }
}

/** Newlines in a text: its lines, when it ends with one (as every N-Triples text here does). */
export function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
