import path from 'node:path';
import os from 'node:os';
import type { InputLimits } from './rdf/input-limits/refused-input.js';
import type { DeadlinePolicy } from './deadlines/work-deadline.js';
import { catalogTextsDefaultMb, machineBudgetMb, type BudgetSource } from './memory/budget.js';

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

  // Issue 9, deadlines and limits checked before parsing (src/deadlines/, src/rdf/input-limits/).
  /** PARSE_TIMEOUT_MS + PARSE_TIMEOUT_MS_PER_MB × MiB of input: the deadline of every parse and validation. */
  parseDeadline: DeadlinePolicy;
  /** MAX_XML_DEPTH, MAX_XML_ENTITY_EXPANSION, MAX_JSON_DEPTH, MAX_TURTLE_NESTING, MAX_NTRIPLES_LINE_BYTES, MAX_TRIPLES_PER_REQUEST. */
  inputLimits: InputLimits;
  /** MAX_QUERY_BYTES (query text) and MAX_SPARQL_NESTING (query and update text), checked before a replica sees them. */
  sparqlLimits: { queryBytes: number; nesting: number };
  // Issue 9, memory: the budget the server keeps to (src/memory/budget.ts divides it into shares).
  /** Megabytes the server may take in all: MEMORY_BUDGET_MB, else three quarters of the container's or machine's memory. */
  memoryBudgetMb: number;
  memoryBudgetSource: BudgetSource;
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
  const budget = env.MEMORY_BUDGET_MB ? { mb: integer(env, 'MEMORY_BUDGET_MB', 0, 1), source: 'MEMORY_BUDGET_MB' as const } : machineBudgetMb();
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
    catalogCacheMb: integer(env, 'CATALOG_CACHE_MB', catalogTextsDefaultMb(budget.mb), 0),

    parseDeadline: { baseMs: integer(env, 'PARSE_TIMEOUT_MS', 20_000, 1), perMbMs: integer(env, 'PARSE_TIMEOUT_MS_PER_MB', 1_000, 0) },
    inputLimits: {
      xmlDepth: integer(env, 'MAX_XML_DEPTH', 256, 1),
      xmlEntityExpansion: integer(env, 'MAX_XML_ENTITY_EXPANSION', 64 * 1024 * 1024, 0),
      jsonDepth: integer(env, 'MAX_JSON_DEPTH', 256, 1),
      turtleNesting: integer(env, 'MAX_TURTLE_NESTING', 256, 1),
      ntriplesLineBytes: integer(env, 'MAX_NTRIPLES_LINE_BYTES', 4 * 1024 * 1024, 1),
      triples: integer(env, 'MAX_TRIPLES_PER_REQUEST', 4_000_000, 1),
    },
    sparqlLimits: { queryBytes: integer(env, 'MAX_QUERY_BYTES', 1024 * 1024, 1), nesting: integer(env, 'MAX_SPARQL_NESTING', 256, 1) },

    memoryBudgetMb: budget.mb,
    memoryBudgetSource: budget.source,
  };
}
