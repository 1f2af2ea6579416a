import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { forbidden, methodNotAllowed, notFound } from '../http/errors.js';
import { QUALITY_MOUNT } from '../quality/dqv.js';
import { negotiate } from '../http/negotiate.js';
import { chunkSink } from '../http/respond.js';
import { readRdfBody } from '../http/rdf-body.js';
import { GRAPH_FORMATS } from '../rdf/formats.js';
import { DEFAULT_GRAPH } from '../store/store.js';
import { graphTarget } from './graph-target.js';

export const STORE_MOUNT = '/store';

/** W3C Graph Store HTTP Protocol over every graph in the store; writes need the admin token and are not validated. */
export function graphStoreEndpoint(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const target = graphTarget(req, ctx.config.baseUrl, STORE_MOUNT);
    res.setHeader('Vary', 'Accept');
    try {
      if ('dataset' in target) {
        if (req.method !== 'POST') throw methodNotAllowed(req.method, ['POST']);
        ctx.auth.requireAdmin(req, 'Writing to the graph store');
        const graph = `${ctx.config.baseUrl}${STORE_MOUNT}/${crypto.randomUUID()}`;
        const body = await readRdfBody(req, ctx, graph, { multipart: true });
        await ctx.store.addToGraph(graph, body.ntriples);
        res.status(201).location(graph).end();
        return;
      }
      const { graph } = target;
      if (req.method !== 'GET' && req.method !== 'HEAD' && graph.startsWith(`${ctx.config.baseUrl}${QUALITY_MOUNT}`)) {
        throw forbidden(`<${graph}> holds quality measurements this server computes from the catalogs; it cannot be written through the graph store`);
      }
      const base = graph === DEFAULT_GRAPH ? `${ctx.config.baseUrl}${STORE_MOUNT}` : graph;
      switch (req.method) {
        case 'GET':
        case 'HEAD': {
          const mediaType = negotiate(req.headers, GRAPH_FORMATS.map((f) => f.mediaType));
          const sink = chunkSink(res, 200, `${mediaType}; charset=utf-8`);
          const found = await ctx.store.document(graph, mediaType, sink.onChunk);
          if (!found) throw notFound(`There is no graph <${graph}> in the store`);
          sink.end();
          return;
        }
        case 'PUT': {
          ctx.auth.requireAdmin(req, 'Writing to the graph store');
          const body = await readRdfBody(req, ctx, base);
          const result = await ctx.store.replaceGraph(graph, body.ntriples);
          res.status(result.existed ? 204 : 201).end();
          return;
        }
        case 'POST': {
          ctx.auth.requireAdmin(req, 'Writing to the graph store');
          const body = await readRdfBody(req, ctx, base, { multipart: true });
          const result = await ctx.store.addToGraph(graph, body.ntriples);
          res.status(result.existed ? 204 : 201).end();
          return;
        }
        case 'DELETE': {
          ctx.auth.requireAdmin(req, 'Writing to the graph store');
          const result = await ctx.store.dropGraph(graph);
          if (!result.changed) throw notFound(`There is no graph <${graph}> in the store`);
          res.status(204).end();
          return;
        }
        default:
          throw methodNotAllowed(req.method, ['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
      }
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      throw error;
    }
  };
}

