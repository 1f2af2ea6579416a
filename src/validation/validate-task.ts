import { threadId } from 'node:worker_threads';
import { forEachTriple, iriOf, termKind, TripleGraph, decodeLiteral } from './ntriples-graph.js';
import { loadProfile, type LoadedProfile } from './loaded-profile.js';
import { Partition, type DatasetDigests, type Triple } from './partition.js';
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
  /**
   * Names the catalogue (its IRI) so the thread may keep its index for the next validation of it. Only chunk 0 keeps
   * anything.
   */
  catalogKey?: string;
  /** Upper bound of triples kept for later validations in this thread; 0 keeps nothing. */
  cacheTriples?: number;
  /**
   * A write as a line diff against the text of the kept index `version`: take the `removed` lines out of that index,
   * then add the lines of `ntriples` (a POST removes nothing). Lines not in the index are ignored, as are added lines it
   * already has. Without `previous`, the digests of that index stand for it. When the thread no longer has that
   * index, the answer is `needFullText`.
   */
  base?: { version: number; removed: string };
}

export interface ValidationTaskResult {
  /** The results of the nodes validated this time (see `covers`). */
  results: ValidationResult[];
  /**
   * Whose results `results` replaces: every result ('all'), or those of the shared nodes (when `shared`) and of these
   * datasets (IRIs).
   * The results of other datasets stay as they were; the caller keeps them (a thread never sees earlier results, as
   * a catalogue with 40,000 warnings costs more to copy between threads than a small write takes to validate).
   */
  covers: 'all' | { shared: boolean; datasets: string[] };
  /** Present from chunk 0. */
  digests?: DatasetDigests;
  /** Datasets validated by all chunks together (the same number in every chunk). */
  validatedDatasets: number;
  datasets: number;
  triples: number;
  /** How the catalogue was read: parsed whole, a kept index patched, or found unchanged. */
  path: 'full' | 'patch' | 'unchanged';
  /** Milliseconds: index, partition + digests, evaluation. */
  timings: { index: number; partition: number; evaluate: number };
  /** Set when this thread kept the index of this text, under this version. */
  kept?: { version: number };
  /** Instead of `digests`, for a task with `base`: the shared digest, the dataset digests that changed, and the datasets gone. */
  digestChanges?: { shared: string; datasets: Record<string, string>; removed: string[] };
  /** The catalogues whose indexes the thread holds after this task. */
  keptKeys?: string[];
}

export interface NeedFullText {
  needFullText: true;
  keptKeys: string[];
}

/** A catalogue index kept by a thread after a validation without violations (see ValidationTask.catalogKey). */
interface KeptCatalog {
  profileId: string;
  version: number;
  graph: TripleGraph;
  partition: Partition;
  digests: DatasetDigests;
  triples: number;
}

const kept = new Map<string, KeptCatalog>();

/** Triples of the catalogue indexes this thread keeps (bounded by the tasks' cacheTriples). */
export function keptTriples(): number {
  let triples = 0;
  for (const catalog of kept.values()) triples += catalog.triples;
  return triples;
}
// Versions are unique across the process's threads: a lane's thread replaced (for its memory, or at a deadline) starts
// with nothing kept, and a version it hands out must never match one its predecessor handed out.
let versions = threadId * 2 ** 32;
export const DEFAULT_CACHE_TRIPLES = 1_500_000;
/** Heap a kept catalogue index takes per triple (1.5M triples: about 600 MB). */
export const KEPT_BYTES_PER_TRIPLE = 400;

/**
 * Parse, partition and validate in the calling thread. Every chunk of a split validation parses the whole catalogue
 * and computes the same partition: the graph must be complete for every focus node (links to datasets in other
 * chunks, shared nodes), and recomputing it is cheaper than shipping an index between threads.
 */
export function runValidationTask(task: ValidationTask & { base?: undefined }): ValidationTaskResult;
export function runValidationTask(task: ValidationTask): ValidationTaskResult | NeedFullText;
export function runValidationTask(task: ValidationTask): ValidationTaskResult | NeedFullText {
  const loaded = loadProfile(task.profileId);
  const { base } = task;
  if (base) {
    const state = task.catalogKey === undefined ? undefined : kept.get(task.catalogKey);
    const usable =
      state !== undefined &&
      state.version === base.version &&
      state.profileId === task.profileId &&
      (task.previous === undefined || sameDigests(state.digests, task.previous));
    if (!usable) return { needFullText: true, keptKeys: [...kept.keys()] };
    const based = { ...task, previous: task.previous ?? state.digests };
    let result: ValidationTaskResult;
    if (task.ntriples === '' && base.removed === '') {
      result = { ...unchanged(state), kept: { version: state.version }, keptKeys: [...kept.keys()] };
    } else {
      kept.delete(task.catalogKey!); // the index is about to change; kept again below if the result allows
      result = patchOrRestore(based, base.removed, loaded, state);
    }
    // Send back only what changed: a 10,000-entry digest map costs more to copy between threads than the validation.
    const { digests, ...rest } = result;
    if (!digests) return result;
    const changes: Record<string, string> = {};
    for (const [iri, digest] of Object.entries(digests.datasets)) if (state.digests.datasets[iri] !== digest) changes[iri] = digest;
    const removed = Object.keys(state.digests.datasets).filter((iri) => !(iri in digests.datasets));
    return { ...rest, digestChanges: { shared: digests.shared, datasets: changes, removed } };
  }
  return remember(task, fullValidation(task, loaded));
}

