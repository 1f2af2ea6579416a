import crypto from 'node:crypto';
import { Mutex } from 'async-mutex';
import type { Logger } from 'pino';
import { formatByMediaType } from '../../rdf/formats.js';
import { lines, splitTripleLine } from '../../rdf/ntriples-lines.js';
import { serializeGraph } from '../../rdf/serialize.js';
import { ANY_TYPED, LiteralOriginals } from '../literal-originals.js';
import { DEFAULT_GRAPH, type ChangeKind, type CommitResult, type GraphName, type QueryDataset, type RenderPart, type Store, type StoreChange, type StoreStats, type WriteOptions } from '../store.js';
import { StoreError } from '../store-error.js';
import { DEFAULT_GRAPH_STAND_IN, EMPTY_GRAPH, GRAPH_LIST, LISTED_GRAPH, STAGING_PREFIX, STATE_GRAPH, WRITE_COUNT, iriTerm, isOwnGraph, remoteGraph } from './graph-names.js';
import { StoredForms, learnStoredForms } from './literal-forms.js';
import { LocalState } from './local-state.js';
import { RemoteHttp, type RemoteCredentials } from './remote-http.js';
import { RemoteProtocol, type Endpoints, type RemoteDataset } from './remote-protocol.js';
import { askAnswer, writeAskResult } from './ask-results.js';
import { standardTerm, writeSelectResults } from './select-results.js';
import { prepareQuery } from './query-dataset.js';
import { rewriteUpdate } from './update-rewrite.js';

/** What a graph write prepared: the statements that switch it in, those that clean up when it is not, what follows. */
interface StagedWrite {
  switch: string[];
  abandon: string[];
  after: () => void | Promise<void>;
}

export interface RemoteStoreOptions extends Endpoints {
  dataDir: string;
  credentials?: RemoteCredentials;
  /** Rows per page when a graph is read (at most the remote store's ResultSetMaxRows). */
  pageRows: number;
  queryTimeoutMs: number;
  log: Logger;
}

/**
 * The store on a remote SPARQL 1.1 server (built and tested against Virtuoso 7.2.5), through the SPARQL Protocol
 * and the Graph Store Protocol. Writes are serialised here; each is acknowledged once the remote store and the local
 * bookkeeping in DATA_DIR (registry, literal originals) both have it. See .readme-drafts/remote.md for what it
 * guarantees and what it does not.
 */
export class RemoteStore implements Store {
  readonly capabilities = { graphPatches: false, literalOriginals: true, writeLog: false };
  private readonly writes = new Mutex();
  private readonly http: RemoteHttp;
  private readonly protocol: RemoteProtocol;
  private readonly local: LocalState;
  private readonly originals = new LiteralOriginals(ANY_TYPED);
  private readonly storedForms = new StoredForms();
  private readonly originalsBytes = new Map<GraphName, number>();
  /** Our named graphs (the list kept in GRAPH_LIST), by IRI. */
  private readonly graphs = new Set<string>();
  /** Triples per graph as last counted (the default graph's stand-in included). */
  private readonly counts = new Map<string, number>();
  private readonly listeners: ((change: StoreChange) => void)[] = [];
  private opened = false;
  /** The number of the last write, as the remote store holds it (WRITE_COUNT). */
  private seq = 0;

  constructor(private readonly options: RemoteStoreOptions) {
    this.http = new RemoteHttp(options.credentials);
    this.protocol = new RemoteProtocol(this.http, options, options.pageRows, options.queryTimeoutMs, (message) => options.log.warn(message));
    this.local = new LocalState(options.dataDir);
  }

  get ready(): boolean {
    return this.opened;
  }

  get lastWrite(): number {
    return this.local.lastWrite;
  }

  stats(): StoreStats {
    let quads = 0;
    for (const n of this.counts.values()) quads += n;
    return { quads, seq: this.seq, ready: this.ready, graphs: this.graphs.size };
  }

