/**
 * A read-only triple index built straight from N-Triples text, for validation. Terms stay in their N-Triples
 * spelling (`<iri>`, `_:label`, `"lexical"@lang`, `"lexical"^^<datatype>`) and are used as map keys as they are:
 * the parser that produced the text writes every term one way, so equal spellings mean equal terms. Literal
 * values are decoded only where a constraint needs them (datatype, pattern, comparisons), and cached.
 *
 * Building this index is several times cheaper than RDF/JS quads in an N3.Store, and lookups are plain Map reads.
 */

import { RDF_DIR_LANG_STRING, RDF_LANG_STRING, XSD_STRING, rdf, rdfs } from '../rdf/vocabulary.js';

/** rdf:type and rdfs:subClassOf as this index spells them (N-Triples terms), for its lookups. */
export const RDF_TYPE = `<${rdf('type')}>`;
export const RDFS_SUBCLASS_OF = `<${rdfs('subClassOf')}>`;

const EMPTY: readonly string[] = Object.freeze([]);

export type TermKind = 'iri' | 'blank' | 'literal';

export function termKind(key: string): TermKind {
  const first = key.charCodeAt(0);
  if (first === 60 /* < */) return 'iri';
  if (first === 95 /* _ */) return 'blank';
  return 'literal';
}

export interface DecodedLiteral {
  lexical: string;
  /** Lower-case language tag, '' when none. */
  language: string;
  datatype: string;
}

const literalCache = new Map<string, DecodedLiteral>();

/** Split an N-Triples literal into lexical form, language and datatype (escapes resolved). */
export function decodeLiteral(key: string): DecodedLiteral {
  let decoded = literalCache.get(key);
  if (decoded) return decoded;
  const close = key.lastIndexOf('"');
  const raw = key.slice(1, close);
  const lexical = raw.includes('\\') ? unescapeNTriples(raw) : raw;
  const rest = key.slice(close + 1);
  if (rest.startsWith('@')) {
    const language = rest.slice(1).toLowerCase();
    decoded = { lexical, language, datatype: language.includes('--') ? RDF_DIR_LANG_STRING : RDF_LANG_STRING };
  } else if (rest.startsWith('^^<')) {
    decoded = { lexical, language: '', datatype: iriOf(rest.slice(2)) };
  } else {
    decoded = { lexical, language: '', datatype: XSD_STRING };
  }
  // The cache only serves repeated values within and across runs (dates, codes); keep it bounded.
  if (literalCache.size > 200_000) literalCache.clear();
  literalCache.set(key, decoded);
  return decoded;
}

/** The IRI inside `<…>`. */
export function iriOf(key: string): string {
  const inner = key.slice(1, -1);
  return inner.includes('\\') ? unescapeNTriples(inner) : inner;
}

/** The string a constraint like sh:pattern or sh:minLength sees: an IRI's text or a literal's lexical form. */
export function stringValue(key: string): string {
  switch (termKind(key)) {
    case 'iri':
      return iriOf(key);
    case 'blank':
      return key.slice(2);
    default:
      return decodeLiteral(key).lexical;
  }
}

/**
 * One spelling per RDF term, whoever wrote it: used to compare data terms with terms from the shapes graph
 * (sh:in, sh:hasValue), where the two sides were not written by the same serialiser.
 */
export function canonicalKey(key: string): string {
  if (termKind(key) !== 'literal') return termKind(key) === 'iri' ? `<${iriOf(key)}>` : key;
  const { lexical, language, datatype } = decodeLiteral(key);
  return literalKey(lexical, language, datatype);
}

export function literalKey(lexical: string, language: string, datatype: string): string {
  const quoted = JSON.stringify(lexical);
  if (language) return `${quoted}@${language.toLowerCase()}`;
  if (datatype === XSD_STRING) return quoted;
  return `${quoted}^^<${datatype}>`;
}

const ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

export function unescapeNTriples(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"'\\])/g, (_, code: string) => {
    if (code.length === 1) return ESCAPES[code]!;
    return String.fromCodePoint(parseInt(code.slice(1), 16));
  });
}

