import type { Request, Response } from 'express';
import type { AppContext } from './context.js';
import type { CatalogServices } from './catalogs/routes.js';
import { memoryReport } from './memory/report.js';

/** 200 once the store is loaded and queries are served; 503 while it loads or when no query worker is up. */
export function health(ctx: AppContext, catalogs: CatalogServices) {
  return (_req: Request, res: Response): void => {
    const stats = ctx.store.stats();
    const { rss, heapUsed } = process.memoryUsage();
    const warming = catalogs.writer.warming;
    res.status(ctx.store.ready ? 200 : 503).json({
      status: ctx.store.ready ? 'ok' : 'loading',
      ...stats,
      // After a start the catalogs are read back and validated once, so their first writes are fast (see warm()).
      catalogIndexes: !ctx.config.warmCatalogs
        ? { status: 'off' }
        : warming
          ? { status: 'warming', done: warming.done, of: warming.of }
          : { status: 'ready' },
      // Tests and operators wait on it: 'ready' means every acknowledged write is searchable.
      search: ctx.indexer.status,
      // Dry runs and SPARQL queries running and waiting for their threads and replicas (capacity/public-work.ts).
      capacity: ctx.publicWork.queues,
      // rss is the process; mainHeapUsed the main thread's heap; then the budget and each component's part of it
      // (src/memory/report.ts): replicas and pooled threads report their own heap and wasm memory.
      memory: { rss, mainHeapUsed: heapUsed, ...memoryReport(ctx, catalogs) },
    });
  };
}
