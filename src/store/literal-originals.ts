import type { GraphName } from './store.js';
import { lines, splitTripleLine } from '../rdf/ntriples-lines.js';
import { XSD, XSD_STRING } from '../rdf/vocabulary.js';

const XSD_STRING_TERM = `<${XSD_STRING}>`;
/**
 * What every line with a literal a store may rewrite contains: Oxigraph rewrites XSD datatypes only; a remote store
 * may rewrite others too (Virtuoso turns geo:wktLiteral into its own geometry type), so it looks at every datatype.
 */
export const XSD_TYPED = `"^^<${XSD}`;
export const ANY_TYPED = '"^^<';

/**
 * Oxigraph rewrites typed literals on insert ("5"^^xsd:nonNegativeInteger becomes "5"^^xsd:integer, "1.0"^^xsd:decimal
 * becomes "1"). Document reads must give back what was written, so for every literal the store rewrote we keep the
 * original, keyed by where it sits: subject (IRIs only: blank node labels change on every load), predicate and the
 * rewritten literal. Only rewritten literals are kept, so a graph without such literals costs nothing.
 *
 * Each key counts its written forms. When two written forms share a stored one ("01" and "1" as xsd:integer on one
 * subject and predicate), the canonical form is counted too, so removing one of them leaves the stored triple for the
 * other. Blank-node subjects share one key per predicate and literal, so their counts add up across blank nodes.
 */
export type Normalizer = (literals: string[]) => string[];

/**
 * Which of these triples (N-Triples terms, IRI subjects) the store held before a load; asked, all at once, before an
 * addition is loaded.
 */
export type StoredBefore = (triples: { subject: string; predicate: string; literal: string }[]) => boolean[];

type WrittenForms = Map<string, number>;

export class LiteralOriginals {
  /**
   * Per graph, the entries as `key \u0001 form \u0001 count` lines in BUCKETS strings by a hash of the key: a few
   * objects per graph rather than maps of maps. Oxigraph's wasm memory growth makes V8 run full garbage collections
   * again and again while a large graph loads, and each of them marks every live object of the replica's heap (a
   * 10,000-dataset load took 2 s with a small heap, 9–29 s with four catalogs' originals kept as maps). A write reads
   * and rewrites only the buckets of its keys.
   */
  private readonly byGraph = new Map<GraphName, Map<number, string>>();

  /** `typed`: what marks a literal this store may rewrite (XSD_TYPED for Oxigraph, ANY_TYPED for a remote store). */
  constructor(private readonly typed: string = XSD_TYPED) {}

  /**
   * Note the literals of `ntriples` (as submitted) that the store keeps in another form. For an addition to a graph
   * that already has triples, `storedBefore` tells whether a rewritten literal's stored form was there already
   * (written canonically), so that form is counted as well.
   */
  record(graph: GraphName, ntriples: string, normalize: Normalizer, storedBefore?: StoredBefore): void {
    const candidates = rewritableLines(ntriples, this.typed);
    if (candidates.length === 0) return;
    const stored = storedForms(candidates, normalize);
    const keys = candidates.map((c) => keyOf(c.subject, c.predicate, stored.get(c.literal)!));
    const graphMap = this.read(graph, keys);
    const heldBefore = this.canonicalHeldBefore(candidates, stored, graphMap, storedBefore);
    // Rewritten forms first, so a canonical form met before them in the text is still counted.
    for (const candidate of candidates) {
      const canonical = stored.get(candidate.literal)!;
      if (canonical === candidate.literal) continue;
      const key = keyOf(candidate.subject, candidate.predicate, canonical);
      let forms = graphMap.get(key);
      if (!forms) {
        graphMap.set(key, (forms = new Map()));
        if (heldBefore.has(key)) forms.set(canonical, 1);
      }
      count(forms, candidate);
    }
    for (const candidate of candidates) {
      const canonical = stored.get(candidate.literal)!;
      if (canonical !== candidate.literal) continue;
      const forms = graphMap.get(keyOf(candidate.subject, candidate.predicate, canonical));
      if (forms) count(forms, candidate);
    }
    this.write(graph, graphMap, keys);
  }

