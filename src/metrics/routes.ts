import type { Request, Response } from 'express';
import { registry, watch } from './metrics.js';
import type { AppContext } from '../context.js';
import type { CatalogServices } from '../catalogs/routes.js';
import { memoryReport, queueDepths } from '../memory/report.js';

/**
 * GET /metrics: Prometheus text format. Neither authenticated nor rate-limited, like /healthz: a scraper must get
 * through when the server is busiest; an operator who wants it private restricts the path at the proxy.
 */
export function metricsEndpoint() {
  return async (_req: Request, res: Response): Promise<void> => {
    const text = await registry.metrics();
    res.setHeader('Content-Type', registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  };
}

export const METRICS_PATH = '/metrics';

/** Let the gauges read this server's memory and queues when scraped. */
export function watchServer(ctx: AppContext, catalogs: CatalogServices): void {
  watch({
    memory: () => {
      const report = memoryReport(ctx, catalogs);
      return { budgetBytes: report.budget.bytes, components: report.components };
    },
    queues: () => queueDepths(memoryReport(ctx, catalogs), ctx.indexer.status.pending),
  });
}