type Outcome = ValidationTaskResult & { keep?: KeptCatalog };

function fullValidation(task: ValidationTask, loaded: LoadedProfile): Outcome {
  const { compiled } = loaded;
  // Digests are returned by chunk 0 and needed by every chunk to find what changed; other chunks of a full
  // validation skip them.
  const needDigests = task.chunk.index === 0 || task.previous !== undefined;
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
  const selection = task.previous && digests ? partition.changedSince(task.previous, digests) : { all: true, datasets: new Set(partition.datasets) };
  const partitionTime = performance.now() - t;

  const outcome = evaluate(task, compiled, partition, selection, digests, { index, partition: partitionTime }, triples, 'full');
  if (digests) outcome.keep = { profileId: task.profileId, version: 0, graph, partition, digests, triples };
  return outcome;
}

/**
 * A write against the kept index: patch it, validate, and keep it patched; when the new text has violations (it will
 * not be stored), undo the patch, so the index still stands for the stored text.
 */
function patchOrRestore(task: ValidationTask, removed: string, loaded: LoadedProfile, state: KeptCatalog): ValidationTaskResult {
  const { outcome, applied } = patchKept(task, removed, loaded, state);
  if (!applied || !outcome.results.some((r) => r.severity === 'Violation')) return remember(task, outcome);
  const { keep: _patched, ...result } = outcome;
  const undo = applyLines(state.graph, applied.added, applied.removed, backgroundOf(loaded));
  const effect = state.partition.patch(undo.removedTriples, undo.addedTriples, undo.relined);
  state.partition.digestsAfterPatch(loaded.fingerprint, effect, state.digests); // the links as they were
  kept.set(task.catalogKey!, state);
  return { ...result, kept: undefined, keptKeys: [...kept.keys()] };
}

/** The kept index with the removed lines taken out and the added ones put in; the partition follows. */
function patchKept(task: ValidationTask, removed: string, loaded: LoadedProfile, state: KeptCatalog): { outcome: Outcome; applied?: AppliedLines } {
  const { graph, partition } = state;
  let t = performance.now();
  const applied = applyLines(graph, parseLines(removed), parseLines(task.ntriples), backgroundOf(loaded));
  const triples = state.triples - applied.removedTriples.length + applied.addedTriples.length;
  const index = performance.now() - t;
  if (applied.removed.length === 0 && applied.added.length === 0) return { outcome: { ...unchanged(state), keep: state } };

  t = performance.now();
  const effect = partition.patch(applied.removedTriples, applied.addedTriples, applied.relined);
  const digests = partition.digestsAfterPatch(loaded.fingerprint, effect, state.digests);
  const selection = partition.changedAfterPatch(task.previous!, digests, effect);
  const partitionTime = performance.now() - t;
  const outcome = evaluate(task, loaded.compiled, partition, selection, digests, { index, partition: partitionTime }, triples, 'patch');
  outcome.keep = { profileId: task.profileId, version: 0, graph, partition, digests, triples };
  return { outcome, applied };
}

type Quad = [s: string, p: string, o: string, line: string];

/** Line changes that took effect, and what they did to the triples (a line the ontology also states keeps its triple). */
interface AppliedLines {
  removed: Quad[];
  added: Quad[];
  removedTriples: Triple[];
  addedTriples: Triple[];
  relined: string[];
}

function parseLines(ntriples: string): Quad[] {
  const quads: Quad[] = [];
  forEachTriple(ntriples, (s, p, o, line) => quads.push([s, p, o, line]));
  return quads;
}

/**
 * Remove, then add lines, as indexing the resulting text would have them: the data's lines are indexed before the
 * ontology, so a data line the ontology also states is kept as a line; without it the triple stays, lineless.
 */
function applyLines(graph: TripleGraph, remove: Quad[], add: Quad[], background: Set<string>): AppliedLines {
  const applied: AppliedLines = { removed: [], added: [], removedTriples: [], addedTriples: [], relined: [] };
  for (const quad of remove) {
    const [s, p, o, line] = quad;
    if (!graph.remove(s, p, o, line)) continue;
    applied.removed.push(quad);
    if (background.has(`${s} ${p} ${o}`)) {
      graph.add(s, p, o);
      applied.relined.push(s);
    } else {
      applied.removedTriples.push([s, p, o]);
    }
  }
  for (const quad of add) {
    const [s, p, o, line] = quad;
    if (graph.add(s, p, o, line)) {
      applied.added.push(quad);
      applied.addedTriples.push([s, p, o]);
    } else if (background.has(`${s} ${p} ${o}`) && !graph.lines.get(s)?.includes(line)) {
      graph.remove(s, p, o);
      graph.add(s, p, o, line);
      applied.added.push(quad);
      applied.relined.push(s);
    }
  }
  return applied;
}

