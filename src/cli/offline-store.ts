import pino from 'pino';
import type { Config } from '../config.js';
import { GraphStore } from '../store/embedded/graph-store.js';

/**
 * The store of DATA_DIR opened by a command instead of a server: one replica, logs to stderr (stdout carries the
 * command's output). Opening takes the data directory's lock, so while a server runs on it this fails with
 * "… is in use by process N".
 */
export async function withOfflineStore<T>(config: Config, work: (store: GraphStore) => Promise<T>): Promise<T> {
  const log = pino({ level: process.env.LOG_LEVEL || 'warn', base: undefined }, pino.destination({ dest: 2, sync: true }));
  const store = new GraphStore({
    dataDir: config.dataDir,
    replicas: 1,
    queryTimeoutMs: config.queryTimeoutMs,
    maxQuads: config.maxQuads,
    compactJournalBytes: config.compactJournalBytes,
    log,
  });
  try {
    await store.open();
    return await work(store);
  } finally {
    // Also after a failed open: releases the lock if it was taken.
    await store.close();
  }
}
