import type { GraphName } from './write-ops.js';

/**
 * Quads per graph as the replica's writes imply them: a loaded document adds its lines (an upper bound when it
 * repeats triples already there), a drop clears the graph, a SPARQL update is
 * not counted until a snapshot sets the exact count of each graph it writes.
 * Good enough for the capacity ceiling and /healthz, and O(1) where Oxigraph's own size is O(quads).
 */
export class QuadCounts {
  private readonly byGraph = new Map<GraphName, number>();
  private sum = 0;

  get total(): number {
    return this.sum;
  }

  of(graph: GraphName): number {
    return this.byGraph.get(graph) ?? 0;
  }

  set(graph: GraphName, quads: number): void {
    this.sum += quads - this.of(graph);
    if (quads === 0) this.byGraph.delete(graph);
    else this.byGraph.set(graph, quads);
  }

  add(graph: GraphName, quads: number): void {
    this.set(graph, this.of(graph) + quads);
  }
}
