/**
 * Store benchmark: Oxigraph in process vs the real server over HTTP (load, restart, memory, queries, writes).
 * Run with `npm run bench -- --quads 1000000`; see bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { storeBenchOptions, type BenchOptions } from './cli-options.js';
import { generateDcat, type GeneratedData } from './generate-dcat.js';
import { loadInProcess, queryInProcess, updatesInProcess } from './in-process.js';
import { loadOverHttp, queryOverHttp, writesOverHttp } from './over-http.js';
import { queryMix } from './queries.js';
import { BenchServer, journalSegments, killAllServers, type LogLine } from './server-process.js';
import { describeMachine, fullReport, type BenchResult } from './report.js';
import { appendAndSync, httpRoundTrip, storeSize } from './floors.js';
import { collectGarbage, directoryBytes, now, sleep, timed } from './stats.js';

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function oxigraphVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = path.join(path.dirname(require.resolve('oxigraph')), 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function every(n: number): (done: number, total: number) => void {
  return (done, total) => {
    if (done % n === 0 || done === total) progress(`  ${done}/${total} graphs`);
  };
}

/** Wait until no compaction is pending: at most one journal segment and no new snapshot for `quietMs`. */
async function waitForCompaction(server: BenchServer, dataDir: string, quietMs = 2000, timeoutMs = 600_000): Promise<number> {
  const started = now();
  const state = () => `${journalSegments(dataDir).join(',')}|${server.lines.filter((l) => l.msg === 'snapshot committed').length}`;
  let last = state();
  let stableSince = now();
  while (now() - started < timeoutMs) {
    await sleep(100);
    const current = state();
    if (current !== last) {
      last = current;
      stableSince = now();
    } else if (journalSegments(dataDir).length <= 1 && now() - stableSince >= quietMs) {
      break;
    }
  }
  return now() - started - quietMs;
}

/**
 * Each replica's init from its "replica ready" line. Replicas initialise in parallel, and the server's "loading graphs"
 * progress lines do not name the replica, so the time spent replaying the journal is not split out here; the
 * number of journal records each replayed is (0 after a clean stop, which snapshots every changed graph).
 */
function replicaInits(lines: LogLine[]): BenchResult['server']['replicaInits'] {
  return lines
    .filter((line) => line.msg === 'replica ready')
    .map((line) => ({
      replica: String(line.replica),
      ms: Number(line.ms),
      replayed: Number(line.replayed),
      graphs: Number(line.graphs),
      quads: Number(line.quads),
      readyAt: String(line.time),
    }));
}