  memory(): { bytes: number; literalOriginals: number } {
    let bytes = 0;
    for (const n of this.originalsBytes.values()) bytes += n;
    // Kept as strings: about two bytes a character, as written to the files.
    return { bytes: bytes * 2, literalOriginals: bytes * 2 };
  }

  async open(onProgress: (graphs: number, total: number, quads: number) => void = () => undefined): Promise<void> {
    this.local.open();
    for (const line of lines(await this.protocol.readGraph(GRAPH_LIST))) {
      const triple = splitTripleLine(line);
      if (triple?.object === `<${LISTED_GRAPH}>`) this.graphs.add(triple.subject.slice(1, -1));
    }
    for (const graph of [DEFAULT_GRAPH, ...this.graphs]) {
      const entries = this.local.readOriginals(graph);
      if (!entries) continue;
      this.originals.import(graph, entries);
      this.originalsBytes.set(graph, JSON.stringify(entries).length);
    }
    const counted = await this.protocol.select(`SELECT ?n WHERE { GRAPH ${iriTerm(STATE_GRAPH)} { ${iriTerm(STATE_GRAPH)} ${iriTerm(WRITE_COUNT)} ?n } }`, { defaultGraphs: [], namedGraphs: [STATE_GRAPH] });
    this.seq = counted.length ? Number(counted[0]!.n!.value) : 0;
    await this.recount();
    this.opened = true;
    onProgress(this.graphs.size, this.graphs.size, this.stats().quads);
  }

  async close(): Promise<void> {
    await this.writes.runExclusive(async () => {
      this.opened = false;
      await this.http.close();
    });
  }

  onChange(listener: (change: StoreChange) => void): void {
    this.listeners.push(listener);
  }

  /** No local write log: the remote store may also be written by others. */
  touchedSince(): 'unknown' {
    return 'unknown';
  }

  /**
   * Replace a graph atomically: Virtuoso's Graph Store PUT, cut half-way, leaves the graph replaced by part of the
   * new content. So the new content goes to a staging graph, is counted there (a PUT Virtuoso acknowledged may hold
   * nothing), and one update request then moves the staging graph over the graph (MOVE drops the target first)
   * and lists it.
   */
  replaceGraph(graph: GraphName, ntriples: string, options?: WriteOptions): Promise<CommitResult> {
    return this.write('replace', graph, options, async (target) => {
      const normalize = await learnStoredForms(this.protocol, ntriples, this.storedForms);
      const staged = await this.stage(target, ntriples);
      return {
        // MOVE replaces the target itself; the DROP is for an empty replacement, which has nothing staged.
        switch: [staged ? `MOVE SILENT ${iriTerm(stagingGraph(target))} TO ${iriTerm(target)}` : `DROP SILENT GRAPH ${iriTerm(target)}`, this.listing('INSERT', target)],
        abandon: staged ? [`DROP SILENT GRAPH ${iriTerm(stagingGraph(target))}`] : [],
        after: () => {
          this.counts.set(target, staged);
          this.originals.forget(graph);
          this.originals.record(graph, ntriples, normalize);
        },
      };
    });
  }

  /** Add triples atomically: staged like a replacement, then ADDed to the graph in one update request. */
  addToGraph(graph: GraphName, ntriples: string, options?: WriteOptions): Promise<CommitResult> {
    return this.write('add', graph, options, async (target) => {
      const normalize = await learnStoredForms(this.protocol, ntriples, this.storedForms);
      const staged = await this.stage(target, ntriples);
      const staging = iriTerm(stagingGraph(target));
      return {
        switch: [staged ? `ADD SILENT ${staging} TO ${iriTerm(target)}` : '', staged ? `DROP SILENT GRAPH ${staging}` : '', this.listing('INSERT', target)],
        abandon: staged ? [`DROP SILENT GRAPH ${staging}`] : [],
        after: async () => {
          this.counts.set(target, await this.protocol.countTriples(target));
          // Without asking which stored forms the graph held before (the embedded store does), a canonical form
          // already in the graph and written again in another form is given back in the new form only.
          this.originals.record(graph, ntriples, normalize);
        },
      };
    });
  }

