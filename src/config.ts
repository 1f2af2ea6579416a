import path from 'node:path';
import os from 'node:os';

/** Everything the server can be told from outside, read once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  baseUrl: string;
  adminToken: string | undefined;
  queryTimeoutMs: number;
  maxBodyBytes: number;
  /** Refuse loads that would take the store past this many quads (Oxigraph's wasm32 memory tops out near 12–13M). */
  maxQuads: number;
  /** Query replicas: each holds a full copy of the store in its own worker thread. */
  queryWorkers: number;
  /** Compact the journal into per-graph snapshots once it grows past this many bytes. */
  compactJournalBytes: number;
  logLevel: string;
  /** After a start, read the catalogs back and validate them once, so their first writes are fast. */
  warmCatalogs: boolean;
  /** Memory for the kept texts of recently written catalogs, against which re-PUTs and POSTs are compared. */
  catalogCacheMb: number;

  // HTTP framing (issue 9): how long and how large a request may be before a byte of it is handled.
  /** The request line and headers must arrive within this many milliseconds (slow header senders are cut off). */
  headersTimeoutMs: number;
  /** The request line and headers together may not be larger (431 past it). */
  maxHeaderBytes: number;
  /** A body may be slower than `bodyMinBytesPerSecond` only for this long after it starts (408 past it). */
  bodyGraceMs: number;
  /** The average pace a body must keep after the grace period: a minimum rate, so large slow uploads are fine. */
  bodyMinBytesPerSecond: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3030);
  const baseUrl = (env.BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`BASE_URL must be an absolute URL, got "${baseUrl}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './var'),
    baseUrl,
    adminToken: env.ADMIN_TOKEN || undefined,
    queryTimeoutMs: integer(env, 'QUERY_TIMEOUT_MS', 30_000, 1),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 256 * 1024 * 1024, 1),
    maxQuads: integer(env, 'MAX_QUADS', 11_000_000, 1),
    queryWorkers: integer(env, 'QUERY_WORKERS', Math.max(1, Math.min(2, os.availableParallelism())), 1),
    compactJournalBytes: integer(env, 'COMPACT_JOURNAL_BYTES', 64 * 1024 * 1024, 1),
    logLevel: env.LOG_LEVEL || 'info',
    warmCatalogs: flag(env, 'WARM_CATALOGS', true),
    catalogCacheMb: integer(env, 'CATALOG_CACHE_MB', 512, 0),

    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 20_000, 1),
    maxHeaderBytes: integer(env, 'MAX_HEADER_BYTES', 16 * 1024, 1024),
    bodyGraceMs: integer(env, 'BODY_GRACE_MS', 10_000, 1),
    bodyMinBytesPerSecond: integer(env, 'BODY_MIN_BYTES_PER_SECOND', 16 * 1024, 1),
  };
}
