import path from 'node:path';
import os from 'node:os';
import type { InputLimits } from './rdf/input-limits/refused-input.js';
import type { DeadlinePolicy } from './deadlines/work-deadline.js';
import { catalogTextsDefaultMb, machineBudgetMb, type BudgetSource } from './memory/budget.js';
import net from 'node:net';

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
  /** MAX_QUERY_BYTES (query text), MAX_SPARQL_NESTING and MAX_SPARQL_OPERATORS (query and update text), checked before a replica sees them. */
  sparqlLimits: { queryBytes: number; nesting: number; operators: number };
  // Issue 9, memory: the budget the server keeps to (src/memory/budget.ts divides it into shares).
  /** Megabytes the server may take in all: MEMORY_BUDGET_MB, else three quarters of the container's or machine's memory. */
  memoryBudgetMb: number;
  memoryBudgetSource: BudgetSource;
  // Fair capacity and per-client limits (src/capacity/).
  /** Express's `trust proxy`: false (the socket's address is the client), a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /** Requests per minute per client on ordinary reads (pages, documents, search, paging); 0 disables. */
  rateLimitPerMinute: number;
  /** Requests per minute per client on costly work (SPARQL, POST /validate); 0 disables. */
  costlyRateLimitPerMinute: number;
  /** Costly requests per client in flight at once; 0 disables. */
  costlyConcurrencyPerClient: number;
  /**
   * SPARQL queries evaluated at once; the other replicas stay free for writes and page reads. Undefined: one fewer
   * than the replicas (at least one).
   */
  sparqlConcurrency: number | undefined;
  /** Dry runs or SPARQL queries that may wait for a thread; past it they get 503 at once. */
  publicWorkQueue: number;
  // HTTP framing (issue 9): how long and how large a request may be before a byte of it is handled.
  /** The request line and headers must arrive within this many milliseconds (slow header senders are cut off). */
  headersTimeoutMs: number;
  /** The request line and headers together may not be larger (431 past it). */
  maxHeaderBytes: number;
  /** A body may be slower than `bodyMinBytesPerSecond` only for this long after it starts (408 past it). */
  bodyGraceMs: number;
  /** The average pace a body must keep after the grace period: a minimum rate, so large slow uploads are fine. */
  bodyMinBytesPerSecond: number;
  // Who may publish (issue 10: a national portal or a bench brings its own list).
  /** The organisations CSV; undefined = data/organisations.csv of the package. */
  organisationsFile: string | undefined;
  // The store backend (issue 10): which implementation of src/store/store.ts serves (src/store/open-store.ts).
  /** 'embedded' (Oxigraph replicas over DATA_DIR) or 'sparql' (a remote SPARQL 1.1 store). */
  store: StoreBackend;
  /** With STORE=sparql: its endpoints, credentials and the rows it gives in one answer. */
  remoteStore: RemoteStoreConfig | undefined;
  // Issue 9, fairness under hostile load (src/capacity/query-time-budget.ts).
  /**
   * Milliseconds of SPARQL query time per client per minute (a query stopped at its deadline counts twice); 0
   * disables. Default: twice QUERY_TIMEOUT_MS, so one query run to its deadline spends a minute's budget.
   */
  queryTimePerMinuteMs: number;
  // Issue 9, memory kept to a small budget (src/store/replica-pool.ts, fitToBudget).
  /** QUERY_WORKERS not set: run as many replicas as copies of the store fit the replicas' share, `queryWorkers` at most. */
  replicasFollowBudget: boolean;
}

export interface RemoteStoreConfig {
  queryUrl: string;
  updateUrl: string;
  graphStoreUrl: string;
  credentials: { auth: 'basic' | 'digest'; user: string; password: string } | undefined;
  /** STORE_PAGE_ROWS: rows per page of a graph read; at most the store's ResultSetMaxRows. */
  pageRows: number;
}

