import { forEachTriple, iriOf, termKind, TripleGraph, decodeLiteral } from './ntriples-graph.js';
import { loadProfile } from './loaded-profile.js';
import { Partition, type DatasetDigests } from './partition.js';
import { Evaluator, type RawResult } from './shacl-evaluator.js';
import type { ValidationResult } from './report.js';
import type { CompiledShapes } from './shapes-compiler.js';

/** One unit of work for a validation thread. */
export interface ValidationTask {
  profileId: string;
  ntriples: string;
  previous?: DatasetDigests;
  /** This thread validates every `count`-th dataset to validate, starting at `index`; thread 0 also the shared nodes. */
  chunk: { index: number; count: number };
}

export interface ValidationTaskResult {
  results: ValidationResult[];
  /** Present from chunk 0. */
  digests?: DatasetDigests;
  /** Datasets validated by all chunks together (the same number in every chunk). */
  validatedDatasets: number;
  datasets: number;
  triples: number;
  /** Milliseconds: index, partition + digests, evaluation. */
  timings: { index: number; partition: number; evaluate: number };
}

/**
 * Parse, partition and validate in the calling thread. Every chunk parses the whole catalogue and computes the same
 * partition: the graph must be complete for every focus node (links to datasets in other chunks, shared nodes), and
 * recomputing it is cheaper than shipping an index between threads.
 */
export function runValidationTask(task: ValidationTask): ValidationTaskResult {
  const loaded = loadProfile(task.profileId);
  const { compiled } = loaded;
  const withShared = task.chunk.index === 0;
  // Digests are returned by chunk 0 and needed by every chunk to find what changed; other chunks of a full
  // validation skip them.
  const needDigests = withShared || task.previous !== undefined;
  let t = performance.now();
  const graph = new TripleGraph([...compiled.inversePredicates, ...compiled.subjectPredicates]);
  if (needDigests) forEachTriple(task.ntriples, (s, p, o, line) => graph.add(s, p, o, line));
  else forEachTriple(task.ntriples, (s, p, o) => graph.add(s, p, o));
  const triples = graph.size;
  for (const [s, p, o] of loaded.background) graph.add(s, p, o);
  const index = performance.now() - t;

  t = performance.now();
  const partition = new Partition(graph);
  const digests = needDigests ? partition.digests(loaded.fingerprint) : undefined;
  const { all, datasets: toValidate } = task.previous && digests ? partition.changedSince(task.previous, digests) : { all: true, datasets: new Set(partition.datasets) };
  const mine = new Set<string>();
  let i = 0;
  for (const d of partition.datasets) {
    if (!toValidate.has(d)) continue;
    if (i++ % task.chunk.count === task.chunk.index) mine.add(d);
  }
  const partitionTime = performance.now() - t;

  t = performance.now();
  const evaluator = new Evaluator(graph, compiled);
  let raw: RawResult[];
  if (all && task.chunk.count === 1) {
    raw = evaluator.run();
  } else {
    const include = (focus: string) => {
      const owner = partition.ownerOf(focus);
      return owner === undefined ? withShared : mine.has(owner);
    };
    const candidates: string[] = withShared ? partition.sharedSubjects() : [];
    for (const d of mine) for (const node of partition.membersOf(d)) candidates.push(node);
    raw = evaluator.runOn(candidates, include);
  }
  let results = toResults(raw, partition);
  // Chunk 0 carries over the earlier results of datasets that still exist and are not validated again.
  if (withShared && task.previous?.results && !all) {
    const kept = new Set<string>();
    for (const d of partition.datasets) if (!toValidate.has(d)) kept.add(iriOf(d));
    const carried = task.previous.results.filter((r) => r.dataset !== undefined && kept.has(r.dataset));
    if (carried.length) results = sortResults([...results, ...carried]);
  }
  const evaluate = performance.now() - t;

  return {
    results,
    digests: withShared ? digests : undefined,
    validatedDatasets: toValidate.size,
    datasets: partition.datasets.length,
    triples,
    timings: { index, partition: partitionTime, evaluate },
  };
}

/** Validate a whole document with any compiled shapes, in this thread (tests, benchmarks, comparisons). */
export function validateNTriples(compiled: CompiledShapes, background: [string, string, string][], ntriples: string): ValidationResult[] {
  const graph = new TripleGraph([...compiled.inversePredicates, ...compiled.subjectPredicates]);
  forEachTriple(ntriples, (s, p, o) => graph.add(s, p, o));
  for (const [s, p, o] of background) graph.add(s, p, o);
  return toResults(new Evaluator(graph, compiled).run(), new Partition(graph));
}

const SEVERITY_ORDER = { Violation: 0, Warning: 1, Info: 2 };

/** Results for people: one per distinct (focus, shape, component, path, value), violations first, stable order. */
export function toResults(raw: RawResult[], partition?: Partition): ValidationResult[] {
  const seen = new Set<string>();
  const results: ValidationResult[] = [];
  for (const r of raw) {
    const path = r.path?.text ?? null;
    const id = `${r.focus}\u0000${r.shape.index}\u0000${r.constraint.component}\u0000${path}\u0000${r.value}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const { messages } = r.shape;
    const fallback = substitute(r.constraint.defaultMessage, r.constraint.parameters);
    const owner = partition?.ownerOf(r.focus);
    const result: ValidationResult = {
      severity: r.shape.severity,
      focusNode: jsonTerm(r.focus),
      path,
      value: r.value === null ? null : jsonTerm(r.value),
      message: substitute(messages.en ?? messages.other ?? messages.sv ?? fallback, r.constraint.parameters),
      ...(messages.sv !== undefined ? { messageSv: substitute(messages.sv, r.constraint.parameters) } : {}),
      shape: r.shape.id,
      component: r.constraint.component,
      ...(owner !== undefined ? { dataset: iriOf(owner) } : {}),
      terms: { focusNode: r.focus, value: r.value },
    };
    results.push(result);
  }
  return sortResults(results);
}

export function sortResults(results: ValidationResult[]): ValidationResult[] {
  const key = (r: ValidationResult) => `${r.focusNode}\u0000${r.path ?? ''}\u0000${r.shape ?? ''}\u0000${r.value ?? ''}`;
  return results.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** IRI → the IRI, blank node → `_:label`, literal → its lexical value. */
export function jsonTerm(key: string): string {
  switch (termKind(key)) {
    case 'iri':
      return iriOf(key);
    case 'blank':
      return key;
    default:
      return decodeLiteral(key).lexical;
  }
}

/** SHACL message templates: `{$minCount}` and `{?minCount}` become the constraint's parameter. */
function substitute(message: string, parameters: Record<string, string>): string {
  if (!message.includes('{')) return message;
  return message.replace(/\{[$?]([A-Za-z]+)\}/g, (whole, name: string) => parameters[name] ?? whole);
}
