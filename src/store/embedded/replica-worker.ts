import { parentPort } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import ox from 'oxigraph';
import { LiteralOriginals } from '../literal-originals.js';
import { QuadCounts } from './quad-counts.js';
import { readManifest, snapshotDir, graphFileStem, type SnapshotEntry } from './snapshots.js';
import { readJournal } from './journal.js';
import { DEFAULT_GRAPH, type GraphName, type GraphPatch, type WriteOp } from './write-ops.js';
import type { InitResult, QueryDataset, ReplicaControl, ReplicaMessage, ReplicaRequest, SnapshotResult, WriteResult } from './replica-protocol.js';
import { serializeGraph } from '../../rdf/serialize.js';
import { formatByMediaType } from '../../rdf/formats.js';
import { countNewlines } from '../../rdf/ntriples-lines.js';
import { freeWasm } from '../../rdf/wasm-objects.js';
import { measureThread } from '../../memory/thread-memory.js';
import { threadPriorityFor } from '../../capacity/thread-priority.js';
import { writeFileDurablySync } from '../../files/durable-file.js';

/**
 * One replica of the store in its own thread. Oxigraph's calls are synchronous and cannot be cancelled, so they
 * run here, one request at a time in arrival order (which keeps every replica's writes in journal order); the
 * main thread stays free and can terminate this thread when a query overruns.
 */
const port = parentPort!;
const store = new ox.Store();
const originals = new LiteralOriginals();
// Oxigraph's store.size counts quad by quad (55 ms at 1M quads, 362 ms at 5M), so the replica keeps its own count.
const counts = new QuadCounts();
let appliedSeq = 0;

const CHUNK_CHARS = 1 << 20;
const CREDIT = 4;
const queue: ReplicaRequest[] = [];
let working = false;
const credits = new Map<number, { available: number; wake?: () => void; cancelled: boolean }>();

port.on('message', (message: ReplicaRequest | ReplicaControl) => {
  if (message.type === 'ack' || message.type === 'cancel') {
    const credit = credits.get(message.id);
    if (!credit) return;
    if (message.type === 'ack') credit.available++;
    else credit.cancelled = true;
    credit.wake?.();
    return;
  }
  queue.push(message);
  void drain();
});

async function drain(): Promise<void> {
  if (working) return;
  working = true;
  while (queue.length) {
    const request = queue.shift()!;
    // Queries (anyone's SPARQL, and the small SELECTs of pages) and a load beside a serving replica yield the CPU to
    // writes; writes, documents and the rest run at normal priority.
    threadPriorityFor(request.type === 'query' || (request.type === 'init' && request.background) ? 'background' : 'foreground');
    try {
      const value = await handle(request);
      if (value !== STREAMED) send({ id: request.id, type: 'result', value });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const kind = error instanceof CapacityError ? 'capacity' : /^error at \d+:\d+/.test(message) ? 'syntax' : REACHES_OUT.test(message) ? 'unsupported' : 'other';
      send({ id: request.id, type: 'error', message, kind });
    }
    send({ type: 'memory', memory: measureThread() });
  }
  working = false;
}

const STREAMED = Symbol('streamed');

/** Oxigraph's refusals of SERVICE and LOAD: this build has no HTTP client, and the server never reaches out. */
const REACHES_OUT = /^The service <[^>]*> is not supported|HTTP client is not available/;

async function handle(request: ReplicaRequest): Promise<unknown> {
  switch (request.type) {
    case 'init':
      return init(request.dataDir, request.untilSeq, request.id);
    case 'write':
      return write(request);
    case 'query':
      await stream(request.id, runQuery(request.query, request.resultsFormat, request.dataset, request.baseIri));
      return STREAMED;
    case 'render': {
      if (request.requireGraph !== undefined && !graphExists(request.requireGraph)) return { found: false };
      const format = formatByMediaType(request.mediaType);
      if (!format) throw new Error(`no serialiser for ${request.mediaType}`);
      const pieces = request.parts.map((part) => (part.construct ? constructFrom(part.graph, part.construct) : dumpGraph(part.graph)));
      if (request.extra) pieces.push(request.extra);
      await stream(request.id, await serializeGraph(pieces.join(''), format));
      return STREAMED;
    }
    case 'graph-exists':
      return graphExists(request.graph);
    case 'list-graphs':
      return listGraphs();
    case 'snapshot':
      return snapshot(request.dataDir, request.graphs);
  }
}