  /** Keys of rewritten literals new to the map whose stored form the graph held already (written canonically). */
  private canonicalHeldBefore(
    candidates: Candidate[],
    stored: Map<string, string>,
    graphMap: Map<string, WrittenForms>,
    storedBefore: StoredBefore | undefined,
  ): Set<string> {
    const held = new Set<string>();
    if (!storedBefore) return held;
    const asked = new Map<string, { subject: string; predicate: string; literal: string }>();
    for (const c of candidates) {
      const canonical = stored.get(c.literal)!;
      const key = keyOf(c.subject, c.predicate, canonical);
      // A blank-node subject of an addition is a new node: it cannot have held anything.
      if (canonical === c.literal || c.subject.startsWith('_:') || graphMap.has(key)) continue;
      asked.set(key, { subject: c.subject, predicate: c.predicate, literal: canonical });
    }
    if (asked.size === 0) return held;
    const answers = storedBefore([...asked.values()]);
    [...asked.keys()].forEach((key, i) => answers[i] && held.add(key));
    return held;
  }

  /**
   * Forget the written forms of triples leaving the graph. Returns the lines whose stored triple must stay because
   * another written form of it is still in the graph.
   */
  remove(graph: GraphName, ntriples: string, normalize: Normalizer): Set<string> {
    const staying = new Set<string>();
    if (!this.byGraph.has(graph)) return staying;
    const candidates = rewritableLines(ntriples, this.typed);
    if (candidates.length === 0) return staying;
    const stored = storedForms(candidates, normalize);
    const keys = candidates.map((c) => keyOf(c.subject, c.predicate, stored.get(c.literal)!));
    const graphMap = this.read(graph, keys);
    for (const candidate of candidates) {
      const canonical = stored.get(candidate.literal)!;
      const key = keyOf(candidate.subject, candidate.predicate, canonical);
      const forms = graphMap.get(key);
      if (!forms) continue;
      const left = (forms.get(candidate.literal) ?? 0) - 1;
      if (left > 0) forms.set(candidate.literal, left);
      else forms.delete(candidate.literal);
      if (forms.size > 0) staying.add(candidate.line);
      // The canonical form alone needs no entry: the store gives it back as written.
      if (forms.size === 0 || (forms.size === 1 && forms.has(canonical))) graphMap.delete(key);
    }
    this.write(graph, graphMap, keys);
    return staying;
  }

  forget(graph: GraphName): void {
    this.byGraph.delete(graph);
  }

  has(graph: GraphName): boolean {
    return this.byGraph.has(graph);
  }

  /** Put the submitted literals back into an N-Triples dump of the graph. Only lines with an XSD datatype are looked at. */
  restore(graph: GraphName, dump: string): string {
    if (!this.byGraph.has(graph)) return dump;
    const graphMap = this.read(graph, 'all');
    const out: string[] = [];
    let copied = 0;
    for (const { start, end, line } of typedLines(dump, this.typed)) {
      const triple = splitTripleLine(line);
      const forms = triple && isRewritable(triple.object, this.typed) ? graphMap.get(keyOf(triple.subject, triple.predicate, triple.object)) : undefined;
      if (!forms) continue;
      out.push(dump.slice(copied, start));
      for (const original of forms.keys()) out.push(`${triple!.subject} ${triple!.predicate} ${original} .\n`);
      copied = end + 1;
    }
    if (copied === 0) return dump;
    out.push(dump.slice(copied));
    return out.join('');
  }

  /** For snapshots: each key with its written forms, a form repeated as often as it is counted. */
  export(graph: GraphName): [string, string[]][] {
    return [...this.read(graph, 'all')].map(([key, forms]) => [key, [...forms].flatMap(([form, n]) => Array<string>(n).fill(form))]);
  }

  import(graph: GraphName, entries: [string, string[]][]): void {
    const graphMap = this.read(graph, 'all');
    for (const [key, originals] of entries) {
      const forms: WrittenForms = new Map();
      for (const original of originals) forms.set(original, (forms.get(original) ?? 0) + 1);
      graphMap.set(key, forms);
    }
    this.write(graph, graphMap, 'all');
  }

