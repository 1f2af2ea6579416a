import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { checkCatalogId } from '../catalogs/catalog-id.js';
import { getRecord } from '../catalogs/catalog-record.js';
import { badRequest, notFound, serviceUnavailable } from '../http/errors.js';
import { chooseRepresentation } from '../http/representation.js';
import { chunkSink, streamInto } from '../http/respond.js';
import { catalogQualityReport, MAX_QUALITY_PAGE_SIZE, QUALITY_PAGE_SIZE } from './catalog-report.js';
import { isDcatApCompliant } from './compliance.js';
import { qualityGraph } from './dqv.js';

/**
 * GET /catalogs/{id}/quality: the catalog's MQA as JSON (`.json`), a page for people (`.html`), or its DQV
 * measurements in any RDF syntax. Public catalogs only; the figures are the dataset index's, which follows each write
 * a moment after it is acknowledged.
 */
export function catalogQuality(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = checkCatalogId(String(req.params.id));
    const record = getRecord(ctx.records, id);
    if (!record || !record.public) throw notFound(`There is no public catalog "${id}"`);
    const paging = readPaging(req);
    const suffix = typeof req.params.ext === 'string' ? req.params.ext : undefined;
    const path = `${ctx.config.baseUrl}/catalogs/${id}/quality`;
    const report = () => {
      if (ctx.indexer.status.state === 'loading') throw serviceUnavailable('The dataset index is still loading after a start; quality follows in a moment', 5);
      return catalogQualityReport(ctx.datasets, record, isDcatApCompliant(record), paging, ctx.indexer.status.state !== 'ready');
    };
    const render = ctx.pages?.quality;
    const chosen = chooseRepresentation(req, res, {
      suffix,
      alternate: (ext) => `${path}.${ext}`,
      extra: [{ mediaType: 'application/json', extension: 'json' }],
      html: render ? (rq, rs) => render(report())(rq, rs) : undefined,
    });
    res.setHeader('Cache-Control', 'no-cache');
    if (chosen.kind === 'html') return chosen.render(req, res);
    if (chosen.kind === 'extra') {
      res.type('application/json; charset=utf-8').send(JSON.stringify(report()));
      return;
    }
    const graph = qualityGraph(ctx.config.baseUrl, id);
    const sink = chunkSink(res, 200, `${chosen.format.mediaType}; charset=utf-8`);
    if (!(await ctx.store.graphExists(graph))) throw serviceUnavailable(`The quality of "${id}" has not been computed yet; it follows each write in a moment`, 2);
    await streamInto(res, sink, () => ctx.store.document(graph, chosen.format.mediaType, sink.onChunk));
  };
}

function readPaging(req: Request): { page: number; pageSize: number } {
  const number = (name: string, fallback: number, max: number) => {
    const raw = req.query[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(`${name} must be an integer from 1 to ${max}, got "${String(raw)}"`, { parameter: name });
    return n;
  };
  return { page: number('page', 1, 1_000_000), pageSize: number('pageSize', QUALITY_PAGE_SIZE, MAX_QUALITY_PAGE_SIZE) };
}