function problemLines(...servers: BenchServer[]): string[] {
  return servers.flatMap((server) => server.problems().map((l) => JSON.stringify(l)));
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const date = new Date().toISOString();
  // Other work on the machine skews every figure: keep the 1-minute load average through the run.
  const load = { start: os.loadavg()[0]!, max: os.loadavg()[0]! };
  const loadSampler = setInterval(() => (load.max = Math.max(load.max, os.loadavg()[0]!)), 5000).unref();
  const runDir = path.join(options.out, `run-${options.quads}-${date.replace(/[:.]/g, '-')}`);
  const dataDir = path.join(runDir, 'data-dir');
  fs.mkdirSync(runDir, { recursive: true });
  const serverEnv = options.replicas ? { QUERY_WORKERS: String(options.replicas) } : {};

  progress(`generating ~${options.quads.toLocaleString('en-US')} quads in ${options.catalogs} catalog graphs`);
  const generated = await timed(() => generateDcat(path.join(options.out, `dcat-${options.quads}-${options.catalogs}`), options.quads, options.catalogs));
  const data: GeneratedData = generated.value;
  const queries = queryMix(data.sampleDataset);
  progress(`${generated.value.reused ? 'reused' : 'generated'} ${data.quads.toLocaleString('en-US')} quads, ${(data.bytes / 2 ** 20).toFixed(0)} MiB, in ${(generated.ms / 1000).toFixed(1)} s`);

  progress('in-process: loading');
  const local = loadInProcess(data, every(10));
  progress(`in-process: ${local.quads} quads in ${(local.totalMs / 1000).toFixed(1)} s; querying`);
  const localQueries = await queryInProcess(local.store, queries, options.runs);
  const localUpdates = await updatesInProcess(local.store, options.writes);
  const sizeCall = await storeSize(local.store, 5);
  (local.store as unknown as { free?: () => void }).free?.();
  collectGarbage();

  progress('server: first start on an empty DATA_DIR');
  const first = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server-1.log'), env: serverEnv });
  const replicas = Number((await first.health()).replicas);
  await sleep(1000);
  const emptyMemory = first.memory() ?? { rss: NaN, hwm: NaN };
  progress(`server: loading ${data.files.length} graphs over HTTP`);
  const httpLoad = await loadOverHttp(first.url, data, every(10));
  progress(`server: HTTP load took ${(httpLoad.totalMs / 1000).toFixed(1)} s; waiting for compaction`);
  const compactionWaitMs = await waitForCompaction(first, dataDir);
  const afterLoadMemory = first.memory() ?? { rss: NaN, hwm: NaN };
  const afterLoad = {
    ...afterLoadMemory,
    journalBytes: directoryBytes(path.join(dataDir, 'journal')),
    snapshotBytes: directoryBytes(path.join(dataDir, 'snapshots')),
  };
  const snapshotsCommitted = first.lines.filter((l) => l.msg === 'snapshot committed').length;
  const journalBeforeStop = directoryBytes(path.join(dataDir, 'journal'));
  const linesBeforeStop = first.lines.length;
  const stopped = await first.stop();
  // A clean stop snapshots the graphs changed since the last snapshot, so the restart replays no journal.
  const stopSnapshots = first.lines.slice(linesBeforeStop).filter((l) => l.msg === 'snapshot committed');
  progress(`server: stopped in ${(stopped.ms / 1000).toFixed(1)} s; restarting`);

  const second = await BenchServer.start({ dataDir, logFile: path.join(runDir, 'server-2.log'), env: serverEnv });
  progress(`server: ready again after ${(second.readyMs / 1000).toFixed(1)} s; waiting for the other replicas`);
  // The server serves once the first replica is loaded and loads the others after it: measure with all of them.
  const allReplicasMs = await second.allReplicasReady();
  progress(`server: all replicas ready after ${(allReplicasMs / 1000).toFixed(1)} s`);
  await sleep(1000); // let the post-start garbage settle before reading RSS
  const afterRestart = second.memory() ?? { rss: NaN, hwm: NaN };
  const quadsAfterRestart = Number((await second.health()).quads);
  if (quadsAfterRestart !== data.quads) progress(`WARNING: the server reports ${quadsAfterRestart} quads after restart, expected ${data.quads}`);
  progress('server: querying');
  const httpQueries = await queryOverHttp(second.url, queries, options.runs);
  const httpFloor = await httpRoundTrip(second.url, options.runs);
  const fsyncFloor = await appendAndSync(runDir, options.writes);
  progress('server: writing');
  const writes = await writesOverHttp(second.url, options.writes);
  const afterWrites = second.memory() ?? { rss: NaN, hwm: NaN };
  const problems = problemLines(first, second);
  await second.stop();

  clearInterval(loadSampler);
  if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    date,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: describeMachine(oxigraphVersion(), load),
    data: { quads: data.quads, graphs: data.files.length, datasets: data.datasets, bytes: data.bytes, generateMs: generated.ms, reused: generated.value.reused },
    inProcess: {
      totalMs: local.totalMs,
      loadMs: local.loadMs,
      quads: local.quads,
      rssDelta: local.memory.rssDelta,
      externalDelta: local.memory.externalDelta,
      heapUsedDelta: local.memory.heapUsedDelta,
      queries: localQueries,
      updates: localUpdates,
      sizeCall,
    },
    server: {
      replicas,
      compactJournalBytes: process.env.COMPACT_JOURNAL_BYTES ?? 'default',
      firstStartMs: first.readyMs,
      emptyRss: emptyMemory.rss,
      httpLoadMs: httpLoad.totalMs,
      putRequests: httpLoad.requests,
      slowestPut: httpLoad.slowest,
      compactionWaitMs,
      snapshotsCommitted,
      afterLoad,
      stopMs: stopped.ms,
      stopCode: stopped.signal ? `signal ${stopped.signal}` : `exit code ${stopped.code}`,
      journalBeforeStop,
      stopSnapshotGraphs: stopSnapshots.reduce((n, l) => n + Number(l.graphs ?? 0), 0),
      journalAfterStop: directoryBytes(path.join(dataDir, 'journal')),
      restartMs: second.readyMs,
      restartListenMs: second.listenMs,
      allReplicasMs,
      storeLoadedMs: second.logLine('store loaded; ready')?.ms as number | undefined,
      replicaInits: replicaInits(second.lines),
      quadsAfterRestart,
      afterRestart,
      queries: httpQueries,
      writes,
      httpFloor,
      fsyncFloor,
      afterWrites,
      problems,
    },
  };
}

async function main(): Promise<void> {
  const options = storeBenchOptions();
  process.on('exit', killAllServers);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAllServers();
      process.exit(130);
    });
  }
  const result = await run(options);
  const report = fullReport(result);
  const stem = path.join(options.out, `results-${result.data.quads}-${result.date.replace(/[:.]/g, '-')}`);
  fs.writeFileSync(`${stem}.md`, report);
  fs.writeFileSync(`${stem}.json`, JSON.stringify(result, null, 1));
  process.stdout.write(`\n${report}\n`);
  progress(`written ${stem}.md and .json`);
}

main().catch((error: unknown) => {
  killAllServers();
  process.stderr.write(`benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
