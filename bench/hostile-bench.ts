/**
 * Hostile load (issue 9): a publisher's catalogue PUTs while 8 clients send the worst bodies of the hostile suite,
 * against the same PUTs on a quiet server (target: at most 3×); and the server's RSS before and after rounds of
 * those bodies (target: at most 1.5× after, measured once they stop). Printed as a table.
 *
 *   node dist/bench/hostile-bench.js [--datasets 1000] [--rounds 5] [--clients 8] [--hostile-seconds 120] [--one-address]
 *
 * Each hostile client sends from its own loopback address (127.0.0.10, .11, …) and the server keeps its default
 * per-client limits: eight clients are eight addresses, each held to its own limits, as on the internet.
 * `--one-address` is the stress variant: every client from 127.0.0.1 with the per-client limits off, so one client
 * sends eight clients' worth of worst cases unchecked.
 *
 * Try it small (--datasets 50 --rounds 2 --hostile-seconds 10); the full run takes minutes on 2 cores.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchServer, ADMIN_TOKEN, DEFAULT_CLIENT_LIMITS, killAllServers } from './server-process.js';
import { benchOptions, positiveInteger } from './cli-options.js';
import { sleep } from './stats.js';
import { HOSTILE_SERVER_ENV } from '../test/hostile/support/server-env.js';
import { hostileClients, WORST_CASES } from '../test/hostile/support/worst-cases.js';
import { median, publisher, publisherToken } from '../test/hostile/support/publisher.js';

interface Options {
  datasets: number;
  rounds: number;
  clients: number;
  hostileSeconds: number;
  oneAddress: boolean;
}

const options = benchOptions<Options>('hostile-bench', (command) =>
  command
    .option('--datasets <n>', 'datasets in the publisher catalogue', positiveInteger, 1000)
    .option('--rounds <n>', 'PUT rounds quiet, and again under load', positiveInteger, 5)
    .option('--clients <n>', 'hostile clients', positiveInteger, 8)
    .option('--hostile-seconds <n>', 'how long the hostile clients send before RSS is measured again', positiveInteger, 120)
    .option('--one-address', 'stress: every hostile client from 127.0.0.1, per-client limits off', false),
);

const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : `${Math.round(bytes / 1024 / 1024)} MB`);
const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-hostile-bench-'));
  const limits = options.oneAddress ? {} : DEFAULT_CLIENT_LIMITS;
  const server = await BenchServer.start({ dataDir, logFile: path.join(dataDir, 'server.log'), env: { ...HOSTILE_SERVER_ENV, MAX_BODY_BYTES: String(64 * 1024 * 1024), ...limits } });
  try {
    const token = await publisherToken(server.url, ADMIN_TOKEN);
    const publishing = publisher(server.url, token, options.datasets);
    const created = await publishing.put(0);
    if (created.status !== 201) throw new Error(`creating the catalogue: ${created.status} ${created.body.slice(0, 500)}`);

    // The first re-PUT builds what later ones compare against: not a quiet time.
    await publishing.put(1);
    const quiet: number[] = [];
    for (let round = 2; round <= options.rounds + 1; round++) {
      const put = await publishing.put(round);
      if (put.status >= 300) throw new Error(`quiet PUT ${round}: ${put.status} ${put.body.slice(0, 500)}`);
      quiet.push(put.ms);
    }
    await sleep(2_000);
    const rssBefore = server.memory()?.rss;

    const clients = hostileClients(server.url, options.clients, { oneAddress: options.oneAddress });
    const started = Date.now();
    const loaded: { ms: number; status: number }[] = [];
    await sleep(1_000);
    for (let round = options.rounds + 2; round <= 2 * options.rounds + 1; round++) {
      const put = await publishing.put(round);
      loaded.push({ ms: put.ms, status: put.status });
    }
    const rest = options.hostileSeconds * 1000 - (Date.now() - started);
    if (rest > 0) await sleep(rest);
    const seen = await clients.stop();
    // What the server keeps once the hostile clients are gone: give threads time to be recycled.
    await sleep(10_000);
    const rssAfter = server.memory()?.rss;
    const peak = server.memory()?.hwm;

    const quietMedian = median(quiet);
    const loadedMax = Math.max(...loaded.map((l) => l.ms));
    const failed = loaded.filter((l) => l.status >= 300).length;
    const rows: [string, string, string, string][] = [
      ['publisher PUT, quiet (median)', ms(quietMedian), '', quiet.map(ms).join(', ')],
      ['publisher PUT, under hostile load (max)', ms(loadedMax), `≤ ${ms(3 * quietMedian)}`, `${(loadedMax / quietMedian).toFixed(2)}× quiet; ${failed} failed; ${loaded.map((l) => ms(l.ms)).join(', ')}`],
      ['RSS before the hostile clients', mb(rssBefore), '', ''],
      ['RSS after they stopped (+10 s)', mb(rssAfter), rssBefore ? `≤ ${mb(1.5 * rssBefore)}` : '', rssBefore && rssAfter ? `${(rssAfter / rssBefore).toFixed(2)}×; peak ${mb(peak)}` : ''],
    ];
    for (const worst of WORST_CASES) {
      const statuses = seen.get(worst.name)!;
      const counts = new Map<number, number>();
      for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
      rows.push([`  ${worst.name}`, `${statuses.length} sent`, 'each 4xx or 503', [...counts].map(([s, n]) => `${s === 0 ? 'no answer' : s}×${n}`).join(', ')]);
    }
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const how = options.oneAddress ? 'one address (127.0.0.1), per-client limits off (stress)' : 'one address each, default per-client limits';
    console.log(`\nhostile bench: ${options.datasets} datasets, ${options.rounds} rounds, ${options.clients} hostile clients (${how}), ${options.hostileSeconds} s of hostile load`);
    console.log(`${'what'.padEnd(widths[0]!)} | ${'measured'.padEnd(widths[1]!)} | ${'target'.padEnd(widths[2]!)} | notes`);
    for (const row of rows) console.log(`${row[0].padEnd(widths[0]!)} | ${row[1].padEnd(widths[1]!)} | ${row[2].padEnd(widths[2]!)} | ${row[3]}`);
  } finally {
    await server.stop(60_000);
    killAllServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  killAllServers();
  console.error(error);
  process.exit(1);
});
