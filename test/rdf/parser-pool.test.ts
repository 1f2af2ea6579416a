/**
 * The parser threads end themselves when they hold more than their memory share (src/memory/pooled-thread.ts); the
 * pool must keep answering, and correctly, across that, including tasks handed to a thread as it ends.
 */
import { expect } from 'chai';
import { ParserPool } from '../../src/rdf/parser-pool.js';
import { catalogNTriples } from '../validation/catalog-generator.js';
import { withDeadline } from '../../src/deadlines/work-deadline.js';

describe('parser pool', function () {
  this.timeout(120_000);

  it('keeps parsing correctly while its threads are replaced', async () => {
    // 1 MB for both threads: each is past its share after every parse of this catalog.
    const pool = new ParserPool({ memoryBytes: 1024 * 1024 });
    try {
      const text = catalogNTriples(1000); // 39,016 triples
      const bytes = Buffer.from(text);
      const expected = text.split('\n').filter(Boolean).sort();
      for (let round = 0; round < 16; round++) {
        // Two at a time, so both threads pass the limit and are replaced while requests keep coming.
        const outcomes = await Promise.all([0, 1].map(() => pool.parse({ bytes, mediaType: 'application/n-triples', baseIri: 'http://example.org/' })));
        for (const outcome of outcomes) {
          expect(outcome.ok, `round ${round}`).to.equal(true);
          if (outcome.ok) expect(outcome.ntriples.split('\n').filter(Boolean).sort()).to.deep.equal(expected);
        }
      }
      expect(pool.memory().recycled).to.be.greaterThan(16);
    } finally {
      await pool.close();
    }
  });

  it('runs again, with a fresh start port, a task whose thread ended under it', async () => {
    // One thread, past its share after every parse, and tasks queued behind each other: each next task is handed to
    // the thread as it ends and must be run again. Each carries the port that starts its deadline, which is
    // transferred to the thread: sending the same port again failed the task with a DataCloneError (a write's 500).
    const pool = new ParserPool({ memoryBytes: 1, threads: 1, quickThread: false });
    try {
      const text = catalogNTriples(300);
      const bytes = Buffer.from(text);
      const policy = { baseMs: 60_000, perMbMs: 0 };
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => withDeadline(policy, 'parse', bytes.length, undefined, (control) => pool.parse({ bytes, mediaType: 'application/n-triples', baseIri: 'http://example.org/' }, control))),
      );
      for (const outcome of outcomes) expect(outcome.ok).to.equal(true);
      expect(pool.memory().recycled).to.be.at.least(4);
    } finally {
      await pool.close();
    }
  });
});