  async dropGraph(graph: GraphName, options?: WriteOptions): Promise<CommitResult> {
    const target = remoteGraph(graph);
    if (graph !== DEFAULT_GRAPH && !this.graphs.has(target)) return { seq: this.seq, existed: false, changed: false };
    return this.write('drop', graph, options, async () => ({
      switch: [`DROP SILENT GRAPH ${iriTerm(target)}`, this.listing('DELETE', target)],
      abandon: [],
      after: () => {
        this.graphs.delete(target);
        this.counts.delete(target);
        this.originals.forget(graph);
      },
    }));
  }

  /** A SPARQL Update over our graphs, rewritten for Virtuoso (see update-rewrite.ts); the list of graphs follows it. */
  update(update: string, baseIri: string): Promise<CommitResult> {
    return this.writes.runExclusive(async () => {
      this.assertOpen();
      const rewritten = rewriteUpdate(update, baseIri, { defaultGraph: DEFAULT_GRAPH_STAND_IN, named: [...this.graphs], empty: EMPTY_GRAPH });
      for (const graph of [...rewritten.written, ...rewritten.dropped]) {
        if (isOwnGraph(graph) && graph !== DEFAULT_GRAPH_STAND_IN) throw new StoreError('unsupported', `Graph ${graph} is the server's own bookkeeping and cannot be updated`);
      }
      const candidates = new Set([...rewritten.written].filter((g) => g !== DEFAULT_GRAPH_STAND_IN && !this.graphs.has(g)));
      // A graph that is not ours but holds triples is the remote store's own (Virtuoso's system graphs): not touched.
      const foreign = await this.holdingTriples([...candidates]);
      if (foreign.length) throw new StoreError('unsupported', `Graph ${foreign[0]} is not one of this server's graphs; it belongs to the remote store`);
      const before = rewritten.variableGraphs ? await this.remoteGraphs() : undefined;
      if (rewritten.text) await this.protocol.update(rewritten.text);
      if (before) for (const g of await this.remoteGraphs()) if (!before.has(g) && !isOwnGraph(g)) candidates.add(g);
      const added = await this.holdingTriples([...candidates]);
      const dropped = [...rewritten.dropped].filter((g) => this.graphs.has(g) && !added.includes(g));
      const listChanges = [...added.map((g) => this.listing('INSERT', g)), ...dropped.map((g) => this.listing('DELETE', g))];
      // Counted after the update itself: an update has no records to keep atomic with it.
      const seq = this.seq + 1;
      await this.protocol.update([...listChanges, this.countWrite(seq)].join(' ;\n'));
      for (const g of added) this.graphs.add(g);
      for (const g of dropped) {
        this.graphs.delete(g);
        this.originals.forget(g);
        this.saveOriginals(g);
      }
      if ([...rewritten.dropped].includes(DEFAULT_GRAPH_STAND_IN)) {
        this.originals.forget(DEFAULT_GRAPH);
        this.saveOriginals(DEFAULT_GRAPH);
      }
      await this.recount();
      return this.acknowledge('update', 'all', true, seq);
    });
  }

