import { inBodyLines, type ParseOutcome } from './parse.js';
import { countNewlines } from './ntriples-lines.js';

/** N-Triples our parser wrote before (a stored catalog): its text and a lookup of its lines. */
export interface KnownText {
  text: string;
  has(line: string): boolean;
  /** Whether no line occurs twice in `text` (then what the body lost can be told from the walk alone). */
  distinct(): boolean;
}

/**
 * Parsed as usual, plus `fresh`: the N-Triples the parser wrote for the lines that were not known, and `lost`: the
 * known text's lines the body does not have (only when the known text is distinct).
 */
export type ReadAgainstOutcome =
  | Exclude<ParseOutcome, { ok: true }>
  | (Extract<ParseOutcome, { ok: true }> & { fresh: string; lost: string[] | undefined });

/** Lines looked at around a difference for where the two texts agree again. */
const RESYNC_WINDOW = 2000;
/** Past this many differences the rest is looked up line by line: resyncing would cost more. */
const MAX_GAPS = 500;

/**
 * N-Triples re-sent with most lines unchanged (a publisher's nightly re-PUT). A line equal to one our parser wrote
 * before is valid N-Triples as it stands — N-Triples has no prefixes or base, so a line means the same in any
 * document — and only the other lines go to the parser. The body is walked alongside the known text: where they agree
 * (compared in blocks, no per-line work) nothing is looked up; around each difference the lines are looked up one by
 * one until the texts agree again. Errors name the line of the body.
 */
export async function parseNTriplesAgainst(
  body: string,
  known: KnownText,
  parse: (ntriples: Uint8Array) => Promise<ParseOutcome>,
): Promise<ReadAgainstOutcome> {
  const gaps = alignedGaps(body, known.text);
  const unknown: { line: string; at: number }[] = [];
  const keptInGaps: string[] = [];
  const lostCandidates = new Set<string>();
  let blanks = 0;
  for (const gap of gaps) {
    forEachLine(body, gap.body[0], gap.body[1], (line, at) => {
      if (known.has(line)) keptInGaps.push(line);
      else if (line.trim() === '') blanks++;
      else unknown.push({ line, at });
    });
    forEachLine(known.text, gap.known[0], gap.known[1], (line) => void lostCandidates.add(line));
  }
  const lineCount = countLines(body);
  let fresh = '';
  let freshCount = 0;
  if (unknown.length) {
    const parsed = await parse(Buffer.from(`${unknown.map((u) => u.line).join('\n')}\n`, 'utf8'));
    if (!parsed.ok) {
      const at = parsed.line === undefined ? undefined : unknown[parsed.line - 1]?.at;
      return inBodyLines(parsed, at === undefined ? undefined : countLines(body.slice(0, at)) + 1);
    }
    fresh = parsed.ntriples;
    freshCount = parsed.quads;
  }
  // The body itself is the N-Triples when every line the parser saw came out as it went in.
  const asSent = blanks === 0 && !body.includes('\r') && fresh === unknown.map((u) => `${u.line}\n`).join('');
  const ntriples = asSent ? (body.endsWith('\n') || body === '' ? body : `${body}\n`) : rebuild(body, known, fresh);
  let lost: string[] | undefined;
  if (known.distinct()) {
    for (const line of keptInGaps) lostCandidates.delete(line);
    for (const line of fresh.split('\n')) lostCandidates.delete(line);
    lost = [...lostCandidates];
  }
  return { ok: true, ntriples, quads: lineCount - blanks - unknown.length + freshCount, fresh, lost };
}

interface Gap {
  /** [start, end) offsets in the body and in the known text, at line starts. */
  body: [number, number];
  known: [number, number];
}

/** Where the body and the known text differ, as pairs of line ranges; everything between gaps is equal in both. */
function alignedGaps(body: string, known: string): Gap[] {
  const gaps: Gap[] = [];
  let i = 0;
  let j = 0;
  while (i < body.length || j < known.length) {
    const agreed = agreeingLength(body, i, known, j);
    i += agreed;
    j += agreed;
    if (i >= body.length && j >= known.length) break;
    const resync = gaps.length < MAX_GAPS ? findResync(body, i, known, j) : undefined;
    if (!resync) {
      gaps.push({ body: [i, body.length], known: [j, known.length] });
      break;
    }
    gaps.push({ body: [i, resync.i], known: [j, resync.j] });
    i = resync.i;
    j = resync.j;
  }
  return gaps;
}

