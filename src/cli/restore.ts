import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from '../config.js';
import { RECORDS_GRAPH, recordOfStatement } from '../backup/records-graph.js';
import { splitStatement } from '../backup/nquads-statement.js';
import { withOfflineStore } from './offline-store.js';
import type { Store } from '../store/store.js';
import type { Records } from '../records/records.js';
import { EXIT_OK, UsageError } from './usage.js';

const PROGRESS_EVERY_MS = 2000;

export class RestoreFailed extends Error {}

/**
 * `restore <file>`: the counterpart of `dump`. Loads an N-Quads dump (every graph, and the server's records as the
 * graph dump writes them in) into an empty data directory. The store is built in a directory beside DATA_DIR and
 * moved into place only when every graph is in, so a failed restore leaves nothing half-restored. Each graph is
 * loaded in one write, as dump writes it in one run of lines; a graph that comes back later in the file is refused
 * (its blank nodes could not be joined). Progress goes to stderr.
 */
export async function restoreCommand(config: Config, file: string, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const input = openInput(file);
  const target = config.dataDir;
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new UsageError(`restore needs an empty data directory; ${target} is not empty (move it away, or give another --data-dir)`);
  }
  const building = path.join(path.dirname(target), `.${path.basename(target)}.restoring-${process.pid}`);
  fs.rmSync(building, { recursive: true, force: true });
  const started = Date.now();
  let lastProgress = started;
  const counts = { graphs: 0, quads: 0, records: 0, lines: 0 };
  /** Read the dump into the store: each graph in one write, then the records. */
  const restoreInto = async (store: Store, kept: Records, done: Set<string>): Promise<void> => {
    const records: [string, unknown][] = [];
    let graph: string | undefined;
    let firstLine = 0;
    let lastLine = 0;
    let pieces: string[] = [];
    const flush = async () => {
      if (graph === undefined) return;
      try {
        await store.replaceGraph(graph, pieces.join(''));
      } catch (error) {
        throw new RestoreFailed(`${file}, lines ${firstLine}–${lastLine}: graph <${graph}> could not be loaded: ${(error as Error).message}`);
      }
      done.add(graph);
      counts.graphs++;
      counts.quads += pieces.length;
      pieces = [];
    };
    for await (const line of readline.createInterface({ input: input.stream, crlfDelay: Infinity })) {
      counts.lines++;
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) continue;
      const statement = splitStatement(trimmed);
      if ('error' in statement) throw new RestoreFailed(`${file}, line ${counts.lines}: not an N-Quads statement: ${statement.error}`);
      if (statement.graph === RECORDS_GRAPH) {
        try {
          records.push(recordOfStatement(statement.subject, statement.predicate, statement.object));
        } catch (error) {
          throw new RestoreFailed(`${file}, line ${counts.lines}: ${(error as Error).message}`);
        }
        continue;
      }
      if (statement.graph !== graph) {
        await flush();
        if (done.has(statement.graph)) {
          throw new RestoreFailed(`${file}, line ${counts.lines}: graph <${statement.graph}> comes back after other graphs; restore takes each graph in one run of lines, as dump writes them`);
        }
        graph = statement.graph;
        firstLine = counts.lines;
      }
      pieces.push(`${statement.subject} ${statement.predicate} ${statement.object} .\n`);
      lastLine = counts.lines;
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        err.write(`restore: ${counts.graphs} graphs, ${counts.quads + pieces.length} quads${input.read && input.size ? `, ${Math.round((input.read() / input.size) * 100)} % of the file` : ''}\n`);
      }
    }
    await flush();
    kept.write(Object.fromEntries(records));
    counts.records = records.length;
  };
  try {
    await withOfflineStore({ ...config, dataDir: building }, async (store, kept) => {
      // A remote store is not in the directory: it must be empty too, and is emptied again if the restore fails.
      const held = await store.listGraphs();
      if (held.length) throw new RestoreFailed(`restore needs an empty store; the store holds ${held.length} graphs already`);
      const done = new Set<string>();
      try {
        await restoreInto(store, kept, done);
      } catch (error) {
        for (const graph of done) await store.dropGraph(graph).catch(() => undefined);
        throw error;
      }
    });
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(building, target);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    if (error instanceof RestoreFailed) throw new UsageError(`${error.message}; nothing was restored`);
    throw error;
  }
  err.write(`restored ${counts.graphs} graphs, ${counts.quads} quads and ${counts.records} records into ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return EXIT_OK;
}

/** The dump to read, with how far into it the reading is when it is a file (for progress). */
function openInput(file: string): { stream: NodeJS.ReadableStream; read?: () => number; size?: number } {
  if (file === '-') return { stream: process.stdin };
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const stream = fs.createReadStream(file);
  return { stream, read: () => stream.bytesRead, size };
}