function send(message: ReplicaMessage, transfer?: ArrayBuffer[]): void {
  port.postMessage(message, transfer);
}

/** Send a large string in chunks, at most CREDIT unacknowledged, so the main thread holds little of it at once. */
async function stream(id: number, text: string): Promise<void> {
  const credit = { available: CREDIT, cancelled: false, wake: undefined as (() => void) | undefined };
  credits.set(id, credit);
  try {
    for (let offset = 0; offset < text.length && !credit.cancelled; offset += CHUNK_CHARS) {
      while (credit.available === 0 && !credit.cancelled) await new Promise<void>((wake) => (credit.wake = wake));
      if (credit.cancelled) break;
      credit.available--;
      const bytes = Buffer.from(text.slice(offset, offset + CHUNK_CHARS), 'utf8');
      const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      send({ id, type: 'chunk', data }, bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? [bytes.buffer as ArrayBuffer] : undefined);
    }
    send({ id, type: 'end' });
  } finally {
    credits.delete(id);
  }
}

function term(graph: GraphName): ox.NamedNode | ox.DefaultGraph {
  return graph === DEFAULT_GRAPH ? ox.defaultGraph() : ox.namedNode(graph);
}

function graphExists(graph: GraphName): boolean {
  if (graph === DEFAULT_GRAPH) return true;
  return store.query(`ASK { GRAPH ${ox.namedNode(graph).toString()} {} }`) === true;
}

function listGraphs(): GraphName[] {
  const json = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g {} }', { results_format: 'json' }) as string;
  const rows = (JSON.parse(json) as { results: { bindings: { g: { type: string; value: string } }[] } }).results.bindings;
  const graphs = rows.filter((row) => row.g.type === 'uri').map((row) => row.g.value);
  // Without the union option a query sees the default graph alone.
  if (store.query('ASK { ?s ?p ?o }') === true) graphs.push(DEFAULT_GRAPH);
  return graphs;
}


class CapacityError extends Error {}

/** Refuse a load that would take the store past the ceiling, before Oxigraph runs out of wasm32 memory. */
function checkCapacity(op: WriteOp, maxQuads: number): void {
  const incoming =
    op.kind === 'replace-graph' || op.kind === 'add-to-graph'
      ? countNewlines(op.ntriples)
      : op.kind === 'patch-graph'
        ? countNewlines(op.add)
      : op.kind === 'replace-graphs'
        ? op.graphs.reduce((n, g) => n + (g.ntriples ? countNewlines(g.ntriples) : 0), 0)
        : 0;
  const leaving =
    op.kind === 'replace-graph' ? counts.of(op.graph) : op.kind === 'patch-graph' ? countNewlines(op.remove) + countNewlines(op.trees.ntriples) : 0;
  if (counts.total - leaving + incoming > maxQuads) {
    throw new CapacityError(
      `This write would bring the store to about ${counts.total - leaving + incoming} quads, past its configured ceiling of ${maxQuads} (MAX_QUADS)`,
    );
  }
}

function dumpGraph(graph: GraphName): string {
  const dump = store.dump({ format: 'nt', from_graph_name: term(graph) });
  return originals.restore(graph, dump);
}

function constructFrom(graph: GraphName, construct: string): string {
  return originals.restore(graph, store.query(construct, { results_format: 'nt' }) as string);
}

function load(graph: GraphName, ntriples: string): void {
  // Counted before the load: whether a rewritten literal's stored form was in the graph already.
  if (counts.of(graph) > 0) originals.record(graph, ntriples, normalizeLiterals, (triples) => heldTriples(graph, triples));
  else originals.record(graph, ntriples, normalizeLiterals);
  if (ntriples.length) store.load(Buffer.from(ntriples, 'utf8'), { format: 'nt', to_graph_name: term(graph) });
  counts.add(graph, countNewlines(ntriples));
}

/** Which of these triples the graph holds: one query, answered as text (no quad objects left in the heap). */
function heldTriples(graph: GraphName, triples: { subject: string; predicate: string; literal: string }[]): boolean[] {
  const rows = triples.map((t, i) => `(${i} ${t.subject} ${t.predicate} ${t.literal})`).join(' ');
  const query = `SELECT ?i WHERE { VALUES (?i ?s ?p ?o) { ${rows} } GRAPH ${ox.namedNode(graph).toString()} { ?s ?p ?o } }`;
  const found = (JSON.parse(store.query(query, { results_format: 'json' }) as string) as { results: { bindings: { i: { value: string } }[] } }).results.bindings;
  const held = triples.map(() => false);
  for (const row of found) held[Number(row.i.value)] = true;
  return held;
}

