import os from 'node:os';
import type { QueryTiming } from './in-process.js';
import { int, type Summary } from './stats.js';

/** Formatting of the results as Markdown. */

export interface Machine {
  cpu: string;
  cpus: number;
  memory: number;
  os: string;
  node: string;
  oxigraph: string;
  /** 1-minute load average when the run started and when it ended: other work on the machine skews every figure. */
  loadAverage: { start: number; max: number; end: number };
}

export function describeMachine(oxigraphVersion: string, load: { start: number; max: number }): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memory: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    oxigraph: oxigraphVersion,
    loadAverage: { ...load, end: os.loadavg()[0]! },
  };
}

export interface BenchResult {
  date: string;
  command: string;
  machine: Machine;
  data: { quads: number; graphs: number; datasets: number; bytes: number; generateMs: number; reused: boolean };
  inProcess: {
    totalMs: number;
    loadMs: number;
    quads: number;
    rssDelta: number;
    externalDelta: number;
    heapUsedDelta: number;
    queries: QueryTiming[];
    updates: Summary;
    /** Oxigraph's store.size, which the server's write path calls. */
    sizeCall: Summary;
  };
  server: {
    replicas: number;
    compactJournalBytes: string;
    firstStartMs: number;
    /** RSS of the freshly started server with an empty store. */
    emptyRss: number;
    httpLoadMs: number;
    putRequests: Summary;
    slowestPut: { graph: string; ms: number };
    compactionWaitMs: number;
    snapshotsCommitted: number;
    afterLoad: { rss: number; hwm: number; journalBytes: number; snapshotBytes: number };
    stopMs: number;
    stopCode: string;
    /** Journal bytes when SIGTERM was sent, graphs snapshotted during the stop, journal bytes left after it. */
    journalBeforeStop: number;
    stopSnapshotGraphs: number;
    journalAfterStop: number;
    restartMs: number;
    /** Of restartMs: until the process logged that it listens (Node start, module loading). */
    restartListenMs: number;
    /** Spawn → the last replica's "replica ready" line (the server serves from the first; the others load after). */
    allReplicasMs: number;
    storeLoadedMs: number | undefined;
    replicaInits: { replica: string; ms: number; replayed: number; graphs: number; quads: number; readyAt: string }[];
    quadsAfterRestart: number;
    afterRestart: { rss: number; hwm: number };
    queries: QueryTiming[];
    writes: { update: Summary; put: Summary };
    /** GET /healthz round trip: HTTP without a replica. */
    httpFloor: Summary;
    /** A journal-sized append + fdatasync on the same disk. */
    fsyncFloor: Summary;
    afterWrites: { rss: number; hwm: number };
    problems: string[];
  };
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const s = (valueMs: number) => (valueMs / 1000).toFixed(1);
const signedMs = (value: number) => `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const perQuad = (bytes: number, quads: number) => (bytes / quads).toFixed(0);
const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const meets = (ok: boolean) => (ok ? 'met' : '**missed**');

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function machineLine(m: Machine): string {
  return `${m.cpu} × ${m.cpus} CPUs, ${gib(m.memory)} RAM, ${m.os}, Node ${m.node}, oxigraph ${m.oxigraph}; 1-min load average ${m.loadAverage.start.toFixed(1)} at start, ${m.loadAverage.max.toFixed(1)} at most, ${m.loadAverage.end.toFixed(1)} at end`;
}

/** The summary table: one line per figure, with the target where there is one. */
export function summaryTable(r: BenchResult): string {
  const restartRatio = r.server.restartMs / r.inProcess.totalMs;
  const perReplica = r.server.afterRestart.rss / r.server.replicas;
  const lines = [
    row(['figure', 'value', 'target']),
    row(['---', '---:', '---']),
    row(['quads (graphs, datasets)', `${int(r.data.quads)} (${r.data.graphs}, ${int(r.data.datasets)})`, '']),
    row(['N-Triples size', mib(r.data.bytes), '']),
    row(['in-process load (read files + `store.load`)', `${s(r.inProcess.totalMs)} s (load alone ${s(r.inProcess.loadMs)} s)`, '']),
    row(['HTTP load (sequential `PUT /store?graph=`)', `${s(r.server.httpLoadMs)} s (${ratio(r.server.httpLoadMs / r.inProcess.totalMs)} in-process)`, '']),
    row(['restart until `/healthz` 200', `${s(r.server.restartMs)} s (log "store loaded": ${r.server.storeLoadedMs === undefined ? 'n/a' : `${s(r.server.storeLoadedMs)} s`}; all ${r.server.replicas} replicas loaded: ${s(r.server.allReplicasMs)} s)`, '']),
    row(['restart / in-process load', ratio(restartRatio), `≤ 1.5× — ${meets(restartRatio <= 1.5)}`]),
    row([`server RSS after restart (${r.server.replicas} replicas)`, `${mib(r.server.afterRestart.rss)} = ${perQuad(r.server.afterRestart.rss, r.data.quads)} B/quad; per replica ${perQuad(perReplica, r.data.quads)} B/quad`, '']),
    row(['server RSS after restart minus empty server', `${perQuad(r.server.afterRestart.rss - r.server.emptyRss, r.data.quads)} B/quad; per replica ${perQuad((r.server.afterRestart.rss - r.server.emptyRss) / r.server.replicas, r.data.quads)} B/quad`, '']),
    row(['server peak RSS (VmHWM) after restart', `${mib(r.server.afterRestart.hwm)} = ${perQuad(r.server.afterRestart.hwm, r.data.quads)} B/quad`, '']),
    row(['in-process memory delta (rss / external)', `${perQuad(r.inProcess.rssDelta, r.data.quads)} / ${perQuad(r.inProcess.externalDelta, r.data.quads)} B/quad`, '']),
  ];
  for (const [i, http] of r.server.queries.entries()) {
    const local = r.inProcess.queries[i]!;
    const q = http.summary.median / local.summary.median;
    lines.push(
      row([
        `query: ${http.name} — median / p95 (in-process → HTTP)`,
        `${ms(local.summary.median)} / ${ms(local.summary.p95)} → ${ms(http.summary.median)} / ${ms(http.summary.p95)} ms (${ratio(q)}, ${signedMs(http.summary.median - local.summary.median)} ms)`,
        `≤ 1.15× — ${meets(q <= 1.15)}`,
      ]),
    );
  }
  const w = r.server.writes;
  lines.push(
    row(['write: one-triple `INSERT DATA` over HTTP, median / p95', `${ms(w.update.median)} / ${ms(w.update.p95)} ms`, `median < 10 ms — ${meets(w.update.median < 10)}`]),
    row(['write: one-triple `PUT` of a small graph, median / p95', `${ms(w.put.median)} / ${ms(w.put.p95)} ms`, `median < 10 ms — ${meets(w.put.median < 10)}`]),
    row(['(reference) `store.update` in-process, median / p95', `${ms(r.inProcess.updates.median)} / ${ms(r.inProcess.updates.p95)} ms`, '']),
    row(['(reference) `store.size` in-process, median (no longer on the write path)', `${ms(r.inProcess.sizeCall.median)} ms`, '']),
    row(['(reference) append 300 B + fdatasync, median / p95', `${ms(r.server.fsyncFloor.median)} / ${ms(r.server.fsyncFloor.p95)} ms`, '']),
    row(['(reference) `GET /healthz` round trip, median / p95', `${ms(r.server.httpFloor.median)} / ${ms(r.server.httpFloor.p95)} ms`, '']),
  );
  return lines.join('\n');
}

export function queryTable(r: BenchResult): string {
  const lines = [
    row(['query', 'result bytes', 'in-process median', 'in-process p95', 'HTTP median', 'HTTP p95', 'HTTP / in-process (median)', 'HTTP − in-process (median)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const [i, http] of r.server.queries.entries()) {
    const local = r.inProcess.queries[i]!;
    lines.push(
      row([
        http.name,
        int(http.bytes),
        `${ms(local.summary.median)} ms`,
        `${ms(local.summary.p95)} ms`,
        `${ms(http.summary.median)} ms`,
        `${ms(http.summary.p95)} ms`,
        ratio(http.summary.median / local.summary.median),
        `${signedMs(http.summary.median - local.summary.median)} ms`,
      ]),
    );
  }
  return lines.join('\n');
}

export function serverDetails(r: BenchResult): string {
  const sv = r.server;
  const inits = sv.replicaInits
    .map((i) => `${i.replica} ${s(i.ms)} s, ready at ${i.readyAt.slice(11, 23)} (${i.graphs} snapshot graphs, ${i.replayed} journal records replayed)`)
    .join('; ');
  const initMs = sv.replicaInits.map((i) => i.ms);
  const parallel = initMs.length > 1 ? ` — slowest ${s(Math.max(...initMs))} s, sum ${s(initMs.reduce((a, b) => a + b, 0))} s; all replicas ready ${s(sv.allReplicasMs)} s after spawn` : '';
  return [
    `- Server: ${sv.replicas} replicas, COMPACT_JOURNAL_BYTES ${sv.compactJournalBytes}; first start on an empty DATA_DIR ${s(sv.firstStartMs)} s, RSS of the empty server ${mib(sv.emptyRss)}.`,
    `- HTTP load: ${r.data.graphs} PUTs, median ${ms(sv.putRequests.median)} ms, p95 ${ms(sv.putRequests.p95)} ms, slowest ${ms(sv.slowestPut.ms)} ms; then ${s(sv.compactionWaitMs)} s until compaction was quiet (${sv.snapshotsCommitted} snapshots committed).`,
    `- After the load: RSS ${mib(sv.afterLoad.rss)}, peak ${mib(sv.afterLoad.hwm)}; journal ${mib(sv.afterLoad.journalBytes)}, snapshots ${mib(sv.afterLoad.snapshotBytes)} on disk.`,
    `- SIGTERM → exit ${s(sv.stopMs)} s (${sv.stopCode}); journal ${mib(sv.journalBeforeStop)} at SIGTERM, ${sv.stopSnapshotGraphs} graphs snapshotted during the stop, journal ${mib(sv.journalAfterStop)} after.`,
    `- Restart: listening after ${s(sv.restartListenMs)} s, /healthz 200 after ${s(sv.restartMs)} s; replica init: ${inits || 'n/a'}${parallel}; ${int(sv.quadsAfterRestart)} quads reported.`,
    `- After the writes: RSS ${mib(sv.afterWrites.rss)}, peak ${mib(sv.afterWrites.hwm)}.`,
    `- In-process store: rss +${mib(r.inProcess.rssDelta)}, external +${mib(r.inProcess.externalDelta)}, heapUsed ${r.inProcess.heapUsedDelta < 0 ? '−' : '+'}${mib(Math.abs(r.inProcess.heapUsedDelta))}.`,
    sv.problems.length ? `- Server warnings/errors:\n${sv.problems.map((p) => `  - \`${p}\``).join('\n')}` : '- Server warnings/errors: none.',
  ].join('\n');
}

export function fullReport(r: BenchResult): string {
  return [
    `## ${int(r.data.quads)} quads — ${r.date}`,
    '',
    `Machine: ${machineLine(r.machine)}`,
    '',
    `Command: \`${r.command}\``,
    '',
    summaryTable(r),
    '',
    queryTable(r),
    '',
    serverDetails(r),
    '',
  ].join('\n');
}
