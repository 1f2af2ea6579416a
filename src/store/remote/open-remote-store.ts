import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { RemoteStore } from './remote-store.js';

/** The remote backend as configured (STORE=sparql); src/store/open-store.ts picks it. */
export function openRemoteStore(config: Config, log: Logger): RemoteStore {
  const remote = config.remoteStore;
  if (!remote) throw new Error('STORE=sparql without its settings');
  return new RemoteStore({ ...remote, dataDir: config.dataDir, queryTimeoutMs: config.queryTimeoutMs, log });
}
