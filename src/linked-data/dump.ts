import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { chunkSink, streamInto } from '../http/respond.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import { allRecords } from '../catalogs/catalog-record.js';
import { iriTerm } from '../catalogs/dataset-page.js';
import { notModified } from '../catalogs/conditional.js';
import { DEFAULT_GRAPH, type GraphName } from '../store/write-ops.js';

export const DUMP_PATH = '/dump.nq';

/** Every graph but the private catalogs': the public graphs of the contract, default graph first. */
export async function publicGraphs(ctx: Pick<AppContext, 'store' | 'config'>): Promise<GraphName[]> {
  const hidden = new Set(allRecords(ctx.store).filter((record) => !record.public).map((record) => catalogGraph(ctx.config.baseUrl, record.id)));
  const graphs = (await ctx.store.listGraphs()).filter((graph) => !hidden.has(graph));
  return graphs.sort((a, b) => (a === DEFAULT_GRAPH ? -1 : b === DEFAULT_GRAPH ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Turns a graph's N-Triples, as it arrives in chunks, into N-Quads of that graph. A real newline only ever ends a
 * statement (literals escape theirs), so each complete line's final "." gets the graph label put before it; the
 * part of a chunk after its last newline waits for the next chunk, and the decoder keeps a split UTF-8 character.
 */
export class NQuadsOfGraph {
  private readonly decoder = new TextDecoder();
  private rest = '';
  private readonly label: string;

  constructor(graph: GraphName) {
    this.label = graph === DEFAULT_GRAPH ? ' .\n' : ` ${iriTerm(graph)} .\n`;
  }

  push(chunk: Uint8Array): string {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const end = text.lastIndexOf('\n') + 1;
    this.rest = text.slice(end);
    return this.relabel(text.slice(0, end));
  }

  end(): string {
    const text = this.rest + this.decoder.decode();
    this.rest = '';
    return text.trim() ? this.relabel(`${text.trimEnd()}\n`) : '';
  }

  private relabel(lines: string): string {
    return lines.replace(/[ \t]*\.[ \t]*\n/g, this.label);
  }
}

/** GET /dump.nq: every public graph as N-Quads, streamed graph by graph with the literals as written. */
export function dump(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    // Any write may change a graph here; the journal position says whether one happened.
    const state = { version: String(ctx.store.stats.seq), modified: new Date(ctx.store.lastWrite).toISOString() };
    const headers = { ETag: `"${state.version}-nq"`, 'Last-Modified': new Date(ctx.store.lastWrite).toUTCString() };
    if (notModified(req, state)) {
      res.status(304).set(headers).end();
      return;
    }
    const graphs = await publicGraphs(ctx);
    const sink = chunkSink(res, 200, 'application/n-quads; charset=utf-8', headers);
    const send = async (text: string) => {
      if (text) await sink.onChunk(Buffer.from(text, 'utf8'));
    };
    await streamInto(res, sink, async () => {
      for (const graph of graphs) {
        const quads = new NQuadsOfGraph(graph);
        // A graph dropped since the listing is simply not in the dump.
        await ctx.store.document(graph, 'application/n-triples', (chunk) => send(quads.push(chunk)));
        await send(quads.end());
      }
    });
  };
}
