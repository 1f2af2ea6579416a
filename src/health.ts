import type { Request, Response } from 'express';
import type { AppContext } from './context.js';

/** 200 once the store is loaded and queries are served; 503 while it loads or when no query worker is up. */
export function health(ctx: AppContext) {
  return (_req: Request, res: Response): void => {
    const stats = ctx.store.stats;
    const { rss, heapUsed } = process.memoryUsage();
    res.status(ctx.store.ready ? 200 : 503).json({
      status: ctx.store.ready ? 'ok' : 'loading',
      ...stats,
      // The main thread's heap: replicas (and their wasm memory) live in worker threads and count only in rss.
      memory: { rss, mainHeapUsed: heapUsed },
    });
  };
}
