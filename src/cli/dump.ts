import { once } from 'node:events';
import type { Config } from '../config.js';
import { DEFAULT_GRAPH, type GraphName } from '../store/write-ops.js';
import { withOfflineStore } from './offline-store.js';
import { EXIT_OK } from './usage.js';

/**
 * `dump`: every graph of DATA_DIR's store as N-Quads on stdout, graph after graph (the default graph's triples
 * without a graph term), with the literals as they were written. Waits for stdout to drain, so a slow reader
 * slows the dump rather than filling memory.
 */
export async function dumpCommand(config: Config, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  // A failed write (EPIPE when the reader went away) also rejects the wait for 'drain'; this keeps it from
  // being an unhandled 'error' event when no wait is pending.
  let failed: Error | undefined;
  const onError = (error: Error) => (failed = error);
  out.on('error', onError);
  await withOfflineStore(config, async (store) => {
    for (const graph of await store.listGraphs()) {
      const lines = new QuadLines(graph);
      await store.document(graph, 'application/n-triples', (chunk) => write(out, lines.push(chunk), failed));
      await write(out, lines.end(), failed);
    }
  }).finally(() => out.off('error', onError));
  return EXIT_OK;
}

/** Turns the N-Triples of one graph, in chunks that may split lines and characters, into N-Quads lines. */
class QuadLines {
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
    return this.convert(rest.length ? `${rest}\n` : '');
  }

  private convert(text: string): string {
    if (!this.graphTerm) return text;
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

/** Write and, when the stream's buffer is full, wait for it to drain (rejects if the stream fails meanwhile). */
async function write(out: NodeJS.WritableStream, text: string, failed: Error | undefined): Promise<void> {
  if (failed) throw failed;
  if (text && !out.write(text)) await once(out, 'drain');
}
