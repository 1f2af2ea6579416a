/** The bounded admission in front of the public threads and replicas: order, the queue bound, the wait bound, leaving. */
import { expect } from 'chai';
import { HttpError } from '../../src/http/errors.js';
import { WorkGate } from '../../src/capacity/work-gate.js';

/** A piece of work that runs until finish() is called, and says when it started. */
function pending() {
  let finish!: () => void;
  let started = false;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      started = true;
      await done;
    },
    finish: () => finish(),
    get started() {
      return started;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('work gate', () => {
  it('runs at most `concurrency` at once and admits the waiting in order', async () => {
    const gate = new WorkGate({ what: 'tests', concurrency: 2, queueLimit: 5, maxWaitMs: 10_000 });
    const jobs = [pending(), pending(), pending(), pending()];
    const runs = jobs.map((job) => gate.run(job.work));
    await tick();
    expect(jobs.map((j) => j.started)).to.deep.equal([true, true, false, false]);
    expect([gate.running, gate.waiting]).to.deep.equal([2, 2]);
    jobs[1]!.finish();
    await tick();
    expect(jobs.map((j) => j.started)).to.deep.equal([true, true, true, false]);
    jobs[0]!.finish();
    jobs[2]!.finish();
    await tick();
    expect(jobs[3]!.started).to.equal(true);
    jobs[3]!.finish();
    await Promise.all(runs);
    expect([gate.running, gate.waiting]).to.deep.equal([0, 0]);
  });

  it('refuses at once with 503 naming PUBLIC_WORK_QUEUE when the queue is full', async () => {
    const gate = new WorkGate({ what: 'tests', concurrency: 1, queueLimit: 1, maxWaitMs: 10_000 });
    const running = pending();
    const waiting = pending();
    const runs = [gate.run(running.work), gate.run(waiting.work)];
    const refused = await gate.run(pending().work).catch((error: HttpError) => error);
    expect(refused).to.be.instanceOf(HttpError);
    expect((refused as HttpError).status).to.equal(503);
    expect((refused as HttpError).details).to.deep.equal({ limit: 'PUBLIC_WORK_QUEUE', value: 1 });
    expect((refused as HttpError).headers['Retry-After']).to.match(/^\d+$/);
    running.finish();
    waiting.finish();
    await Promise.all(runs);
  });

  it('refuses work that waited longer than maxWaitMs, and frees its place in the queue', async () => {
    const gate = new WorkGate({ what: 'tests', concurrency: 1, queueLimit: 1, maxWaitMs: 50 });
    const running = pending();
    const run = gate.run(running.work);
    const late = pending();
    const refused = await gate.run(late.work).catch((error: HttpError) => error);
    expect((refused as HttpError).status).to.equal(503);
    expect((refused as HttpError).details).to.deep.equal({ limit: 'QUERY_TIMEOUT_MS', value: 50 });
    expect(late.started).to.equal(false);
    expect(gate.waiting).to.equal(0);
    running.finish();
    await run;
    expect(gate.running).to.equal(0);
  });

  it('takes waiting work off the queue when its signal aborts, and never runs it', async () => {
    const gate = new WorkGate({ what: 'tests', concurrency: 1, queueLimit: 2, maxWaitMs: 10_000 });
    const running = pending();
    const run = gate.run(running.work);
    const left = pending();
    const controller = new AbortController();
    const leaving = gate.run(left.work, controller.signal).catch((error: Error) => error);
    const next = pending();
    const after = gate.run(next.work);
    controller.abort(new Error('gone'));
    expect(((await leaving) as Error).message).to.equal('gone');
    expect(gate.waiting).to.equal(1);
    running.finish();
    await tick();
    expect(left.started).to.equal(false);
    expect(next.started).to.equal(true);
    next.finish();
    await Promise.all([run, after]);
    expect(gate.running).to.equal(0);
  });

  it('follows a concurrency that changes: work waits while it is 0 and starts once it grows, none past it', async () => {
    let places = 0;
    const gate = new WorkGate({ what: 'tests', concurrency: () => places, queueLimit: 5, maxWaitMs: 10_000 });
    const first = pending();
    const second = pending();
    const runs = [gate.run(first.work), gate.run(second.work)];
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(first.started).to.equal(false);
    expect(gate.waiting).to.equal(2);
    places = 1; // a replica is ready again
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(first.started).to.equal(true);
    expect(second.started).to.equal(false);
    places = 0; // and gone again: the running work ends, the next does not start
    first.finish();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(second.started).to.equal(false);
    places = 1;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(second.started).to.equal(true);
    second.finish();
    await Promise.all(runs);
    expect(gate.running).to.equal(0);
  });
});
