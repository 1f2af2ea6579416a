import { inBodyLines, type ParseOutcome } from './parse.js';

/** Parsed as usual, plus `fresh`: the N-Triples of the lines that were not known (what the parser wrote for them). */
export type ReadAgainstOutcome = Exclude<ParseOutcome, { ok: true }> | (Extract<ParseOutcome, { ok: true }> & { fresh: string });

/**
 * N-Triples re-sent with most lines unchanged (a publisher's nightly re-PUT). A line equal to one our parser wrote
 * before is valid N-Triples as it stands — N-Triples has no prefixes or base, so a line means the same in any
 * document — and only the other lines go to the parser. Errors name the line of the body.
 */
export async function parseNTriplesAgainst(
  text: string,
  known: (line: string) => boolean,
  parse: (ntriples: Uint8Array) => Promise<ParseOutcome>,
): Promise<ReadAgainstOutcome> {
  const kept: string[] = [];
  const unknown: string[] = [];
  const lineNumbers: number[] = [];
  let number = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    const line = text.charCodeAt(end - 1) === 13 /* \r */ ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (known(line)) kept.push(line);
    else if (line.trim() !== '') {
      unknown.push(line);
      lineNumbers.push(number);
    }
  }
  const keptText = kept.length ? `${kept.join('\n')}\n` : '';
  if (unknown.length === 0) return { ok: true, ntriples: keptText, quads: kept.length, fresh: '' };
  const parsed = await parse(Buffer.from(`${unknown.join('\n')}\n`, 'utf8'));
  if (!parsed.ok) {
    return inBodyLines(parsed, parsed.line === undefined ? undefined : lineNumbers[parsed.line - 1]);
  }
  return { ok: true, ntriples: keptText + parsed.ntriples, quads: kept.length + parsed.quads, fresh: parsed.ntriples };
}
