import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { clientSignal } from '../http/client-signal.js';
import { negotiate } from '../http/negotiate.js';
import { chunkSink } from '../http/respond.js';
import { GRAPH_FORMATS, formatByMediaType } from '../rdf/formats.js';
import { serializeGraph } from '../rdf/serialize.js';
import { readProtocolRequest } from './protocol-request.js';
import { queryForm } from './query-form.js';
import { resultMediaTypes } from './result-formats.js';
import { serviceDescription } from './service-description.js';
import { applyUsingGraphs } from './update-dataset.js';
import { checkSparqlText } from './text-limits.js';
import { clientOf } from '../capacity/client.js';
import { isRegionAdmin } from '../auth/access.js';
import { StoreError } from '../store/store-error.js';

/** SPARQL 1.1 Protocol: queries over the union of public graphs, updates with the admin token. */
export function sparqlEndpoint(ctx: AppContext) {
  const endpoint = `${ctx.config.baseUrl}/sparql`;
  return async (req: Request, res: Response): Promise<void> => {
    const request = await readProtocolRequest(req, ctx.config.maxBodyBytes, ctx.config);
    res.setHeader('Vary', 'Accept');

    if (request.operation === 'describe-service') {
      const mediaType = negotiate(req.headers, GRAPH_FORMATS.map((f) => f.mediaType));
      const body = await serializeGraph(serviceDescription(endpoint), formatByMediaType(mediaType)!);
      res.type(`${mediaType}; charset=utf-8`).send(body);
      return;
    }
    checkSparqlText(request.operation, request.text, ctx.config.sparqlLimits);

    if (request.operation === 'update') {
      ctx.auth.requireAdmin(req, 'SPARQL Update');
      const update = applyUsingGraphs(request.text, request.usingGraphs, request.usingNamedGraphs, endpoint);
      await ctx.store.update(update, endpoint);
      res.status(204).end();
      return;
    }

    // Each client has its minute's query time (capacity/query-time-budget.ts); the operator has no limit.
    const client = clientOf(req, ctx.auth);
    const charge = isRegionAdmin(client.principal) ? undefined : ctx.publicWork.queryTime.admit(client, res);

    // Unknown form: evaluate anyway so the client gets the store's syntax error with its position.
    const mediaType = negotiate(req.headers, resultMediaTypes(queryForm(request.text) ?? 'SELECT'));
    const dataset =
      request.defaultGraphs.length || request.namedGraphs.length
        ? { defaultGraphs: request.defaultGraphs, namedGraphs: request.namedGraphs }
        : undefined;
    const sink = chunkSink(res, 200, `${mediaType}; charset=utf-8`);
    // Queries are bounded, and kept off one replica (capacity/public-work.ts); one whose client has left while it
    // waits is taken off the queue.
    const gone = clientSignal(res);
    try {
      await ctx.publicWork.queries.run(async () => {
        // Time spent waiting for a place is not the client's to pay for: only the evaluation is charged.
        const started = performance.now();
        let timedOut = false;
        try {
          return await ctx.store.query(request.text, mediaType, endpoint, dataset, sink.onChunk, gone);
        } catch (error) {
          timedOut = error instanceof StoreError && error.kind === 'timeout';
          throw error;
        } finally {
          charge?.(performance.now() - started, timedOut);
        }
      }, gone);
    } catch (error) {
      if (gone.aborted && !sink.started) return;
      if (!sink.started) throw error;
      // Headers are gone: all that is left is to cut the stream so the client sees it incomplete.
      ctx.log.warn({ err: (error as Error).message }, 'query stream ended early');
      res.destroy();
      return;
    }
    sink.end();
  };
}
