import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The server's Prometheus metrics, one registry per process. Counters other parts of the server increment are named
 * exports (parseTimeouts, queryTimeouts, rateLimited); memory and queue depths are read from the running server when
 * scraped (watch()); HTTP requests are counted by route pattern (http-metrics.ts). Served at GET /metrics.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** A parse or validation stopped at its deadline (PARSE_TIMEOUT_MS). */
export const parseTimeouts = new Counter({ name: 'dpv_parse_timeouts_total', help: 'Parses and validations stopped at their deadline', registers: [registry] });

/** A query or document rendering stopped at QUERY_TIMEOUT_MS. */
export const queryTimeouts = new Counter({ name: 'dpv_query_timeouts_total', help: 'Queries and document renderings stopped at QUERY_TIMEOUT_MS', registers: [registry] });

/** A request refused with 429 by a per-client limit. */
export const rateLimited = new Counter({ name: 'dpv_rate_limited_total', help: 'Requests refused with 429 by a per-client limit', registers: [registry] });

export const httpRequests = new Counter({
  name: 'dpv_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'dpv_http_request_duration_seconds',
  help: 'Time from a request until its answer was sent, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

/** What the running server tells the gauges when they are scraped. */
export interface MetricsSource {
  memory(): {
    budgetBytes: number;
    components: Record<string, { bytes?: number; shareBytes: number; recycled?: number; running?: number; lowered?: number }>;
  };
  /** Work waiting, per queue: reads for a replica, tasks for a thread pool, catalogs for the search index. */
  queues(): Record<string, number>;
}

let source: MetricsSource | undefined;

/** Let the gauges read this server (the last one created in a process, which outside tests is the only one). */
export function watch(server: MetricsSource): void {
  source = server;
}

new Gauge({
  name: 'dpv_memory_budget_bytes',
  help: 'MEMORY_BUDGET_MB in bytes, or the default taken from the machine',
  registers: [registry],
  collect() {
    if (source) this.set(source.memory().budgetBytes);
  },
});

new Gauge({
  name: 'dpv_memory_bytes',
  help: 'Memory held per component: heap plus external (wasm) memory of its threads, or the bytes it keeps',
  labelNames: ['component'] as const,
  registers: [registry],
  collect() {
    if (!source) return;
    for (const [component, memory] of Object.entries(source.memory().components)) {
      if (memory.bytes !== undefined) this.set({ component }, memory.bytes);
    }
  },
});

new Gauge({
  name: 'dpv_memory_share_bytes',
  help: 'The part of the memory budget each component keeps to',
  labelNames: ['component'] as const,
  registers: [registry],
  collect() {
    if (!source) return;
    for (const [component, memory] of Object.entries(source.memory().components)) this.set({ component }, memory.shareBytes);
  },
});

new Gauge({
  name: 'dpv_memory_recycled_threads',
  help: 'Threads replaced by a fresh one for holding more than their share, since the start, per component',
  labelNames: ['component'] as const,
  registers: [registry],
  collect() {
    if (!source) return;
    for (const [component, memory] of Object.entries(source.memory().components)) {
      if (memory.recycled !== undefined) this.set({ component }, memory.recycled);
    }
  },
});

new Gauge({
  name: 'dpv_memory_replicas_running',
  help: 'Replicas run now: QUERY_WORKERS, or as many copies of the store as fit the replicas\' share when it is not set',
  registers: [registry],
  collect() {
    const running = source?.memory().components.replicas?.running;
    if (running !== undefined) this.set(running);
  },
});

new Gauge({
  name: 'dpv_memory_replicas_lowered',
  help: 'Replicas ended without a successor because their share no longer held that many copies of the store, since the start',
  registers: [registry],
  collect() {
    const lowered = source?.memory().components.replicas?.lowered;
    if (lowered !== undefined) this.set(lowered);
  },
});

new Gauge({
  name: 'dpv_queue_depth',
  help: 'Work waiting, per queue',
  labelNames: ['queue'] as const,
  registers: [registry],
  collect() {
    if (!source) return;
    for (const [queue, depth] of Object.entries(source.queues())) this.set({ queue }, depth);
  },
});
