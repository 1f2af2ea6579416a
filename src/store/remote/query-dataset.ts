import type { SelectQuery, SparqlQuery } from 'sparqljs';
import type { QueryDataset } from '../store.js';
import { DEFAULT_GRAPH_STAND_IN, EMPTY_GRAPH, iriTerm, remoteGraph } from './graph-names.js';
import type { RemoteDataset } from './remote-protocol.js';
import { generate, iri, parseSparql } from './sparql-text.js';

export interface PreparedQuery {
  text: string;
  dataset: RemoteDataset;
  /** The query form: SELECT and ASK answers are written here (select-results.ts, ask-results.ts). */
  form: 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE' | undefined;
  /** For a SELECT without LIMIT, OFFSET or trailing VALUES: the text of one page of it. */
  page?: (offset: number, limit: number) => string;
}

/**
 * The query text and dataset sent for a query over `ours` (our named graphs). Virtuoso's own default graph is every
 * graph it has, its system graphs included, so ours is always named: the protocol's dataset when given, else the
 * union of our graphs as default graph and each of them as a named graph. A query's own FROM / FROM NAMED win over
 * the protocol's dataset on Virtuoso, so they are rewritten to name only our graphs. The query is parsed here first,
 * so a syntax error comes with line and column.
 */
export function prepareQuery(query: string, baseIri: string, dataset: QueryDataset | undefined, ours: Set<string>): PreparedQuery {
  const parsed = parseSparql(query, baseIri);
  const from = 'from' in parsed ? parsed.from : undefined;
  let text = withBase(query, baseIri);
  let chosen: RemoteDataset = { defaultGraphs: [DEFAULT_GRAPH_STAND_IN, ...ours], namedGraphs: [...ours] };
  if (from && (from.default.length || from.named.length)) {
    const onlyOurs = (terms: { value: string }[]) => {
      const kept = terms.map((t) => t.value).filter((g) => ours.has(g));
      return (kept.length ? kept : [EMPTY_GRAPH]).map(iri);
    };
    chosen = { defaultGraphs: from.default.map((t) => t.value), namedGraphs: from.named.map((t) => t.value) };
    text = generate({ ...parsed, from: { default: from.default.length ? onlyOurs(from.default) : [], named: from.named.length ? onlyOurs(from.named) : [] } } as SparqlQuery);
  }
  if (dataset) {
    chosen = {
      defaultGraphs: (dataset.defaultGraphs ?? []).map(remoteGraph),
      namedGraphs: dataset.namedGraphs ? dataset.namedGraphs.map(remoteGraph) : [...ours],
    };
  }
  const keepOurs = (graphs: string[]) => graphs.filter((g) => g === DEFAULT_GRAPH_STAND_IN || ours.has(g));
  const form = 'queryType' in parsed ? parsed.queryType : undefined;
  const pageable = parsed.type === 'query' && parsed.queryType === 'SELECT' && parsed.limit === undefined && parsed.offset === undefined && !parsed.values;
  const page = pageable ? pageOf(parsed as SelectQuery) : undefined;
  return { text, dataset: { defaultGraphs: keepOurs(chosen.defaultGraphs), namedGraphs: keepOurs(chosen.namedGraphs) }, form, page };
}

function pageOf(query: SelectQuery): (offset: number, limit: number) => string {
  return (offset, limit) => generate({ ...query, offset, limit });
}

/** Virtuoso takes no base IRI parameter: a BASE before the query, on its first line so positions stay right. */
function withBase(query: string, baseIri: string): string {
  return `BASE ${iriTerm(baseIri)} ${query}`;
}
