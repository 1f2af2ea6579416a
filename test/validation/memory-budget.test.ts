/**
 * Validation threads under a small MEMORY_BUDGET_MB (src/validation/catalog-validator.ts, lanesFor and cacheTriples):
 * fewer threads when the share does not hold two with their compiled profiles, and catalogue indexes bounded by what
 * the share leaves; a catalogue whose index was dropped is validated whole, with the same answer.
 */
import os from 'node:os';
import { expect } from 'chai';
import { CatalogValidator, COMPILED_PROFILES_BYTES, lanesFor } from '../../src/validation/catalog-validator.js';
import { catalogNTriples } from './catalog-generator.js';

const MB = 1024 * 1024;
const cores = Math.min(2, os.availableParallelism());

function lineChange(stored: string, next: string): { removed: string; added: string } {
  const before = new Set(stored.split('\n').filter(Boolean));
  const after = new Set(next.split('\n').filter(Boolean));
  const removed = [...before].filter((line) => !after.has(line));
  const added = [...after].filter((line) => !before.has(line));
  return { removed: removed.map((l) => `${l}\n`).join(''), added: added.map((l) => `${l}\n`).join('') };
}

describe('validation under a memory budget', function () {
  this.timeout(180_000);

  it('runs one thread when the share does not give two threads twice their compiled profiles', () => {
    expect(lanesFor(undefined)).to.equal(cores);
    expect(lanesFor(600 * MB)).to.equal(1);
    expect(lanesFor(4 * COMPILED_PROFILES_BYTES)).to.equal(cores);
  });

  it('a validator given such a share has one thread', async () => {
    const small = new CatalogValidator({ memoryBytes: 600 * MB, compileAtStart: false });
    try {
      expect(small.threads).to.equal(1);
    } finally {
      await small.close();
    }
  });

  describe('with room for one catalogue index of 200 datasets', () => {
    // About 7,900 triples a catalogue; 12,000 kept triples hold one, not two.
    const validator = new CatalogValidator({ memoryBytes: COMPILED_PROFILES_BYTES + 12_000 * 2 * 400 });
    const reference = new CatalogValidator({ threads: 1, cacheTriples: 0 });
    const a = catalogNTriples(200, { base: 'http://example.org/a' });
    const b = catalogNTriples(200, { base: 'http://example.org/b' });
    after(async () => {
      await validator.close();
      await reference.close();
    });

    it('drops the least recently used index, and validates that catalogue whole with the same report', async () => {
      expect(validator.threads).to.equal(1);
      const firstA = await validator.validate('dcat-ap-3', a);
      const firstB = await validator.validate('dcat-ap-3', b);

      // B's index is kept: a change to it is patched.
      const nextB = catalogNTriples(200, { base: 'http://example.org/b', datasets: { 5: { revision: 2 } } });
      const patched = await validator.validateChange('dcat-ap-3', b, nextB, lineChange(b, nextB), firstB.digests);
      expect(patched.path).to.equal('patch');
      expect(patched.validatedDatasets).to.equal(1);

      // A's index was dropped for B's: a change to A, one that breaks a dataset, is validated from the whole text.
      const nextA = catalogNTriples(200, { base: 'http://example.org/a', datasets: { 7: { withoutTitle: true }, 9: { revision: 3 } } });
      const whole = await validator.validateChange('dcat-ap-3', a, nextA, lineChange(a, nextA), firstA.digests);
      expect(whole.path).to.equal('full');
      const expected = await reference.validate('dcat-ap-3', nextA);
      expect(whole.report.conforms).to.equal(false);
      expect(whole.report).to.deep.equal(expected.report);
    });
  });
});
