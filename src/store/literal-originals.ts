import { type GraphName } from './write-ops.js';
import { lines, splitTripleLine } from '../rdf/ntriples-lines.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `<${XSD}string>`;

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

/** Whether the store held (subject, predicate, literal) before a load; asked before an addition is loaded. */
export type StoredBefore = (subject: string, predicate: string, literal: string) => boolean;

type WrittenForms = Map<string, number>;

export class LiteralOriginals {
  private readonly byGraph = new Map<GraphName, Map<string, WrittenForms>>();

  /**
   * Note the literals of `ntriples` (as submitted) that the store keeps in another form. For an addition to a graph
   * that already has triples, `storedBefore` tells whether a rewritten literal's stored form was there already
   * (written canonically), so that form is counted as well.
   */
  record(graph: GraphName, ntriples: string, normalize: Normalizer, storedBefore?: StoredBefore): void {
    const candidates = rewritableLines(ntriples);
    if (candidates.length === 0) return;
    const stored = storedForms(candidates, normalize);
    const graphMap = this.graphMap(graph);
    // Rewritten forms first, so a canonical form met before them in the text is still counted.
    for (const candidate of candidates) {
      const canonical = stored.get(candidate.literal)!;
      if (canonical === candidate.literal) continue;
      const key = keyOf(candidate.subject, candidate.predicate, canonical);
      let forms = graphMap.get(key);
      if (!forms) {
        graphMap.set(key, (forms = new Map()));
        if (storedBefore?.(candidate.subject, candidate.predicate, canonical)) forms.set(canonical, 1);
      }
      count(forms, candidate);
    }
    for (const candidate of candidates) {
      const canonical = stored.get(candidate.literal)!;
      if (canonical !== candidate.literal) continue;
      const forms = graphMap.get(keyOf(candidate.subject, candidate.predicate, canonical));
      if (forms) count(forms, candidate);
    }
    if (graphMap.size === 0) this.byGraph.delete(graph);
  }

  /**
   * Forget the written forms of triples leaving the graph. Returns the lines whose stored triple must stay because
   * another written form of it is still in the graph.
   */
  remove(graph: GraphName, ntriples: string, normalize: Normalizer): Set<string> {
    const staying = new Set<string>();
    const graphMap = this.byGraph.get(graph);
    if (!graphMap) return staying;
    const candidates = rewritableLines(ntriples);
    if (candidates.length === 0) return staying;
    const stored = storedForms(candidates, normalize);
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
    if (graphMap.size === 0) this.byGraph.delete(graph);
    return staying;
  }

  forget(graph: GraphName): void {
    this.byGraph.delete(graph);
  }

  has(graph: GraphName): boolean {
    return (this.byGraph.get(graph)?.size ?? 0) > 0;
  }

  /** Put the submitted literals back into an N-Triples dump of the graph. */
  restore(graph: GraphName, dump: string): string {
    const graphMap = this.byGraph.get(graph);
    if (!graphMap || graphMap.size === 0) return dump;
    const out: string[] = [];
    for (const line of lines(dump)) {
      const triple = splitTripleLine(line);
      const forms = triple && isRewritable(triple.object) ? graphMap.get(keyOf(triple.subject, triple.predicate, triple.object)) : undefined;
      if (!forms) out.push(line);
      else for (const original of forms.keys()) out.push(`${triple!.subject} ${triple!.predicate} ${original} .`);
    }
    return out.length ? `${out.join('\n')}\n` : '';
  }

  /** For snapshots: each key with its written forms, a form repeated as often as it is counted. */
  export(graph: GraphName): [string, string[]][] {
    const graphMap = this.byGraph.get(graph);
    if (!graphMap) return [];
    return [...graphMap].map(([key, forms]) => [key, [...forms].flatMap(([form, n]) => Array<string>(n).fill(form))]);
  }

  import(graph: GraphName, entries: [string, string[]][]): void {
    if (entries.length === 0) return;
    const graphMap = this.graphMap(graph);
    for (const [key, originals] of entries) {
      const forms: WrittenForms = new Map();
      for (const original of originals) forms.set(original, (forms.get(original) ?? 0) + 1);
      graphMap.set(key, forms);
    }
  }

  private graphMap(graph: GraphName): Map<string, WrittenForms> {
    let map = this.byGraph.get(graph);
    if (!map) this.byGraph.set(graph, (map = new Map()));
    return map;
  }
}

interface Candidate {
  line: string;
  subject: string;
  predicate: string;
  literal: string;
}

/** The distinct lines of a text whose object the store may rewrite. */
function rewritableLines(ntriples: string): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const line of lines(ntriples)) {
    const triple = splitTripleLine(line);
    if (!triple || !isRewritable(triple.object) || seen.has(line)) continue;
    seen.add(line);
    candidates.push({ line, subject: triple.subject, predicate: triple.predicate, literal: triple.object });
  }
  return candidates;
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

function isRewritable(object: string): boolean {
  return object.startsWith('"') && object.endsWith('>') && object.includes(`"^^<${XSD}`) && !object.endsWith(XSD_STRING);
}

function keyOf(subject: string, predicate: string, storedLiteral: string): string {
  return `${subject.startsWith('_:') ? '_' : subject} ${predicate} ${storedLiteral}`;
}