/** How many characters from i and j agree, cut back to a line start (both sides are at line starts). */
function agreeingLength(body: string, i: number, known: string, j: number): number {
  let length = 0;
  let block = 1 << 16;
  while (i + length < body.length && j + length < known.length) {
    const n = Math.min(block, body.length - i - length, known.length - j - length);
    if (body.substr(i + length, n) === known.substr(j + length, n)) {
      length += n;
      block = Math.min(block * 2, 1 << 20);
    } else if (n > 64) {
      block = n >> 1;
    } else {
      break;
    }
  }
  if (i + length >= body.length && j + length >= known.length) return length;
  // Back to the start of the line where they differ (a whole line agreeing only up to its end is not a match).
  return length === 0 ? 0 : body.lastIndexOf('\n', i + length - 1) + 1 - i;
}

/**
 * The nearest line starts after i and j from which the texts agree again for a whole line and what follows it,
 * looking at most RESYNC_WINDOW lines ahead on each side; undefined when there is none. Both sides advance a line at a
 * time, each line checked against those already seen on the other side, so a resync d lines away costs ~2d lines.
 */
function findResync(body: string, i: number, known: string, j: number): { i: number; j: number } | undefined {
  const seenBody = new Map<string, number[]>();
  const seenKnown = new Map<string, number[]>();
  /** The line at `at` of one side against the lines seen on the other; `pair` orders (this side, other) as (i, j). */
  const step = (text: string, at: number, mine: Map<string, number[]>, theirs: Map<string, number[]>, pair: (here: number, there: number) => { i: number; j: number }) => {
    const end = lineEnd(text, at);
    const line = text.slice(at, end);
    for (const there of theirs.get(line) ?? []) {
      const point = pair(at, there);
      if ((point.i > i || point.j > j) && confirms(body, point.i, known, point.j)) return { next: end + 1, point };
    }
    const list = mine.get(line);
    if (list) list.push(at);
    else mine.set(line, [at]);
    return { next: end + 1, point: undefined };
  };
  let b = i;
  let k = j;
  for (let count = 0; count < RESYNC_WINDOW && (b < body.length || k < known.length); count++) {
    if (k < known.length) {
      const { next, point } = step(known, k, seenKnown, seenBody, (here, there) => ({ i: there, j: here }));
      if (point) return point;
      k = next;
    }
    if (b < body.length) {
      const { next, point } = step(body, b, seenBody, seenKnown, (here, there) => ({ i: here, j: there }));
      if (point) return point;
      b = next;
    }
  }
  return undefined;
}

/** A resync point holds when a few lines (or the rest of both texts) agree from there. */
function confirms(body: string, i: number, known: string, j: number): boolean {
  const n = Math.min(512, body.length - i, known.length - j);
  if (n === 0) return body.length - i === known.length - j;
  return body.substr(i, n) === known.substr(j, n);
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function forEachLine(text: string, start: number, end: number, onLine: (line: string, at: number) => void): void {
  for (let at = start; at < end; ) {
    const stop = Math.min(lineEnd(text, at), end);
    onLine(text.charCodeAt(stop - 1) === 13 /* \r */ ? text.slice(at, stop - 1) : text.slice(at, stop), at);
    at = stop + 1;
  }
}

/** Lines of a text, a last one without a newline included. */
function countLines(text: string): number {
  return countNewlines(text) + (text.length && !text.endsWith('\n') ? 1 : 0);
}

/** The body's known lines, in order, then the parser's lines for the rest (a body with CR line ends, comments …). */
function rebuild(body: string, known: KnownText, fresh: string): string {
  const kept: string[] = [];
  forEachLine(body, 0, body.length, (line) => void (known.has(line) && kept.push(line)));
  return (kept.length ? `${kept.join('\n')}\n` : '') + fresh;
}
