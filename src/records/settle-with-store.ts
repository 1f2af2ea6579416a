import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { Records } from './records.js';

/**
 * Once the store has opened: take over the registry an older release kept in the store (once in the life of the
 * records database), then settle the record changes a crash left prepared against the store's last durable write.
 */
export function settleWithStore(records: Records, store: Store, log?: Logger): void {
  const imported = records.importOnce('store-registry', () => store.legacyRecords?.() ?? []);
  if (imported) log?.info({ records: imported }, 'moved the catalog records and token hashes kept in the store journal to records.sqlite');
  const { applied, dropped } = records.recover(store.stats().seq);
  if (applied || dropped) log?.warn({ applied, dropped }, 'settled record changes left by an interrupted write');
}
