import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { chunkSink, streamInto } from '../http/respond.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import { allRecords } from '../catalogs/catalog-record.js';
import { notModified } from '../catalogs/conditional.js';
import { NQuadsOfGraph } from '../rdf/nquads-of-graph.js';
import { DEFAULT_GRAPH, type GraphName } from '../store/store.js';

export const DUMP_PATH = '/dump.nq';

/** Every graph but the private catalogs': the public graphs of the contract, default graph first. */
export async function publicGraphs(ctx: Pick<AppContext, 'store' | 'records' | 'config'>): Promise<GraphName[]> {
  const hidden = new Set(allRecords(ctx.records).filter((record) => !record.public).map((record) => catalogGraph(ctx.config.baseUrl, record.id)));
  const graphs = (await ctx.store.listGraphs()).filter((graph) => !hidden.has(graph));
  return graphs.sort((a, b) => (a === DEFAULT_GRAPH ? -1 : b === DEFAULT_GRAPH ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** GET /dump.nq: every public graph as N-Quads, streamed graph by graph with the literals as written. */
export function dump(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    // Any write may change a graph here; the journal position says whether one happened.
    const state = { version: String(ctx.store.stats().seq), modified: new Date(ctx.store.lastWrite).toISOString() };
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
