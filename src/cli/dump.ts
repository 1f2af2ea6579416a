import { once } from 'node:events';
import type { Config } from '../config.js';
import { NQuadsOfGraph } from '../rdf/nquads-of-graph.js';
import { recordsNQuads } from '../backup/records-graph.js';
import { withOfflineStore } from './offline-store.js';
import { EXIT_OK } from './usage.js';

/**
 * `dump`: every graph of DATA_DIR's store as N-Quads on stdout, graph after graph (the default graph's triples
 * without a graph term), with the literals as they were written, then the server's records (catalog records, token
 * hashes) as one more graph (src/backup/records-graph.ts), so `restore` gives back the same server; `graphsOnly`
 * leaves the records out. Waits for stdout to drain, so a slow reader slows the dump rather than filling memory.
 */
export async function dumpCommand(config: Config, options: { graphsOnly?: boolean } = {}, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  // A failed write (EPIPE when the reader went away) also rejects the wait for 'drain'; this keeps it from
  // being an unhandled 'error' event when no wait is pending.
  let failed: Error | undefined;
  const onError = (error: Error) => (failed = error);
  out.on('error', onError);
  await withOfflineStore(config, async (store, records) => {
    for (const graph of await store.listGraphs()) {
      const lines = new NQuadsOfGraph(graph);
      await store.document(graph, 'application/n-triples', (chunk) => write(out, lines.push(chunk), failed));
      await write(out, lines.end(), failed);
    }
    if (!options.graphsOnly) await write(out, recordsNQuads(records.entries('')), failed);
  }).finally(() => out.off('error', onError));
  return EXIT_OK;
}

/** Write and, when the stream's buffer is full, wait for it to drain (rejects if the stream fails meanwhile). */
async function write(out: NodeJS.WritableStream, text: string, failed: Error | undefined): Promise<void> {
  if (failed) throw failed;
  if (text && !out.write(text)) await once(out, 'drain');
}
