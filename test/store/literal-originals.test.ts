/**
 * The written forms of literals Oxigraph rewrites, kept per graph so documents read back as written. The normaliser
 * here stands in for Oxigraph (xsd:nonNegativeInteger → xsd:integer without leading zeros), so each case can say what
 * the store holds.
 */
import { expect } from 'chai';
import { LiteralOriginals } from '../../src/store/literal-originals.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const nonNegative = (s: string, n: string) => `<urn:s:${s}> <urn:p> "${n}"^^<${XSD}nonNegativeInteger> .`;
const integer = (s: string, n: string) => `<urn:s:${s}> <urn:p> "${n}"^^<${XSD}integer> .`;
/** What the store would hold for a literal. */
const normalize = (literals: string[]) =>
  literals.map((l) => l.replace(/^"0*(\d+)"\^\^<[^>]+(nonNegativeInteger|integer)>$/, (_, digits: string) => `"${digits}"^^<${XSD}integer>`));
const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
/** The store's dump: every line as the normaliser stores it, duplicates merged. */
const dump = (lines: string[]) =>
  text([...new Set(lines.map((l) => l.replace(/"[^"]*"\^\^<[^>]+>/, (lit) => normalize([lit])[0]!)))]);

describe('literal originals', () => {
  const written = Array.from({ length: 1000 }, (_, i) => nonNegative(String(i), `0${i}`));

  it('gives back every written form of a large graph, across all its buckets', () => {
    const originals = new LiteralOriginals();
    originals.record('g', text(written), normalize);
    expect(originals.restore('g', dump(written)).split('\n').filter(Boolean).sort()).to.deep.equal([...written].sort());
  });

  it('keeps a stored literal while another written form of it stays, counting the canonical form too', () => {
    const originals = new LiteralOriginals();
    const both = [integer('a', '01'), integer('a', '1')];
    originals.record('g', text(both), normalize);
    expect(originals.restore('g', dump(both)).split('\n').filter(Boolean).sort()).to.deep.equal([...both].sort());
    const staying = originals.remove('g', text([integer('a', '1')]), normalize);
    expect([...staying]).to.deep.equal([integer('a', '1')]);
    expect(originals.restore('g', dump(both))).to.equal(text([integer('a', '01')]));
    const gone = originals.remove('g', text([integer('a', '01')]), normalize);
    expect(gone.size).to.equal(0);
    expect(originals.has('g')).to.equal(false);
  });

  it('counts a canonical form the store already held when an addition brings another form of it', () => {
    const originals = new LiteralOriginals();
    originals.record('g', text([integer('a', '1')]), normalize);
    expect(originals.has('g'), 'a canonical form alone needs nothing kept').to.equal(false);
    originals.record('g', text([integer('a', '001')]), normalize, (asked) => asked.map((t) => t.subject === '<urn:s:a>'));
    expect(originals.restore('g', dump([integer('a', '1')])).split('\n').filter(Boolean).sort()).to.deep.equal([integer('a', '001'), integer('a', '1')].sort());
  });

  it('survives export and import, also from the older list-only form', () => {
    const originals = new LiteralOriginals();
    originals.record('g', text(written), normalize);
    const copy = new LiteralOriginals();
    copy.import('g', originals.export('g'));
    expect(copy.restore('g', dump(written))).to.equal(originals.restore('g', dump(written)));
    const older = new LiteralOriginals();
    older.import('g', [[`<urn:s:x> <urn:p> "5"^^<${XSD}integer>`, [`"05"^^<${XSD}nonNegativeInteger>`]]]);
    expect(older.restore('g', text([integer('x', '5')]))).to.equal(text([nonNegative('x', '05')]));
  });
});