/**
 * A patch (see GraphPatch): triples without blank nodes are deleted one by one (a literal is found by any written
 * form, as Oxigraph stores it rewritten), the blank-node trees of the roots deepest level first, then the additions
 * are loaded.
 */
function patch(graph: GraphName, change: GraphPatch): void {
  const staying = originals.remove(graph, change.remove, normalizeLiterals);
  let removed = 0;
  if (change.remove.length) {
    const quads = ox.parse(change.remove, { format: 'nt', to_graph_name: term(graph) });
    try {
      for (const quad of quads) {
        if (staying.size && staying.has(tripleLine(quad))) continue;
        store.delete(quad);
        removed++;
      }
    } finally {
      freeWasm(quads);
    }
  }
  if (change.trees.roots.length) {
    store.update(deleteTrees(graph, change.trees.roots, change.trees.depth));
    originals.remove(graph, change.trees.ntriples, normalizeLiterals);
    removed += countNewlines(change.trees.ntriples);
  }
  counts.add(graph, -removed);
  load(graph, change.add);
}

/** A quad's triple as an N-Triples line; its terms are wasm objects of their own, freed at once. */
function tripleLine(quad: ox.Quad): string {
  const terms = [quad.subject, quad.predicate, quad.object];
  const line = `${terms.join(' ')} .`;
  freeWasm(terms);
  return line;
}

/** Delete every blank node reachable from the roots through blank nodes only, deepest first, then the links to them. */
function deleteTrees(graph: GraphName, roots: string[], depth: number): string {
  const values = `VALUES ?r { ${roots.join(' ')} }`;
  const g = ox.namedNode(graph).toString();
  const operations: string[] = [];
  for (let level = depth; level >= 1; level--) {
    let path = '?r ?p0 ?b1 FILTER(isBlank(?b1))';
    for (let k = 1; k < level; k++) path += ` ?b${k} ?p${k} ?b${k + 1} FILTER(isBlank(?b${k + 1}))`;
    operations.push(`DELETE { GRAPH ${g} { ?b${level} ?q ?o } } WHERE { GRAPH ${g} { ${values} ${path} ?b${level} ?q ?o } }`);
  }
  operations.push(`DELETE { GRAPH ${g} { ?r ?p0 ?b1 } } WHERE { GRAPH ${g} { ${values} ?r ?p0 ?b1 FILTER(isBlank(?b1)) } }`);
  return operations.join(' ;\n');
}

function drop(graph: GraphName): void {
  store.update(graph === DEFAULT_GRAPH ? 'CLEAR SILENT DEFAULT' : `DROP SILENT GRAPH ${ox.namedNode(graph).toString()}`);
  originals.forget(graph);
  counts.set(graph, 0);
}

function create(graph: GraphName): void {
  if (graph !== DEFAULT_GRAPH) store.update(`CREATE SILENT GRAPH ${ox.namedNode(graph).toString()}`);
}

function apply(op: WriteOp): void {
  switch (op.kind) {
    case 'replace-graph':
      drop(op.graph);
      create(op.graph);
      load(op.graph, op.ntriples);
      return;
    case 'add-to-graph':
      create(op.graph);
      load(op.graph, op.ntriples);
      return;
    case 'drop-graph':
      drop(op.graph);
      return;
    case 'patch-graph':
      if (!graphExists(op.graph)) throw new Error(`cannot patch ${op.graph}: the graph does not exist`);
      patch(op.graph, op);
      return;
    case 'sparql-update':
      store.update(op.update, { base_iri: op.baseIri });
      // Its effect on the counts is unknown until the next snapshot counts the graphs again.
      return;
    case 'replace-graphs':
      for (const { graph, ntriples } of op.graphs) {
        drop(graph);
        if (ntriples !== null) {
          create(graph);
          load(graph, ntriples);
        }
      }
      return;
  }
}

function write({ seq, op, capture, maxQuads }: Extract<ReplicaRequest, { type: 'write' }>): WriteResult {
  if (maxQuads !== undefined) checkCapacity(op, maxQuads);
  const before = capture === 'all' ? new Set(listGraphs()) : undefined;
  const existed = 'graph' in op ? graphExists(op.graph) : true;
  if (op.kind === 'drop-graph' && !existed) return { quads: counts.total, existed };
  apply(op);
  appliedSeq = seq;
  if (!capture) return { quads: counts.total, existed };
  const graphs = capture === 'all' ? [...new Set([...before!, ...listGraphs()])] : capture;
  return {
    quads: counts.total,
    existed,
    captured: graphs.map((graph) => ({ graph, ntriples: graphExists(graph) ? dumpGraph(graph) : null })),
  };
}

