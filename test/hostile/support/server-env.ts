/**
 * The one place the hostile suite's server is configured. The suite sends hundreds of requests from one address in a
 * few seconds, so per-client rate and concurrency limits (issue 9, item 3) must be set high enough not to answer them
 * with 429: when those limits land, add their variables here (and nowhere else).
 */
export const HOSTILE_SERVER_ENV: Record<string, string> = {
  // Bodies "up to the size limit" stay cheap to build and send.
  MAX_BODY_BYTES: String(8 * 1024 * 1024),
  // Query text has a limit of its own, below the body's.
  MAX_QUERY_BYTES: String(1024 * 1024),
  // A cartesian-product query meets its deadline quickly.
  QUERY_TIMEOUT_MS: '3000',
  // Slow senders are found out within seconds instead of the production defaults' tens of seconds.
  HEADERS_TIMEOUT_MS: '3000',
  BODY_GRACE_MS: '2000',
  BODY_MIN_BYTES_PER_SECOND: '4096',
  WARM_CATALOGS: 'false',
  // Two replicas: a query stopped at its deadline takes its replica down for a rebuild while the other serves.
  QUERY_WORKERS: '2',
};

/** The size limit the suite's server runs with, for cases that send bodies up to it. */
export const BODY_LIMIT = Number(HOSTILE_SERVER_ENV.MAX_BODY_BYTES);
/** The query text limit, for cases that send queries up to it. */
export const QUERY_LIMIT = Number(HOSTILE_SERVER_ENV.MAX_QUERY_BYTES);