const backgrounds = new WeakMap<LoadedProfile, Set<string>>();

function backgroundOf(loaded: LoadedProfile): Set<string> {
  let set = backgrounds.get(loaded);
  if (!set) {
    set = new Set(loaded.background.map(([s, p, o]) => `${s} ${p} ${o}`));
    backgrounds.set(loaded, set);
  }
  return set;
}

function unchanged(state: KeptCatalog): ValidationTaskResult {
  return {
    results: [],
    covers: { shared: false, datasets: [] },
    digests: state.digests,
    validatedDatasets: 0,
    datasets: state.partition.datasets.length,
    triples: state.triples,
    path: 'unchanged',
    timings: { index: 0, partition: 0, evaluate: 0 },
  };
}

function evaluate(
  task: ValidationTask,
  compiled: CompiledShapes,
  partition: Partition,
  selection: { all: boolean; datasets: Set<string> },
  digests: DatasetDigests | undefined,
  timings: { index: number; partition: number },
  triples: number,
  path: 'full' | 'patch',
): Outcome {
  const t = performance.now();
  const withShared = task.chunk.index === 0;
  const mine = new Set<string>();
  let i = 0;
  for (const d of partition.datasets) {
    if (!selection.datasets.has(d)) continue;
    if (i++ % task.chunk.count === task.chunk.index) mine.add(d);
  }
  const evaluator = new Evaluator(partition.graph, compiled);
  let raw: RawResult[];
  if (selection.all && task.chunk.count === 1) {
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
  return {
    results: toResults(raw, partition),
    covers: selection.all ? 'all' : { shared: withShared, datasets: [...mine].map(iriOf) },
    digests: withShared ? digests : undefined,
    validatedDatasets: selection.datasets.size,
    datasets: partition.datasets.length,
    triples,
    path,
    timings: { ...timings, evaluate: performance.now() - t },
  };
}

/** Keep the index of a catalogue whose validation found no violation here (the write will likely be stored). */
function remember(task: ValidationTask, outcome: Outcome): ValidationTaskResult {
  const { keep, ...result } = outcome;
  const budget = task.cacheTriples ?? DEFAULT_CACHE_TRIPLES;
  if (keep && task.chunk.index === 0 && task.catalogKey !== undefined && budget > 0 && keep.triples <= budget && !result.results.some((r) => r.severity === 'Violation')) {
    keep.version = ++versions;
    kept.delete(task.catalogKey);
    kept.set(task.catalogKey, keep);
    let total = 0;
    for (const entry of kept.values()) total += entry.triples;
    for (const [key, entry] of kept) {
      if (total <= budget) break;
      kept.delete(key);
      total -= entry.triples;
    }
    if (kept.get(task.catalogKey) === keep) result.kept = { version: keep.version };
  }
  return { ...result, keptKeys: [...kept.keys()] };
}

function sameDigests(a: DatasetDigests, b: DatasetDigests): boolean {
  if (a.shared !== b.shared) return false;
  const keys = Object.keys(a.datasets);
  if (keys.length !== Object.keys(b.datasets).length) return false;
  for (const k of keys) if (a.datasets[k] !== b.datasets[k]) return false;
  return true;
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
  // Each key is built once: a catalog's 40,000 warnings otherwise cost two new strings per comparison.
  const keyed = results.map((r) => ({ r, rank: SEVERITY_ORDER[r.severity], key: sortKey(r) }));
  keyed.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) results[i] = keyed[i]!.r;
  return results;
}

/** Two lists each in sortResults order, as one in that order: linear, for a few fresh results among 40,000 kept. */
export function mergeSortedResults(a: ValidationResult[], b: ValidationResult[]): ValidationResult[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: ValidationResult[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let keyA = sortKey(a[0]!);
  let keyB = sortKey(b[0]!);
  for (let k = 0; k < merged.length; k++) {
    const takeA = j >= b.length || (i < a.length && comesFirst(a[i]!, keyA, b[j]!, keyB));
    if (takeA) {
      merged[k] = a[i++]!;
      if (i < a.length) keyA = sortKey(a[i]!);
    } else {
      merged[k] = b[j++]!;
      if (j < b.length) keyB = sortKey(b[j]!);
    }
  }
  return merged;
}

function comesFirst(a: ValidationResult, keyA: string, b: ValidationResult, keyB: string): boolean {
  const rank = SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return rank < 0 || (rank === 0 && keyA <= keyB);
}

function sortKey(r: ValidationResult): string {
  return `${r.focusNode}\u0000${r.path ?? ''}\u0000${r.shape ?? ''}\u0000${r.value ?? ''}`;
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