/**
 * What Oxigraph stores for each literal: load them into a scratch store, one graph each, and read them back as text
 * (quad objects from match() would linger in the heap and slow the next load: see LiteralOriginals).
 */
function normalizeLiterals(literals: string[]): string[] {
  const scratch = new ox.Store();
  try {
    const input = literals.map((literal, i) => `${SCRATCH_SUBJECT} ${literal} <${SCRATCH_GRAPH}${i}> .`).join('\n');
    scratch.load(input, { format: 'nq' });
    const result = [...literals];
    for (const line of scratch.dump({ format: 'nq' }).split('\n')) {
      const graphAt = line.lastIndexOf(` <${SCRATCH_GRAPH}`);
      if (graphAt < 0) continue;
      const index = Number(line.slice(graphAt + SCRATCH_GRAPH.length + 2, line.indexOf('>', graphAt)));
      result[index] = line.slice(SCRATCH_SUBJECT.length + 1, graphAt);
    }
    return result;
  } finally {
    (scratch as unknown as { free?: () => void }).free?.();
  }
}

const SCRATCH_SUBJECT = '<urn:x:s> <urn:x:p>';
const SCRATCH_GRAPH = 'urn:x:g';

function runQuery(query: string, resultsFormat: string, dataset: QueryDataset | undefined, baseIri: string): string {
  const options: Parameters<ox.Store['query']>[1] = { results_format: resultsFormat, base_iri: baseIri };
  if (!dataset) {
    options.use_default_graph_as_union = true;
  } else {
    options.default_graph = (dataset.defaultGraphs ?? []).map(term);
    if (dataset.namedGraphs) options.named_graphs = dataset.namedGraphs.map((g) => ox.namedNode(g));
  }
  return store.query(query, options) as string;
}

function init(dataDir: string, untilSeq: number, id: number): InitResult {
  const started = Date.now();
  const manifest = readManifest(dataDir);
  const dir = snapshotDir(dataDir);
  let lastProgress = Date.now();
  for (const [i, entry] of manifest.graphs.entries()) {
    create(entry.graph);
    counts.set(entry.graph, entry.quads);
    const bytes = fs.readFileSync(path.join(dir, entry.file));
    if (bytes.length) store.load(bytes, { format: 'nt', to_graph_name: term(entry.graph) });
    if (entry.originals) {
      originals.import(entry.graph, JSON.parse(fs.readFileSync(path.join(dir, entry.originals), 'utf8')) as [string, string[]][]);
    }
    if (Date.now() - lastProgress > 1000 || i === manifest.graphs.length - 1) {
      lastProgress = Date.now();
      send({ id, type: 'progress', graphs: i + 1, totalGraphs: manifest.graphs.length, quads: counts.total });
    }
  }
  appliedSeq = manifest.seq;
  let replayed = 0;
  for (const record of readJournal(dataDir, manifest.seq, untilSeq)) {
    if (record.op) apply(record.op);
    appliedSeq = record.seq;
    replayed++;
  }
  return { quads: counts.total, graphs: manifest.graphs.length, seq: appliedSeq, replayed, ms: Date.now() - started };
}

/** Write the named graphs (or all) as snapshot files; the main thread commits them in the manifest. */
function snapshot(dataDir: string, which: GraphName[] | 'all'): SnapshotResult {
  const dir = snapshotDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const graphs = which === 'all' ? listGraphs() : which.filter(graphExists);
  const entries: SnapshotEntry[] = [];
  for (const graph of graphs) {
    const stem = graphFileStem(graph, appliedSeq);
    const dump = store.dump({ format: 'nt', from_graph_name: term(graph) });
    const entry: SnapshotEntry = { graph, file: `${stem}.nt`, quads: countNewlines(dump) };
    counts.set(graph, entry.quads);
    writeFileDurablySync(path.join(dir, entry.file), dump);
    const kept = originals.export(graph);
    if (kept.length) {
      entry.originals = `${stem}.originals.json`;
      writeFileDurablySync(path.join(dir, entry.originals), JSON.stringify(kept));
    }
    entries.push(entry);
  }
  return { seq: appliedSeq, entries };
}
