import { splitTriple } from '../rdf/ntriples-line.js';
import { DCAT } from '../rdf/vocabulary.js';

const DISTRIBUTION = `<${DCAT}distribution>`;

/** Each dataset's description as N-Triples lines, one block after the other, and where each block is (UTF-8 bytes). */
export interface DescriptionTexts {
  text: string;
  /** Dataset IRI → [byte offset, byte length] in `text`. */
  ranges: Record<string, [number, number]>;
}

/**
 * The description of each dataset as the paged /catalog shows it: the dataset's own triples, its distributions'
 * and every blank node reachable from them, cut from the catalog's N-Triples as they are (no terms parsed). Kept by
 * the dataset index, so a /catalog page needs no store query (bench/RESULTS.md, "Portal reads").
 */
export function describeDatasets(ntriples: string, datasets: string[]): DescriptionTexts {
  const linesOf = new Map<string, string[]>();
  for (const line of ntriples.split('\n')) {
    if (!line) continue;
    const subject = line.slice(0, line.startsWith('<') ? line.indexOf('> ') + 1 : line.indexOf(' '));
    const list = linesOf.get(subject);
    if (list) list.push(line);
    else linesOf.set(subject, [line]);
  }
  const blocks: string[] = [];
  const ranges: Record<string, [number, number]> = {};
  let offset = 0;
  for (const iri of datasets) {
    const start = `<${iri}>`;
    const seen = new Set([start]);
    const queue = [start];
    const lines: string[] = [];
    while (queue.length) {
      const node = queue.shift()!;
      for (const line of linesOf.get(node) ?? []) {
        lines.push(line);
        const [, predicate, object] = splitTriple(line);
        const follow = object.startsWith('_:') || (node === start && predicate === DISTRIBUTION && object.startsWith('<'));
        if (follow && !seen.has(object)) {
          seen.add(object);
          queue.push(object);
        }
      }
    }
    const block = lines.length ? `${lines.join('\n')}\n` : '';
    const length = Buffer.byteLength(block, 'utf8');
    ranges[iri] = [offset, length];
    offset += length;
    blocks.push(block);
  }
  return { text: blocks.join(''), ranges };
}
