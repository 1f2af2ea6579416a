/** The remote backend keeps the store interface's contract (test/store/store-contract.ts), on a real Virtuoso. */
import { describeStoreContract } from '../store/store-contract.js';
import { emptyVirtuoso, virtuosoOrSkip } from '../support/virtuoso.js';
import { openRemoteStore } from './open-remote.js';

describeStoreContract('remote (Virtuoso)', async (context) => {
  const virtuoso = await virtuosoOrSkip(context);
  await emptyVirtuoso(virtuoso);
  const store = await openRemoteStore(virtuoso);
  return { store, close: () => store.close() };
});
