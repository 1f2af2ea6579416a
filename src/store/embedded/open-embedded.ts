import type { StoreOpening } from '../open-store.js';
import { GraphStore } from './graph-store.js';

/**
 * The embedded store of DATA_DIR: QUERY_WORKERS replicas for a server, one for a command (it has one caller and
 * would only wait for the others to load).
 */
export function openEmbeddedStore({ config, log, memoryBytes, forCommand }: StoreOpening): GraphStore {
  return new GraphStore({
    dataDir: config.dataDir,
    replicas: forCommand ? 1 : config.queryWorkers,
    replicasFollowBudget: !forCommand && config.replicasFollowBudget,
    queryTimeoutMs: config.queryTimeoutMs,
    maxQuads: config.maxQuads,
    compactJournalBytes: config.compactJournalBytes,
    log,
    memoryBytes,
  });
}
