import type { Logger } from 'pino';
import { ConfigError, type Config, type StoreBackend } from '../config.js';
import type { Store } from './store.js';
import { openEmbeddedStore } from './embedded/open-embedded.js';
import { openRemoteStore } from './remote/open-remote-store.js';

/** What a backend is made from. */
export interface StoreOpening {
  config: Config;
  log: Logger;
  /** The backend's share of MEMORY_BUDGET_MB in bytes (what it may hold in this process); unbounded when absent. */
  memoryBytes?: number;
  /** A CLI command's store rather than a server's: the least that serves one caller (the embedded store: one replica). */
  forCommand?: boolean;
}

/** Makes a backend's store, not yet opened (the caller calls open() and close()). */
export type StoreFactory = (opening: StoreOpening) => Store;

/**
 * The backends by the name STORE gives. This table is the only place that knows them; nothing outside src/store/
 * imports a backend module.
 */
const backends = new Map<StoreBackend, StoreFactory>([
  ['embedded', openEmbeddedStore],
  ['sparql', ({ config, log }) => openRemoteStore(config, log)],
]);

/** The store the configuration names (STORE), for a server (server.ts) or a command (cli/offline-store.ts). */
export function createStore(opening: StoreOpening): Store {
  const factory = backends.get(opening.config.store);
  if (!factory) {
    throw new ConfigError(`STORE=${opening.config.store}: this build has no ${opening.config.store} store backend yet; use STORE=embedded (the default)`);
  }
  return factory(opening);
}

/**
 * Put a factory in the table under a name, for the process's life or until the returned function restores the one
 * before (tests wrap the real embedded store this way, to run the server over a backend with other capabilities).
 */
export function registerStoreBackend(name: StoreBackend, factory: StoreFactory): () => void {
  const before = backends.get(name);
  backends.set(name, factory);
  return () => {
    if (before) backends.set(name, before);
    else backends.delete(name);
  };
}
