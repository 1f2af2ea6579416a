import { DEFAULT_GRAPH, type GraphName } from '../store/store.js';

/**
 * Turns a graph's N-Triples, as the store streams them in chunks that may split lines and UTF-8 characters, into
 * N-Quads of that graph (the default graph's lines stay triples). A real newline only ever ends a statement (literals
 * escape theirs), so each complete line gets the graph term before its final "."; the part of a chunk after its last
 * newline waits for the next one. Used by `/dump.nq` and the CLI's `dump`.
 */
export class NQuadsOfGraph {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly graphTerm: string;
  private pending = '';

  constructor(graph: GraphName) {
    this.graphTerm = graph === DEFAULT_GRAPH ? '' : ` <${graph}>`;
  }

  push(chunk: Uint8Array): string {
    const text = this.pending + this.decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('\n') + 1;
    this.pending = text.slice(cut);
    return this.convert(text.slice(0, cut));
  }

  end(): string {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    return this.convert(rest.trim() ? `${rest}\n` : '');
  }

  private convert(text: string): string {
    let out = '';
    for (const line of text.split('\n')) {
      // Every N-Triples statement ends in " ." (and nothing but a comment or space may follow on its line).
      const end = line.trimEnd();
      if (!end || end.startsWith('#')) continue;
      if (!end.endsWith('.')) throw new Error(`unexpected N-Triples line from the store: ${line}`);
      out += `${end.slice(0, -1).trimEnd()}${this.graphTerm} .\n`;
    }
    return out;
  }
}
