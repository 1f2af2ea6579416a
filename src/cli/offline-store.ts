import pino from 'pino';
import type { Config } from '../config.js';
import { createStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { Records } from '../records/records.js';
import { settleWithStore } from '../records/settle-with-store.js';

/**
 * The store STORE names and the server's records, opened by a command instead of a server: logs to stderr (stdout
 * carries the command's output). Opening the embedded store takes the data directory's lock, so while a server runs
 * on it this fails with "… is in use by process N" before the records are touched.
 */
export async function withOfflineStore<T>(config: Config, work: (store: Store, records: Records) => Promise<T>): Promise<T> {
  const log = pino({ level: process.env.LOG_LEVEL || 'warn', base: undefined }, pino.destination({ dest: 2, sync: true }));
  const store = createStore({ config, log, forCommand: true });
  let records: Records | undefined;
  try {
    await store.open();
    records = Records.open(config.dataDir);
    settleWithStore(records, store, log);
    return await work(store, records);
  } finally {
    // Also after a failed open: releases the lock if it was taken.
    await store.close();
    records?.close();
  }
}
