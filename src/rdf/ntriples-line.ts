/**
 * Subject, predicate and object of one canonical N-Triples line (as Oxigraph writes them: single spaces, ` .` at the
 * end). IRIs hold no unescaped `>` or space and blank node labels no space, so the first two terms end at the first
 * `> ` or space; the object is the rest before ` .`. For code that only regroups lines, this avoids parsing terms.
 */
export function splitTriple(line: string): [subject: string, predicate: string, object: string] {
  const subjectEnd = line.startsWith('<') ? line.indexOf('> ') + 1 : line.indexOf(' ');
  const predicateEnd = line.indexOf('> ', subjectEnd + 1) + 1;
  if (subjectEnd <= 0 || predicateEnd <= 0 || !line.endsWith('.')) throw new Error(`not an N-Triples line: ${line.slice(0, 200)}`);
  return [line.slice(0, subjectEnd), line.slice(subjectEnd + 1, predicateEnd), line.slice(predicateEnd + 1, -1).trimEnd()];
}
