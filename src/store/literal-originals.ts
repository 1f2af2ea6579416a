import { type GraphName } from './write-ops.js';
import { lines, splitTripleLine } from '../rdf/ntriples-lines.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `<${XSD}string>`;

/**
 * Oxigraph rewrites typed literals on insert ("5"^^xsd:nonNegativeInteger becomes "5"^^xsd:integer, "1.0"^^xsd:decimal
 * becomes "1"). Document reads must give back what was written, so for every literal the store rewrote we keep the
 * original, keyed by where it sits: subject (IRIs only: blank node labels change on every load), predicate and the
 * rewritten literal. Only rewritten literals are kept, so a graph without such literals costs nothing.
 */
export type Normalizer = (literals: string[]) => string[];

export class LiteralOriginals {
  private readonly byGraph = new Map<GraphName, Map<string, string[]>>();

  /** Note the literals of `ntriples` (as submitted) that the store keeps in another form. */
  record(graph: GraphName, ntriples: string, normalize: Normalizer): void {
    const candidates: { subject: string; predicate: string; literal: string }[] = [];
    for (const line of lines(ntriples)) {
      const triple = splitTripleLine(line);
      if (triple && isRewritable(triple.object)) {
        candidates.push({ subject: subjectKey(triple.subject), predicate: triple.predicate, literal: triple.object });
      }
    }
    if (candidates.length === 0) return;
    const distinct = [...new Set(candidates.map((c) => c.literal))];
    const normalized = normalize(distinct);
    const map = new Map(distinct.map((literal, i) => [literal, normalized[i] ?? literal]));
    for (const candidate of candidates) {
      const stored = map.get(candidate.literal)!;
      if (stored === candidate.literal) continue;
      const key = `${candidate.subject} ${candidate.predicate} ${stored}`;
      const graphMap = this.graphMap(graph);
      const originals = graphMap.get(key);
      if (!originals) graphMap.set(key, [candidate.literal]);
      else if (!originals.includes(candidate.literal)) originals.push(candidate.literal);
    }
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
      const originals =
        triple && isRewritable(triple.object)
          ? graphMap.get(`${subjectKey(triple.subject)} ${triple.predicate} ${triple.object}`)
          : undefined;
      if (!originals) out.push(line);
      else for (const original of originals) out.push(`${triple!.subject} ${triple!.predicate} ${original} .`);
    }
    return out.length ? `${out.join('\n')}\n` : '';
  }

  export(graph: GraphName): [string, string[]][] {
    return [...(this.byGraph.get(graph) ?? new Map<string, string[]>()).entries()];
  }

  import(graph: GraphName, entries: [string, string[]][]): void {
    if (entries.length) this.byGraph.set(graph, new Map(entries));
  }

  private graphMap(graph: GraphName): Map<string, string[]> {
    let map = this.byGraph.get(graph);
    if (!map) this.byGraph.set(graph, (map = new Map()));
    return map;
  }
}

function isRewritable(object: string): boolean {
  return object.startsWith('"') && object.endsWith('>') && object.includes(`"^^<${XSD}`) && !object.endsWith(XSD_STRING);
}

function subjectKey(subject: string): string {
  return subject.startsWith('_:') ? '_' : subject;
}
