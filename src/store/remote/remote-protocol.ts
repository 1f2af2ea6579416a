import { StoreError } from '../store-error.js';
import { canonicalNTriples } from './canonical-ntriples.js';
import { EMPTY_GRAPH, iriTerm } from './graph-names.js';
import { header, type RemoteHttp, type RemoteResponse } from './remote-http.js';

export interface Endpoints {
  queryUrl: string;
  updateUrl: string;
  graphStoreUrl: string;
}

export interface RemoteDataset {
  defaultGraphs: string[];
  namedGraphs: string[];
}

const NTRIPLES = 'application/n-triples';

/**
 * The SPARQL 1.1 Protocol and Graph Store Protocol as this backend uses them on Virtuoso: every query names its
 * dataset, reads of whole graphs come in pages, bodies carry a length.
 */
export class RemoteProtocol {
  constructor(
    private readonly http: RemoteHttp,
    private readonly endpoints: Endpoints,
    /** Rows per page of a graph read: at most Virtuoso's ResultSetMaxRows, lowered when a page shows it is less. */
    private pageRows: number,
    private readonly queryTimeoutMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * A query with its dataset given by the protocol's default-graph-uri / named-graph-uri (an empty list would mean
   * "Virtuoso's default", that is every graph, so it becomes a graph that is never written). `timeout` makes
   * Virtuoso stop at our deadline; it then answers 200 with partial results and X-SQL-State, thrown as a timeout.
   */
  async query(query: string, accept: string, dataset: RemoteDataset | 'whole-store', signal?: AbortSignal, paged = false): Promise<RemoteResponse> {
    const form = new URLSearchParams({ query });
    if (dataset !== 'whole-store') {
      for (const graph of dataset.defaultGraphs.length ? dataset.defaultGraphs : [EMPTY_GRAPH]) form.append('default-graph-uri', graph);
      for (const graph of dataset.namedGraphs.length ? dataset.namedGraphs : [EMPTY_GRAPH]) form.append('named-graph-uri', graph);
    }
    form.set('timeout', String(this.queryTimeoutMs));
    const response = await this.http.send({ method: 'POST', url: this.endpoints.queryUrl, headers: formHeaders(accept), body: Buffer.from(form.toString()), signal });
    // Virtuoso sends X-SPARQL-MaxRows when an answer reached ResultSetMaxRows rows, cut or not (a page of exactly
    // that many rows gets it too): a page asked for at most that many is whole; anything else may have been cut.
    const maxRows = header(response, 'x-sparql-maxrows');
    if (maxRows !== undefined && !paged) {
      await response.body.dump();
      throw new StoreError(
        'unsupported',
        `The result has more rows than the remote store gives in one answer (its ResultSetMaxRows, ${maxRows}), and it would have cut it silently; page through it with LIMIT and OFFSET`,
      );
    }
    return response;
  }

  async update(update: string): Promise<void> {
    const form = new URLSearchParams({ update });
    const response = await this.http.send({ method: 'POST', url: this.endpoints.updateUrl, headers: formHeaders('*/*'), body: Buffer.from(form.toString()) });
    await response.body.dump();
  }

  /** SPARQL JSON bindings of a SELECT. */
  async select(query: string, dataset: RemoteDataset, paged = false): Promise<Record<string, { type: string; value: string; datatype?: string }>[]> {
    const response = await this.query(query, 'application/sparql-results+json', dataset, undefined, paged);
    const json = (await response.body.json()) as { results: { bindings: Record<string, { type: string; value: string; datatype?: string }>[] } };
    return json.results.bindings;
  }

  /** Graph Store PUT (replace) or POST (merge), the body sent whole with its length. */
  async writeGraph(method: 'PUT' | 'POST', graph: string, ntriples: string): Promise<void> {
    const url = `${this.endpoints.graphStoreUrl}?graph=${encodeURIComponent(graph)}`;
    const response = await this.http.send({ method, url, headers: { 'content-type': NTRIPLES }, body: Buffer.from(ntriples, 'utf8') });
    await response.body.dump();
  }

