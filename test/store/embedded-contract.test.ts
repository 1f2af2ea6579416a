/** The embedded store keeps the store interface's contract (test/store/store-contract.ts). */
import pino from 'pino';
import { readConfig } from '../../src/config.js';
import { createStore } from '../../src/store/open-store.js';
import { tempDataDir } from '../support/server.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('embedded', async () => {
  const store = createStore({ config: readConfig({ DATA_DIR: tempDataDir('dpv-contract-'), STORE: 'embedded' }), log: pino({ level: 'silent' }), forCommand: true });
  await store.open();
  return { store, close: () => store.close() };
});