/** Call `onTriple` for each triple line of an N-Triples document (comments and blank lines skipped). */
export function forEachTriple(ntriples: string, onTriple: (s: string, p: string, o: string, line: string) => void): void {
  let start = 0;
  const length = ntriples.length;
  while (start < length) {
    let end = ntriples.indexOf('\n', start);
    if (end < 0) end = length;
    const line = ntriples.slice(start, end);
    start = end + 1;
    const triple = splitLine(line);
    if (triple) onTriple(triple[0], triple[1], triple[2], triple[3]);
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;

/**
 * `<s> <p> <o> .` → [s, p, o, normalised line]. Subjects and predicates never contain white space in N-Triples, so
 * the object is everything between the second gap and the final dot.
 */
export function splitLine(line: string): [string, string, string, string] | undefined {
  let i = 0;
  const n = line.length;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  if (i >= n || line.charCodeAt(i) === 35 /* # */) return undefined;
  const sStart = i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  const sEnd = i;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  const pStart = i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  const pEnd = i;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isSpace(line.charCodeAt(end - 1))) end--;
  if (end > i && line.charCodeAt(end - 1) === 46 /* . */) end--;
  while (end > i && isSpace(line.charCodeAt(end - 1))) end--;
  if (pEnd <= pStart || end <= i) throw new Error(`Not an N-Triples line: ${line.slice(0, 200)}`);
  const s = line.slice(sStart, sEnd);
  const p = line.slice(pStart, pEnd);
  const o = line.slice(i, end);
  const normal = sStart === 0 && pStart === sEnd + 1 && i === pEnd + 1 && end === n - 2 ? line : `${s} ${p} ${o} .`;
  return [s, p, o, normal];
}

/**
 * Subject → predicate → objects, plus object → subjects for the predicates the shapes walk backwards
 * (rdf:type and rdfs:subClassOf for targets and sh:class, inverse paths, sh:targetObjectsOf).
 */
export class TripleGraph {
  readonly out = new Map<string, Map<string, string[]>>();
  /** The N-Triples lines per subject, when built with `keepLines` (for digests). */
  readonly lines = new Map<string, string[]>();
  private readonly backwards = new Map<string, Map<string, string[]>>();
  private readonly largeLists = new WeakMap<string[], Set<string>>();
  size = 0;

  constructor(inversePredicates: Iterable<string> = []) {
    for (const p of [RDF_TYPE, RDFS_SUBCLASS_OF, ...inversePredicates]) this.backwards.set(p, new Map());
  }

  /** Add a triple; false when it was there already. */
  add(s: string, p: string, o: string, line?: string): boolean {
    let bySubject = this.out.get(s);
    if (!bySubject) {
      bySubject = new Map();
      this.out.set(s, bySubject);
    }
    const objects = bySubject.get(p);
    if (!objects) bySubject.set(p, [o]);
    else if (this.contains(objects, o)) return false; // a graph is a set
    else objects.push(o);
    this.size++;
    if (line !== undefined) {
      const lines = this.lines.get(s);
      if (lines) lines.push(line);
      else this.lines.set(s, [line]);
    }
    const index = this.backwards.get(p);
    if (index) {
      const subjects = index.get(o);
      if (subjects) subjects.push(s);
      else index.set(o, [s]);
    }
    return true;
  }

  /**
   * Take a triple out again, undoing add(): its line (when `line` is given and was kept), its backwards entry, and
   * maps left empty, so a subject with no triples left is no longer in `out`. False when the triple was not there.
   */
  remove(s: string, p: string, o: string, line?: string): boolean {
    const bySubject = this.out.get(s);
    const objects = bySubject?.get(p);
    const at = objects ? objects.indexOf(o) : -1;
    if (at < 0) return false;
    objects!.splice(at, 1);
    const set = this.largeLists.get(objects!);
    // contains() reads the set only from 16 objects on; a shorter list would let it go stale.
    if (set && objects!.length < 16) this.largeLists.delete(objects!);
    else set?.delete(o);
    if (objects!.length === 0) bySubject!.delete(p);
    if (bySubject!.size === 0) this.out.delete(s);
    this.size--;
    if (line !== undefined) dropOne(this.lines, s, line);
    if (this.backwards.has(p)) dropOne(this.backwards.get(p)!, o, s);
    return true;
  }

  /** Duplicate check that stays linear for long value lists (a catalogue's 10,000 dcat:dataset links). */
  private contains(objects: string[], o: string): boolean {
    if (objects.length < 16) return objects.includes(o);
    let set = this.largeLists.get(objects);
    if (!set) {
      set = new Set(objects);
      this.largeLists.set(objects, set);
    }
    if (set.has(o)) return true;
    set.add(o);
    return false;
  }

  objects(s: string, p: string): readonly string[] {
    return this.out.get(s)?.get(p) ?? EMPTY;
  }

  /** Subjects with `p o`; only for predicates named at construction. */
  subjects(p: string, o: string): readonly string[] {
    const index = this.backwards.get(p);
    if (!index) throw new Error(`predicate ${p} is not indexed backwards`);
    return index.get(o) ?? EMPTY;
  }

  /** All (object → subjects) pairs of a backwards-indexed predicate. */
  objectsOf(p: string): IterableIterator<[string, string[]]> {
    const index = this.backwards.get(p);
    if (!index) throw new Error(`predicate ${p} is not indexed backwards`);
    return index.entries();
  }

  isIndexedBackwards(p: string): boolean {
    return this.backwards.has(p);
  }
}

/** Remove one `value` from the list under `key`; drop the list when it empties. */
export function dropOne(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  const at = list ? list.indexOf(value) : -1;
  if (at < 0) return;
  list!.splice(at, 1);
  if (list!.length === 0) map.delete(key);
}
