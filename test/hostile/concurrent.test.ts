import { expect } from 'chai';
import { ADMIN_TOKEN } from '../support/server.js';
import { hostileFamily } from './support/stand.js';
import { hostileClients, WORST_CASES } from './support/worst-cases.js';
import { median, publisher, publisherToken } from './support/publisher.js';

const DATASETS = 1_000;
const QUIET_ROUNDS = 3;
const LOADED_ROUNDS = 3;
const HOSTILE_CLIENTS = 8;

/**
 * The server's own per-client limits (an empty value is the default), which the suite's server otherwise turns off:
 * the 8 hostile clients send from 8 loopback addresses, so each is held to them as it would be on the internet.
 */
const DEFAULT_LIMITS = { RATE_LIMIT_PER_MINUTE: '', COSTLY_RATE_LIMIT_PER_MINUTE: '', COSTLY_CONCURRENCY_PER_CLIENT: '', QUERY_TIME_PER_MINUTE_MS: '' };

hostileFamily('hostile clients beside a publisher', (stand) => {
  it(`keeps a publisher's ${DATASETS}-dataset PUTs within 3× their quiet time while ${HOSTILE_CLIENTS} clients send the worst bodies`, async function () {
    this.timeout(600_000);
    const token = await publisherToken(stand().server.url, ADMIN_TOKEN);
    const publishing = publisher(stand().server.url, token, DATASETS);
    const created = await publishing.put(0);
    expect(created.status, created.body.slice(0, 500)).to.equal(201);

    // The first re-PUT builds what later ones compare against: not a quiet time.
    expect((await publishing.put(1)).status).to.be.within(200, 299);
    const quiet: number[] = [];
    for (let round = 2; round <= QUIET_ROUNDS + 1; round++) {
      const put = await publishing.put(round);
      expect(put.status, put.body.slice(0, 500)).to.be.within(200, 299);
      quiet.push(put.ms);
    }
    const reference = median(quiet);

    const clients = hostileClients(stand().server.url, HOSTILE_CLIENTS);
    const loaded: number[] = [];
    const statuses: number[] = [];
    let seen = new Map<string, number[]>();
    try {
      // Let every client get its first body in before the publisher starts.
      await new Promise((r) => setTimeout(r, 1_000));
      for (let round = QUIET_ROUNDS + 2; round <= QUIET_ROUNDS + LOADED_ROUNDS + 1; round++) {
        // Past twice the allowed time the answer no longer matters: give up rather than wait minutes.
        const put = await publishing.put(round, AbortSignal.timeout(Math.ceil(Math.max(10_000, 6 * reference))));
        statuses.push(put.status);
        loaded.push(put.ms);
      }
    } finally {
      seen = await clients.stop();
    }
    const table = `quiet ${quiet.map(Math.round).join(', ')} ms (median ${Math.round(reference)}); loaded ${loaded.map(Math.round).join(', ')} ms`;
    expect(statuses.every((s) => s >= 200 && s < 300), `${statuses} — ${table}`).to.equal(true);
    for (const ms of loaded) expect(ms, table).to.be.at.most(3 * reference);
    // Every worst case that got an answer was refused: never a 5xx other than 503 at a deadline.
    for (const worst of WORST_CASES) {
      for (const got of seen.get(worst.name)!) expect(got === 0 || got === 503 || (got >= 400 && got < 500), `${worst.name}: ${got}`).to.equal(true);
    }
  });
}, { env: DEFAULT_LIMITS });