  async query(
    query: string,
    mediaType: string,
    baseIri: string,
    dataset: QueryDataset | undefined,
    onChunk: (chunk: Uint8Array) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<void> {
    const prepared = prepareQuery(query, baseIri, dataset, this.graphs);
    if (prepared.form === 'ASK' || prepared.form === 'SELECT') {
      // Virtuoso's own ASK and TSV answers are not SPARQL's (ask-results.ts, select-results.ts): read its JSON and
      // write the format here. A SELECT answer is at most ResultSetMaxRows rows (a longer one is refused).
      const response = await this.protocol.query(prepared.text, 'application/sparql-results+json', prepared.dataset, signal);
      const json = await response.body.json();
      const text = prepared.form === 'ASK' ? writeAskResult(askAnswer(json), mediaType) : writeSelectResults(json, mediaType);
      await onChunk(Buffer.from(text, 'utf8'));
      return;
    }
    // CONSTRUCT and DESCRIBE: read as N-Triples (refused when it may have been cut at the row limit, which Virtuoso
    // does not flag for them) and written by our serialisers, as documents are.
    const format = formatByMediaType(mediaType);
    if (!format) throw new StoreError('unsupported', `A ${prepared.form ?? 'graph'} result cannot be written as ${mediaType}`);
    const ntriples = await this.protocol.construct(prepared.text, prepared.dataset, signal);
    await onChunk(Buffer.from(await serializeGraph(ntriples, format), 'utf8'));
  }

  async select(query: string, baseIri: string): Promise<Record<string, { type: string; value: string }>[]> {
    const prepared = prepareQuery(query, baseIri, undefined, this.graphs);
    // The server's own listings may be longer than one answer: read in pages when the query leaves room for it.
    const rows = prepared.page ? await this.protocol.selectAll(prepared.page, prepared.dataset) : await this.protocol.select(prepared.text, prepared.dataset);
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, standardTerm(term)])));
  }

  async render(
    parts: RenderPart[],
    mediaType: string,
    onChunk: (chunk: Uint8Array) => Promise<void> | void,
    options: { extra?: string; requireGraph?: GraphName } = {},
  ): Promise<boolean> {
    const format = formatByMediaType(mediaType);
    if (!format) throw new StoreError('unsupported', `No RDF serialiser for ${mediaType}`);
    if (options.requireGraph !== undefined && !(await this.graphExists(options.requireGraph))) return false;
    const pieces = await Promise.all(parts.map((part) => this.partText(part)));
    if (options.extra) pieces.push(options.extra);
    await onChunk(Buffer.from(await serializeGraph(pieces.join(''), format), 'utf8'));
    return true;
  }

  document(graph: GraphName, mediaType: string, onChunk: (chunk: Uint8Array) => Promise<void> | void): Promise<boolean> {
    return this.render([{ graph }], mediaType, onChunk, { requireGraph: graph });
  }

  async ntriples(parts: RenderPart[]): Promise<string> {
    const chunks: Uint8Array[] = [];
    await this.render(parts, 'application/n-triples', (chunk) => void chunks.push(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Virtuoso keeps no empty graphs: ours are the ones listed, the default graph always exists. */
  async graphExists(graph: GraphName): Promise<boolean> {
    return graph === DEFAULT_GRAPH || this.graphs.has(graph);
  }

  async listGraphs(): Promise<GraphName[]> {
    return [...this.graphs].sort();
  }

  /**
   * One graph write under the write lock: `work` stages what it can, then the caller's prepare hook runs, then one
   * update request switches the graph in and counts the write (WRITE_COUNT), so the count is durable exactly when the
   * write is; then the local bookkeeping, the durable hook and the change event.
   */
  private write(kind: ChangeKind, graph: GraphName, options: WriteOptions | undefined, work: (target: string) => Promise<StagedWrite>): Promise<CommitResult> {
    return this.writes.runExclusive(async () => {
      this.assertOpen();
      const target = remoteGraph(graph);
      if (isOwnGraph(target) && target !== DEFAULT_GRAPH_STAND_IN) throw new StoreError('unsupported', `Graph ${graph} is the server's own bookkeeping`);
      const existed = graph === DEFAULT_GRAPH || this.graphs.has(target);
      const staged = await work(target);
      const seq = this.seq + 1;
      try {
        await options?.prepare?.(seq);
        await this.protocol.update([...staged.switch, this.countWrite(seq)].filter(Boolean).join(' ;\n'));
      } catch (error) {
        if (staged.abandon.length) await this.protocol.update(staged.abandon.join(' ;\n')).catch(() => undefined);
        throw error;
      }
      await staged.after();
      if (graph !== DEFAULT_GRAPH) {
        if (kind === 'drop') this.graphs.delete(target);
        else this.graphs.add(target);
      }
      this.saveOriginals(graph);
      return this.acknowledge(kind, [graph], existed, seq, options);
    });
  }

  /** The update that makes `seq` the number of the last write, to run in the same request as that write. */
  private countWrite(seq: number): string {
    const state = iriTerm(STATE_GRAPH);
    return `DELETE WHERE { GRAPH ${state} { ${state} ${iriTerm(WRITE_COUNT)} ?n } } ;\nINSERT DATA { GRAPH ${state} { ${state} ${iriTerm(WRITE_COUNT)} ${seq} } }`;
  }

  private acknowledge(kind: ChangeKind, graphs: GraphName[] | 'all', existed: boolean, seq: number, options?: WriteOptions): CommitResult {
    this.seq = seq;
    this.local.noteWrite();
    options?.durable?.(seq);
    for (const listener of this.listeners) listener({ graphs, kind, seq });
    return { seq, existed, changed: true };
  }

  /** Upload to the graph's staging graph; the number of triples it holds afterwards (0 for an empty text). */
  private async stage(target: string, ntriples: string): Promise<number> {
    if (!ntriples.trim()) return 0;
    const staging = stagingGraph(target);
    try {
      await this.protocol.writeGraph('PUT', staging, ntriples);
      const staged = await this.protocol.countTriples(staging);
      if (staged === 0) throw new StoreError('failed', `The remote store acknowledged the upload of graph ${target} but holds none of it`);
      return staged;
    } catch (error) {
      await this.protocol.update(`DROP SILENT GRAPH ${iriTerm(staging)}`).catch(() => undefined);
      throw error;
    }
  }

  /** The update that lists or unlists one of our graphs ('' for the default graph, which is never listed). */
  private listing(change: 'INSERT' | 'DELETE', target: string): string {
    if (target === DEFAULT_GRAPH_STAND_IN) return '';
    return `${change} DATA { GRAPH ${iriTerm(GRAPH_LIST)} { ${iriTerm(target)} a ${iriTerm(LISTED_GRAPH)} } }`;
  }

  private saveOriginals(graph: GraphName): void {
    const entries = this.originals.export(graph);
    this.local.writeOriginals(graph, entries);
    if (entries.length) this.originalsBytes.set(graph, JSON.stringify(entries).length);
    else this.originalsBytes.delete(graph);
  }

  private async partText(part: RenderPart): Promise<string> {
    const graph = remoteGraph(part.graph);
    if (part.graph !== DEFAULT_GRAPH && !this.graphs.has(graph)) return '';
    const text = part.construct
      ? await this.protocol.construct(part.construct, { defaultGraphs: [graph], namedGraphs: [graph] })
      : await this.protocol.readGraph(graph);
    return this.originals.restore(part.graph, text);
  }

  /** Every graph of the remote store that holds triples (Virtuoso's own included). */
  private async remoteGraphs(): Promise<Set<string>> {
    const response = await this.protocol.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', 'application/sparql-results+json', 'whole-store');
    const json = (await response.body.json()) as { results: { bindings: { g: { value: string } }[] } };
    return new Set(json.results.bindings.map((b) => b.g.value));
  }

  private async holdingTriples(graphs: string[]): Promise<string[]> {
    if (graphs.length === 0) return [];
    const rows = await this.protocol.select('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', { defaultGraphs: [], namedGraphs: graphs });
    return rows.map((row) => row.g!.value);
  }

  private async recount(): Promise<void> {
    const named = [DEFAULT_GRAPH_STAND_IN, ...this.graphs];
    const page = (offset: number, limit: number) => `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g LIMIT ${limit} OFFSET ${offset}`;
    const rows = await this.protocol.selectAll(page, { defaultGraphs: [], namedGraphs: named });
    this.counts.clear();
    for (const row of rows) this.counts.set(row.g!.value, Number(row.n!.value));
  }

  private assertOpen(): void {
    if (!this.opened) throw new StoreError('unavailable', 'The remote store is not open');
  }
}

function stagingGraph(target: string): string {
  return `${STAGING_PREFIX}${crypto.createHash('sha256').update(target).digest('hex')}`;
}