  async countTriples(graph: string): Promise<number> {
    const rows = await this.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ${iriTerm(graph)} { ?s ?p ?o } }`, { defaultGraphs: [], namedGraphs: [graph] });
    return Number(rows[0]?.n?.value ?? 0);
  }

  /**
   * A whole graph as canonical N-Triples, in pages of pageRows. Virtuoso cuts any answer at ResultSetMaxRows and
   * still says 200 (Graph Store GETs and CONSTRUCTs without a header saying so), so the triples are counted first
   * and every page checked against what it should hold: a short page lowers the page size and reading goes on from
   * where it stopped; a read that still ends short is an error, never a silently smaller document.
   */
  async readGraph(graph: string): Promise<string> {
    try {
      return await this.readGraphOnce(graph);
    } catch (error) {
      // A write to the graph between two pages moves the offsets: one more read, from the start.
      if (error instanceof StoreError && error.kind === 'failed' && /changed while it was read/.test(error.message)) return this.readGraphOnce(graph);
      throw error;
    }
  }

  /**
   * Every row of a SELECT, in pages of pageRows (`pageOf` gives the text of each): for the server's own listings,
   * which may be longer than one answer. Without ORDER BY the pages rely on Virtuoso giving unchanged data in the
   * same order.
   */
  async selectAll(pageOf: (offset: number, limit: number) => string, dataset: RemoteDataset): Promise<Record<string, { type: string; value: string; datatype?: string }>[]> {
    const rows: Record<string, { type: string; value: string; datatype?: string }>[] = [];
    for (;;) {
      const page = await this.select(pageOf(rows.length, this.pageRows), dataset, true);
      // A short page may be the server's ResultSetMaxRows below STORE_PAGE_ROWS: only an empty one is the end.
      if (page.length === 0) return rows;
      rows.push(...page);
    }
  }

  private async readGraphOnce(graph: string): Promise<string> {
    const expected = await this.countTriples(graph);
    const pages: string[] = [];
    let read = 0;
    while (read < expected) {
      const wanted = Math.min(this.pageRows, expected - read);
      const query = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${iriTerm(graph)} { ?s ?p ?o } } LIMIT ${this.pageRows} OFFSET ${read}`;
      const response = await this.query(query, NTRIPLES, { defaultGraphs: [], namedGraphs: [graph] }, undefined, true);
      const page = canonicalNTriples(await response.body.text());
      const rows = countLines(page);
      if (rows === 0) break;
      if (rows < wanted) {
        this.warn(`the remote store answered ${rows} rows for a page of ${this.pageRows}; reading on in pages of ${rows} (set STORE_PAGE_ROWS to at most its ResultSetMaxRows)`);
        this.pageRows = rows;
      }
      pages.push(page);
      read += rows;
    }
    if (read !== expected) {
      throw new StoreError('failed', `Reading graph ${graph} from the remote store gave ${read} of its ${expected} triples (it changed while it was read, or the store cut the answer)`);
    }
    return pages.join('');
  }

  /** A CONSTRUCT or DESCRIBE as canonical N-Triples; a result as long as a page may have been cut, so it is refused. */
  async construct(query: string, dataset: RemoteDataset, signal?: AbortSignal): Promise<string> {
    const response = await this.query(query, NTRIPLES, dataset, signal);
    const text = canonicalNTriples(await response.body.text());
    if (countLines(text) >= this.pageRows) {
      throw new StoreError(
        'unsupported',
        `The graph result reached the remote store's row limit (${this.pageRows} triples, STORE_PAGE_ROWS / ResultSetMaxRows) and may have been cut; ask for less (LIMIT) or read the graph whole`,
      );
    }
    return text;
  }
}

function formHeaders(accept: string): Record<string, string> {
  return { 'content-type': 'application/x-www-form-urlencoded', accept };
}

function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
