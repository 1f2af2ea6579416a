/**
 * Reading a re-sent N-Triples body against the stored catalog's text: whatever the edit, the N-Triples, the lines the
 * text lost and the lines the parser wrote must be what parsing the whole body and diffing would give.
 */
import { expect } from 'chai';
import { parseNTriplesAgainst } from '../../src/rdf/known-lines.js';
import { parseToNTriples } from '../../src/rdf/parse.js';
import { CatalogLines } from '../../src/catalogs/catalog-lines.js';
import { catalogNTriples, datasetNTriples } from '../validation/catalog-generator.js';

const BASE = 'https://data.goteborg.se/katalog';
const parse = (bytes: Uint8Array) => parseToNTriples({ bytes, mediaType: 'application/n-triples', baseIri: BASE });
const sorted = (list: Iterable<string>) => [...new Set(list)].filter(Boolean).sort();

/** A small seeded generator, so a failing edit can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

async function expectSameAsWholeParse(stored: string, body: string, why: string): Promise<void> {
  const known = CatalogLines.of(stored);
  const read = await parseNTriplesAgainst(body, known, parse);
  const whole = await parse(Buffer.from(body));
  expect(read.ok, why).to.equal(whole.ok);
  if (!read.ok || !whole.ok) return;
  expect(sorted(read.ntriples.split('\n')), `${why}: the N-Triples`).to.deep.equal(sorted(whole.ntriples.split('\n')));
  const expected = CatalogLines.of(stored).diff(whole.ntriples);
  expect(sorted(read.lost!), `${why}: lost`).to.deep.equal(sorted(expected.removed));
  expect(sorted(read.fresh.split('\n').filter((l) => !known.has(l))), `${why}: added`).to.deep.equal(sorted(expected.added));
}

describe('reading N-Triples against a known text', function () {
  this.timeout(60_000);
  const stored = catalogNTriples(200, { base: BASE });

  it('finds nothing lost or added in the same text, and parses nothing', async () => {
    let parsed = 0;
    const read = await parseNTriplesAgainst(stored, CatalogLines.of(stored), async (bytes) => (parsed++, parse(bytes)));
    expect(read.ok && read.lost).to.deep.equal([]);
    expect(parsed).to.equal(0);
    expect(read.ok && read.ntriples).to.equal(stored);
  });

  it('gives what a whole parse and a diff give for revised, removed, added, moved and respelled lines', async () => {
    const next = random(7);
    for (let round = 0; round < 25; round++) {
      const blocks = Array.from({ length: 200 }, (_, i) => datasetNTriples(i, { base: BASE }));
      const edits: string[] = [];
      for (let k = 0; k < 1 + Math.floor(next() * 6); k++) {
        const at = Math.floor(next() * blocks.length);
        const kind = Math.floor(next() * 6);
        edits.push(`${kind}@${at}`);
        if (kind === 0) blocks[at] = datasetNTriples(at, { base: BASE, revision: round + 2 });
        else if (kind === 1) blocks.splice(at, 1);
        else if (kind === 2) blocks.splice(at, 0, datasetNTriples(1000 + round * 10 + k, { base: BASE }));
        else if (kind === 3) blocks.push(...blocks.splice(at, 1)); // moved to the end
        else if (kind === 4) blocks[at] = blocks[at]!.replace(' <http://purl.org/dc/terms/title> ', '  <http://purl.org/dc/terms/title>  ');
        else blocks[at] = `# a comment\n\n${blocks[at]}`;
      }
      const shared = stored.slice(0, stored.indexOf(datasetNTriples(0, { base: BASE })));
      await expectSameAsWholeParse(stored, shared + blocks.join(''), `round ${round}: ${edits.join(' ')}`);
    }
  });

  it('reads a body with CR line ends, a duplicated line and nothing in common', async () => {
    await expectSameAsWholeParse(stored, stored.replace(/\n/g, '\r\n'), 'CRLF');
    const lines = stored.split('\n');
    await expectSameAsWholeParse(stored, [...lines.slice(0, 50), lines[10]!, ...lines.slice(50)].join('\n'), 'a line twice');
    await expectSameAsWholeParse(stored, catalogNTriples(50, { base: 'https://example.org/other' }), 'another catalog');
    await expectSameAsWholeParse(stored, '', 'empty');
  });

  it('names the line of the body where a new line does not parse', async () => {
    const lines = stored.split('\n');
    lines.splice(3000, 0, '<https://example.org/x> <https://example.org/p> "open .');
    const read = await parseNTriplesAgainst(lines.join('\n'), CatalogLines.of(stored), parse);
    expect(read.ok).to.equal(false);
    if (!read.ok) expect(read.line).to.equal(3001);
  });

  it('leaves the lost lines unknown when the known text has a line twice', async () => {
    const twice = stored + stored.slice(0, stored.indexOf('\n') + 1);
    const read = await parseNTriplesAgainst(stored, CatalogLines.of(twice), parse);
    expect(read.ok && read.lost).to.equal(undefined);
  });
});
