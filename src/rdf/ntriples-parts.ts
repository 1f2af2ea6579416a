import { inBodyLines, type ParseOutcome } from './parse.js';

/**
 * A large N-Triples body parsed in parts side by side: N-Triples has one triple a line and no prefixes, and blank-node
 * labels are kept as written, so parts cut at line ends parse to exactly what the whole would. Errors name the line
 * of the body.
 */
export async function parseNTriplesInParts(bytes: Buffer, parts: number, parse: (part: Buffer) => Promise<ParseOutcome>): Promise<ParseOutcome> {
  const pieces: Buffer[] = [];
  let start = 0;
  for (let k = 1; k < parts && start < bytes.length; k++) {
    const cut = bytes.indexOf(10 /* \n */, Math.max(start, Math.floor((bytes.length * k) / parts)));
    if (cut < 0) break;
    pieces.push(bytes.subarray(start, cut + 1));
    start = cut + 1;
  }
  pieces.push(bytes.subarray(start));
  const outcomes = await Promise.all(pieces.map(parse));
  let linesBefore = 0;
  for (const [k, outcome] of outcomes.entries()) {
    if (!outcome.ok) return inBodyLines(outcome, outcome.line === undefined ? undefined : outcome.line + linesBefore);
    linesBefore += countLines(pieces[k]!);
  }
  const parsed = outcomes as Extract<ParseOutcome, { ok: true }>[];
  return { ok: true, ntriples: parsed.map((o) => o.ntriples).join(''), quads: parsed.reduce((n, o) => n + o.quads, 0) };
}

function countLines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}
