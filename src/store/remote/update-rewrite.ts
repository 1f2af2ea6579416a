import type sparqljs from 'sparqljs';
import { StoreError } from '../store-error.js';
import { generate, iri, parseSparql } from './sparql-text.js';

/** What a rewritten update names, so the list of our graphs can follow it. */
export interface RewrittenUpdate {
  /** The update for Virtuoso; '' when nothing is left to do (DROP ALL on a store without graphs). */
  text: string;
  /** Graphs (IRIs) the update may create or write into. */
  written: Set<string>;
  /** Graphs the update removes (DROP, the source of MOVE). */
  dropped: Set<string>;
  /** A template writes into GRAPH ?variable: which graphs it created is only known by looking. */
  variableGraphs: boolean;
}

export interface OurGraphs {
  /** Where our default graph lives in the remote store (Virtuoso has no default graph of its own). */
  defaultGraph: string;
  /** Our named graphs. */
  named: string[];
  /** A graph that never holds anything, for an empty USING NAMED. */
  empty: string;
}

/**
 * A SPARQL Update as the embedded store would run it, made safe for Virtuoso: the default graph is our stand-in
 * graph (WITH / GRAPH), GRAPH ?g in a WHERE sees only our graphs (USING NAMED), CLEAR/DROP (ALL, NAMED or a graph)
 * and the source of ADD/MOVE/COPY reach our graphs only (never Virtuoso's system graphs), and INSERT DATA becomes
 * INSERT … WHERE {} because Virtuoso refuses blank nodes in INSERT DATA. LOAD would make the store fetch from the
 * network: refused.
 */
export function rewriteUpdate(update: string, baseIri: string, ours: OurGraphs): RewrittenUpdate {
  const parsed = parseSparql(update, baseIri) as sparqljs.Update;
  const result: RewrittenUpdate = { text: '', written: new Set(), dropped: new Set(), variableGraphs: false };
  const operations: sparqljs.UpdateOperation[] = [];
  const standIn = iri(ours.defaultGraph);
  for (const operation of parsed.updates) {
    if ('updateType' in operation) {
      operations.push(rewriteDataOperation(operation, ours, standIn, result));
      continue;
    }
    switch (operation.type) {
      case 'load':
        throw new StoreError('unsupported', 'LOAD is not offered: the store never fetches from other hosts');
      case 'clear':
      case 'drop':
        for (const name of graphsOf(operation.graph, ours)) {
          // A graph that is not ours does not exist for us (it may be one of Virtuoso's own): never cleared or
          // dropped. Ours exist even when Virtuoso holds nothing of them (an empty graph).
          if (!isOurs(name, ours)) {
            if (operation.silent) continue;
            throw new StoreError('unsupported', `Graph ${name} does not exist (${operation.type.toUpperCase()} SILENT ignores that)`);
          }
          operations.push({ type: operation.type, silent: true, graph: { type: 'graph', name: iri(name) } });
          if (operation.type === 'drop') result.dropped.add(name);
        }
        break;
      case 'create':
        result.written.add(operation.graph.name?.value ?? ours.defaultGraph);
        operations.push(operation);
        break;
      case 'add':
      case 'move':
      case 'copy': {
        const source = operation.source.default ? ours.defaultGraph : operation.source.name!.value;
        const destination = operation.destination.default ? ours.defaultGraph : operation.destination.name!.value;
        if (!isOurs(source, ours)) {
          if (operation.silent) continue;
          throw new StoreError('unsupported', `Graph ${source} does not exist (${operation.type.toUpperCase()} SILENT ignores that)`);
        }
        operations.push({ ...operation, source: { type: 'graph', name: iri(source) }, destination: { type: 'graph', name: iri(destination) } });
        result.written.add(destination);
        if (operation.type === 'move' && source !== destination) result.dropped.add(source);
        break;
      }
    }
  }
  if (operations.length) result.text = generate({ ...parsed, updates: operations });
  return result;
}

type DataOperation = Extract<sparqljs.UpdateOperation, { updateType: string }>;

function rewriteDataOperation(operation: DataOperation, ours: OurGraphs, standIn: sparqljs.IriTerm, result: RewrittenUpdate): sparqljs.UpdateOperation {
  const templates = [...('insert' in operation ? (operation.insert ?? []) : []), ...('delete' in operation ? (operation.delete ?? []) : [])];
  for (const quads of templates) {
    if (quads.type !== 'graph') continue;
    if (quads.name.termType === 'NamedNode') result.written.add(quads.name.value);
    else result.variableGraphs = true;
  }
  if (operation.updateType === 'insert' || operation.updateType === 'delete') {
    const quads = (operation.updateType === 'insert' ? operation.insert : operation.delete)!.map((q) => (q.type === 'bgp' ? { type: 'graph' as const, name: standIn, triples: q.triples } : q));
    if (operation.updateType === 'insert' && operation.insert!.some((q) => q.type === 'bgp')) result.written.add(ours.defaultGraph);
    if (operation.updateType === 'delete') return { updateType: 'delete', delete: quads };
    return { updateType: 'insertdelete', insert: quads, delete: [], where: [] } as sparqljs.UpdateOperation;
  }
  const named = (ours.named.length ? ours.named : [ours.empty]).map(iri);
  if (operation.updateType === 'deletewhere') {
    const where = operation.delete!.map((q) => (q.type === 'bgp' ? q : { type: 'graph' as const, name: q.name, patterns: [{ type: 'bgp' as const, triples: q.triples }] }));
    return { updateType: 'insertdelete', graph: standIn, delete: operation.delete, insert: [], where, using: { default: [standIn], named } } as sparqljs.UpdateOperation;
  }
  const withGraph = operation.graph ?? standIn;
  if ((operation.insert ?? []).some((q) => q.type === 'bgp')) result.written.add(withGraph.value);
  return { ...operation, graph: withGraph, using: operation.using ?? { default: [withGraph], named } } as sparqljs.UpdateOperation;
}

function graphsOf(graph: sparqljs.GraphReference, ours: OurGraphs): string[] {
  if (graph.all) return [ours.defaultGraph, ...ours.named];
  if (graph.named) return [...ours.named];
  if (graph.default) return [ours.defaultGraph];
  return [graph.name!.value];
}

function isOurs(graph: string, ours: OurGraphs): boolean {
  return graph === ours.defaultGraph || ours.named.includes(graph);
}