export const STORE_BACKENDS = ['embedded', 'sparql'] as const;
export type StoreBackend = (typeof STORE_BACKENDS)[number];

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
    sparqlLimits: {
      queryBytes: integer(env, 'MAX_QUERY_BYTES', 1024 * 1024, 1),
      nesting: integer(env, 'MAX_SPARQL_NESTING', 256, 1),
      operators: integer(env, 'MAX_SPARQL_OPERATORS', 256, 1),
    },

    memoryBudgetMb: budget.mb,
    memoryBudgetSource: budget.source,

    trustProxy: trustProxy(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0),
    costlyRateLimitPerMinute: integer(env, 'COSTLY_RATE_LIMIT_PER_MINUTE', 60, 0),
    costlyConcurrencyPerClient: integer(env, 'COSTLY_CONCURRENCY_PER_CLIENT', 2, 0),
    sparqlConcurrency: optionalInteger(env, 'SPARQL_CONCURRENCY', 1),
    publicWorkQueue: integer(env, 'PUBLIC_WORK_QUEUE', 16, 0),

    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 20_000, 1),
    maxHeaderBytes: integer(env, 'MAX_HEADER_BYTES', 16 * 1024, 1024),
    bodyGraceMs: integer(env, 'BODY_GRACE_MS', 10_000, 1),
    bodyMinBytesPerSecond: integer(env, 'BODY_MIN_BYTES_PER_SECOND', 16 * 1024, 1),

    organisationsFile: env.ORGANISATIONS_FILE ? path.resolve(env.ORGANISATIONS_FILE) : undefined,
    store: storeBackend(env),
    remoteStore: storeBackend(env) === 'sparql' ? remoteStoreConfig(env) : undefined,
    queryTimePerMinuteMs: integer(env, 'QUERY_TIME_PER_MINUTE_MS', 2 * integer(env, 'QUERY_TIMEOUT_MS', 30_000, 1), 0),
    replicasFollowBudget: env.QUERY_WORKERS === undefined || env.QUERY_WORKERS === '',
  };
}

function remoteStoreConfig(env: NodeJS.ProcessEnv): RemoteStoreConfig {
  const url = (name: string): string => {
    const raw = env[name];
    if (!raw) throw new ConfigError(`STORE=sparql needs ${name}`);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(`${name} must be an http or https URL, got "${raw}"`);
    return raw;
  };
  const auth = env.STORE_AUTH || 'basic';
  if (auth !== 'basic' && auth !== 'digest') throw new ConfigError(`STORE_AUTH must be basic or digest, got "${auth}"`);
  const user = env.STORE_USER || undefined;
  if (user !== undefined && env.STORE_PASSWORD === undefined) throw new ConfigError('STORE_USER is set without STORE_PASSWORD');
  return {
    queryUrl: url('STORE_QUERY_URL'),
    updateUrl: url('STORE_UPDATE_URL'),
    graphStoreUrl: url('STORE_GRAPH_URL'),
    credentials: user === undefined ? undefined : { auth, user, password: env.STORE_PASSWORD! },
    pageRows: integer(env, 'STORE_PAGE_ROWS', 10_000, 1),
  };
}

function storeBackend(env: NodeJS.ProcessEnv): StoreBackend {
  const raw = env.STORE?.trim().toLowerCase() || 'embedded';
  if (!(STORE_BACKENDS as readonly string[]).includes(raw)) throw new ConfigError(`STORE must be one of ${STORE_BACKENDS.join(', ')}, got "${env.STORE}"`);
  return raw as StoreBackend;
}

function optionalInteger(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  return env[name] === undefined || env[name] === '' ? undefined : integer(env, name, 0, min);
}

/**
 * TRUST_PROXY: "false" (default), a hop count, or a comma-separated list of proxy addresses, subnets (CIDR) or
 * express's names (loopback, linklocal, uniquelocal). "true" is refused: it would trust any X-Forwarded-For a client
 * writes, and per-client limits would be as many clients as it cares to invent.
 */
function trustProxy(env: NodeJS.ProcessEnv): false | number | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') throw new ConfigError('TRUST_PROXY=true would trust any X-Forwarded-For; give a hop count or the proxies\' addresses');
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const maxBits = net.isIPv6(address!) ? 128 : 32;
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits) || (net.isIPv4(bits!) && maxBits === 32);
    if (!named && (!net.isIP(address!) || !validBits || extra !== undefined)) {
      throw new ConfigError(`TRUST_PROXY must be false, a hop count, or addresses, subnets, loopback, linklocal or uniquelocal separated by commas; "${entry}" is none of these`);
    }
  }
  return entries;
}
