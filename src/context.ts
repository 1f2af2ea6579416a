import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Store } from './store/store.js';
import type { Records } from './records/records.js';
import type { AuditLog } from './audit/audit-log.js';
import type { Tiers } from './tiers/tiers.js';
import type { ParserPool } from './rdf/parser-pool.js';
import type { Authenticator } from './auth/authenticate.js';
import type { Organisations } from './organisations/organisations.js';
import type { CatalogValidator } from './validation/catalog-validator.js';
import type { PortalPages } from './linked-data/pages.js';
import type { DatasetIndex } from './search/dataset-index.js';
import type { IndexFollower } from './search/index-follower.js';
import type { PublicWork } from './capacity/public-work.js';

/** What request handlers need, built once in main.ts and passed to createApp. */
export interface AppContext {
  config: Config;
  store: Store;
  /** Catalog records and token hashes, in SQLite beside the store (src/records). */
  records: Records;
  /** Who changed what and when; append-only (src/audit). */
  audit: AuditLog;
  /** Each organisation's licence tier over time (src/tiers). */
  tiers: Tiers;
  parsers: ParserPool;
  auth: Authenticator;
  organisations: Organisations;
  validator: CatalogValidator;
  log: Logger;
  /** The portal's HTML pages; without them no route offers text/html. */
  pages?: PortalPages;
  /** The public catalogs' datasets, for search, lists and harvest paging; follows every write. */
  datasets: DatasetIndex;
  /** Keeps `datasets` up to date and persisted; its status is in /healthz. */
  indexer: IndexFollower;
  /** Threads and bounded queues for dry runs and SPARQL queries, apart from those of writes. */
  publicWork: PublicWork;
}
