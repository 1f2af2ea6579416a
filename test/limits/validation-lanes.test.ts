/**
 * A validation stopped while it runs (its deadline, or its client gone) has its lane's thread terminated and replaced;
 * the fresh thread keeps no catalogue indexes, and its own index versions start again from 1. The validator must
 * forget what the old thread kept, or a later write could be validated as a patch of another text's index.
 */
import { expect } from 'chai';
import { CatalogValidator } from '../../src/validation/catalog-validator.js';
import { ClientGone, DeadlineExceeded } from '../../src/deadlines/work-deadline.js';
import { catalogNTriples } from '../validation/catalog-generator.js';

const PROFILE = 'dcat-ap-se';

describe('validation lanes after a stopped validation', function () {
  this.timeout(180_000);
  let validator: CatalogValidator;
  before(async () => {
    validator = new CatalogValidator({ threads: 1 });
    await validator.ready();
  });
  after(async () => validator.close());

  it('validates the next write of a catalogue correctly after its lane was terminated', async () => {
    const stored = catalogNTriples(20);
    // Another text of the same catalogue, of the same length: dataset 0's Swedish title differs by one letter.
    const other = stored.replace('"Datamängd 0"@sv', '"Datamängx 0"@sv');
    expect(other).to.not.equal(stored);
    expect(other.length).to.equal(stored.length);
    // The write to validate: `stored` without dataset 0's titles, which is a violation.
    const titleLines = stored.split('\n').filter((line) => line.includes('"Datamängd 0"@sv') || line.includes('"Dataset 0"@en'));
    expect(titleLines).to.have.length(2);
    const next = stored.split('\n').filter((line) => !titleLines.includes(line)).join('\n');
    const change = { removed: titleLines.map((line) => `${line}\n`).join(''), added: '' };

    const first = await validator.validate(PROFILE, stored);
    expect(first.report.conforms).to.equal(true);

    // Stop a long validation while it runs: the lane's thread is terminated.
    const client = new AbortController();
    const stopped = validator.validate(PROFILE, catalogNTriples(3000), undefined, { keepIndex: false, signal: client.signal });
    setTimeout(() => client.abort(), 150);
    const error = await stopped.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ClientGone);

    // The fresh thread keeps an index of the other text, under its first version number, as the old thread did.
    const again = await validator.validate(PROFILE, other);
    expect(again.report.conforms).to.equal(true);

    // The write from `stored` must be judged on `next` itself, not as a patch of the other text's index.
    const outcome = await validator.validateChange(PROFILE, stored, next, change, first.digests);
    const fresh = new CatalogValidator({ threads: 1 });
    const whole = await fresh.validate(PROFILE, next).finally(() => fresh.close());
    expect(outcome.report.conforms).to.equal(false);
    expect(outcome.report.results.filter((r) => r.severity === 'Violation').map((r) => r.message)).to.deep.equal(
      whole.report.results.filter((r) => r.severity === 'Violation').map((r) => r.message),
    );
  });

  it('answers a stopped validation with ClientGone and keeps validating afterwards', async () => {
    const client = new AbortController();
    client.abort();
    const error = await validator.validate(PROFILE, catalogNTriples(5), undefined, { signal: client.signal }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ClientGone);
    const after = await validator.validate(PROFILE, catalogNTriples(5));
    expect(after.report.conforms).to.equal(true);
  });

  it('stops a validation at its deadline, counted from when its thread starts', async () => {
    const strict = new CatalogValidator({ threads: 1, deadline: { baseMs: 200, perMbMs: 0 } });
    try {
      await strict.ready();
      const started = performance.now();
      const error = await strict.validate(PROFILE, catalogNTriples(3000)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(DeadlineExceeded);
      expect(error).to.include({ work: 'validation', deadlineMs: 200 });
      expect((error as Error).message).to.contain('PARSE_TIMEOUT_MS = 200');
      expect(performance.now() - started).to.be.below(5000);
    } finally {
      await strict.close();
    }
  });
});
