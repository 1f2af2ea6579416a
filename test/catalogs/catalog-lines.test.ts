/**
 * The writer's line sets: a diff must be exactly the lines lost and gained, and a patch must name every blank-node
 * tree that changed.
 */
import { expect } from 'chai';
import { CatalogLines, graphPatch } from '../../src/catalogs/catalog-lines.js';

const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');
const A = '<urn:a> <urn:p> "a" .';
const B = '<urn:b> <urn:p> "b" .';
const C = '<urn:c> <urn:p> "c" .';
/** Unchanged triples, so that a small change stays under the share at which the whole text is loaded instead. */
const FILLER = Array.from({ length: 30 }, (_, i) => `<urn:f${i}> <urn:p> "${i}" .`);
const TREE = ['<urn:d> <urn:contact> _:c1 .', '_:c1 <urn:name> "n" .', '_:c1 <urn:period> _:p1 .', '_:p1 <urn:start> "2020" .'];

describe('catalog lines', () => {
  it('diffs a new text into the lines it loses and gains, duplicates counted once', () => {
    const lines = CatalogLines.of(text(A, B));
    const change = lines.diff(text(B, C, C));
    expect(change).to.deep.equal({ removed: [A], added: [C] });
    const next = lines.advance(text(B, C, C), change);
    expect(next.size).to.equal(2);
    expect(next.has(A)).to.equal(false);
    expect(next.diff(text(B, C))).to.deep.equal({ removed: [], added: [] });
  });

  it('patches plain triples one by one and replaces a changed blank-node tree from its root', () => {
    const before = CatalogLines.of(text(A, B, C, ...FILLER, ...TREE));
    const nextText = text(A, '<urn:b> <urn:p> "b2" .', C, ...FILLER, ...TREE.slice(0, 3), '_:p1 <urn:start> "2021" .');
    const patch = graphPatch(before, nextText, before.diff(nextText))!;
    expect(patch.remove).to.equal(`${B}\n`);
    expect(patch.trees).to.deep.equal({ roots: ['<urn:d>'], depth: 2, ntriples: text(...TREE) });
    expect(patch.add.split('\n').filter(Boolean).sort()).to.deep.equal(
      ['<urn:b> <urn:p> "b2" .', ...TREE.slice(0, 3), '_:p1 <urn:start> "2021" .'].sort(),
    );
  });

  it('loads the whole text instead when a blank node is shared or unreferenced, or the change is large', () => {
    const shared = text(A, ...FILLER, '<urn:x> <urn:q> _:s .', '<urn:y> <urn:q> _:s .', '_:s <urn:p> "s" .');
    const before = CatalogLines.of(shared);
    const next = shared.replace('"s"', '"t"');
    expect(graphPatch(before, next, before.diff(next))).to.equal(undefined);

    const orphan = CatalogLines.of(text(A, B, C, ...FILLER, '_:o <urn:p> "o" .'));
    const nextOrphan = text(A, B, C, ...FILLER, '_:o <urn:p> "o2" .');
    expect(graphPatch(orphan, nextOrphan, orphan.diff(nextOrphan))).to.equal(undefined);

    const small = CatalogLines.of(text(A, B));
    const replaced = text(C, '<urn:e> <urn:p> "e" .');
    expect(graphPatch(small, replaced, small.diff(replaced))).to.equal(undefined);
  });

  it('knows whether its text has a line twice', () => {
    expect(CatalogLines.of(text(A, B)).distinct()).to.equal(true);
    expect(CatalogLines.of(text(A, B, A)).distinct()).to.equal(false);
  });

  it('counts a text with only Latin-1 characters at a byte a character, and one with others at two', () => {
    const swedish = CatalogLines.of(text('<urn:a> <urn:p> "Göteborgs Stad" .'));
    expect(swedish.wide).to.equal(false);
    const dash = '<urn:b> <urn:p> "Miljö — data" .';
    const wider = swedish.advance(text('<urn:a> <urn:p> "Göteborgs Stad" .', dash), { removed: [], added: [dash] });
    expect(wider.wide).to.equal(true);
    expect(wider.bytes).to.be.greaterThan(wider.text.length * 2);
  });
});
