import type { CommitResult, Store, WriteOptions } from '../store/store.js';
import type { RecordChanges, PreparedChanges, Records } from './records.js';

/**
 * One store write with the record changes that belong to it, atomic across a crash (see Records): the changes are
 * prepared under the write's seq inside the store's write, and applied as soon as the store has made it durable,
 * before anyone hears of the write. A write that changes nothing in the store (a drop of a missing graph) takes the
 * changes as records of their own.
 */
export async function writeWithRecords(
  store: Store,
  records: Records,
  changes: RecordChanges,
  write: (options: WriteOptions) => Promise<CommitResult>,
): Promise<CommitResult> {
  let prepared: PreparedChanges | undefined;
  let settled = false;
  const settle = (durable: boolean) => {
    if (!prepared || settled) return;
    settled = true;
    records.settle(prepared, durable);
  };
  let result: CommitResult;
  try {
    result = await write({
      prepare: (seq) => void (prepared = records.prepare(seq, changes)),
      // A failure to apply them now leaves them prepared: the next start applies them (recover()).
      durable: () => {
        try {
          settle(true);
        } catch {
          settled = false;
        }
      },
    });
  } catch (error) {
    // Made durable after all (the store failed after its journal took the write): keep the records with it.
    if (prepared) settle(store.stats().seq >= prepared.seq);
    throw error;
  }
  if (prepared) settle(true);
  else records.write(changes);
  return result;
}