  /** The entries of the buckets holding `keys` (or all), as maps for the length of one call. */
  private read(graph: GraphName, keys: string[] | 'all'): Map<string, WrittenForms> {
    const map = new Map<string, WrittenForms>();
    const buckets = this.byGraph.get(graph);
    if (!buckets) return map;
    const wanted = keys === 'all' ? buckets.keys() : new Set(keys.map(bucketOf));
    for (const bucket of wanted) {
      for (const line of lines(buckets.get(bucket) ?? '')) {
        const [key, form, times] = line.split(SEPARATOR) as [string, string, string];
        let forms = map.get(key);
        if (!forms) map.set(key, (forms = new Map()));
        forms.set(form, Number(times));
      }
    }
    return map;
  }

  /** Write back the buckets of `keys` (or all) from `map`, which holds every entry of those buckets. */
  private write(graph: GraphName, map: Map<string, WrittenForms>, keys: string[] | 'all'): void {
    let buckets = this.byGraph.get(graph);
    if (!buckets) this.byGraph.set(graph, (buckets = new Map()));
    const touched = keys === 'all' ? new Set([...buckets.keys(), ...[...map.keys()].map(bucketOf)]) : new Set(keys.map(bucketOf));
    const texts = new Map<number, string[]>();
    for (const [key, forms] of map) {
      const bucket = bucketOf(key);
      if (!touched.has(bucket)) continue;
      let text = texts.get(bucket);
      if (!text) texts.set(bucket, (text = []));
      for (const [form, times] of forms) text.push(`${key}${SEPARATOR}${form}${SEPARATOR}${times}\n`);
    }
    for (const bucket of touched) {
      const text = texts.get(bucket);
      if (text) buckets.set(bucket, text.join(''));
      else buckets.delete(bucket);
    }
    if (buckets.size === 0) this.byGraph.delete(graph);
  }
}

const BUCKETS = 256;

function bucketOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKETS;
}

/** N-Triples escapes control characters in literals and IRIs, so it cannot occur inside a key or a form. */
const SEPARATOR = '\u0001';

interface Candidate {
  line: string;
  subject: string;
  predicate: string;
  literal: string;
}

/**
 * The distinct lines of a text whose object the store may rewrite. Only lines with an XSD datatype are taken apart:
 * splitting all 390,000 lines of a large catalog leaves a heap of garbage behind for the load that follows.
 */
function rewritableLines(ntriples: string, typed: string): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const { line } of typedLines(ntriples, typed)) {
    const triple = splitTripleLine(line);
    if (!triple || !isRewritable(triple.object, typed) || seen.has(line)) continue;
    seen.add(line);
    candidates.push({ line, subject: triple.subject, predicate: triple.predicate, literal: triple.object });
  }
  return candidates;
}

/** The lines with `typed` in them (maybe inside a string), with where they start and end (at their newline). */
function* typedLines(text: string, typed: string): Generator<{ start: number; end: number; line: string }> {
  for (let at = text.indexOf(typed); at >= 0; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    at = text.indexOf(typed, end);
    yield { start, end, line: text.slice(start, end) };
  }
}

function storedForms(candidates: Candidate[], normalize: Normalizer): Map<string, string> {
  const distinct = [...new Set(candidates.map((c) => c.literal))];
  const normalized = normalize(distinct);
  return new Map(distinct.map((literal, i) => [literal, normalized[i] ?? literal]));
}

/** IRI subjects hold a written form once (a graph is a set); blank-node subjects share a key, so they add up. */
function count(forms: WrittenForms, candidate: Candidate): void {
  forms.set(candidate.literal, candidate.subject.startsWith('_:') ? (forms.get(candidate.literal) ?? 0) + 1 : 1);
}

function isRewritable(object: string, typed: string): boolean {
  return object.startsWith('"') && object.endsWith('>') && object.includes(typed) && !object.endsWith(XSD_STRING_TERM);
}

function keyOf(subject: string, predicate: string, storedLiteral: string): string {
  return `${subject.startsWith('_:') ? '_' : subject} ${predicate} ${storedLiteral}`;
}
