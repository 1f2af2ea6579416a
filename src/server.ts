import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createLogger } from './log.js';
import { createStore } from './store/open-store.js';
import { ParserPool } from './rdf/parser-pool.js';
import { CatalogValidator } from './validation/catalog-validator.js';
import { Authenticator } from './auth/authenticate.js';
import { resolveAdminToken } from './auth/admin-token.js';
import { RecordsTokenDirectory } from './auth/token-directory.js';
import { Records } from './records/records.js';
import { AuditLog } from './audit/audit-log.js';
import { Tiers } from './tiers/tiers.js';
import { settleWithStore } from './records/settle-with-store.js';
import { Organisations } from './organisations/organisations.js';
import { createApp } from './app.js';
import { createPortalPages } from './portal/pages.js';
import { createCatalogServices } from './catalogs/catalog-services.js';
import type { AppContext } from './context.js';
import { QualityGraphs } from './quality/quality-graphs.js';
import { DatasetIndex } from './search/dataset-index.js';
import { IndexFollower } from './search/index-follower.js';
import { IndexFiles } from './search/index-files.js';
import { ExtractPool } from './search/extract-pool.js';
import { DescriptionFiles } from './search/description-files.js';
import { memoryShares } from './memory/budget.js';
import { PublicWork } from './capacity/public-work.js';
import { answerClientErrors, httpServerOptions } from './http/connection-limits.js';

export interface RunningServer {
  ctx: AppContext;
  http: http.Server;
  /** Finish in-flight requests and writes, then release the store. */
  stop(): Promise<void>;
}

/**
 * Start listening at once (answering 503 while the store loads), then load the store. The port is open early so
 * orchestrators see a live process; /healthz turns 200 only when queries can be served.
 */
export async function startServer(configured: Config): Promise<RunningServer> {
  const log = createLogger(configured.logLevel);
  const admin = resolveAdminToken(configured.dataDir, configured.adminToken);
  if (admin.generated) {
    // Shown once; only its hash is kept.
    process.stdout.write(`\nGenerated admin token (shown only now, keep it safe):\n  ${admin.generated}\n\n`);
  }
  // Issue 9: the budget divided into shares, each component keeping to its own (src/memory/budget.ts).
  const shares = memoryShares(configured.memoryBudgetMb, configured.catalogCacheMb);
  // Before the port opens: a STORE this build cannot serve stops the start with a configuration error.
  const store = createStore({ config: configured, log, memoryBytes: shares.replicas });
  fs.mkdirSync(configured.dataDir, { recursive: true });
  const records = Records.open(configured.dataDir);
  const server = http.createServer(httpServerOptions(configured));
  answerClientErrors(server, configured);
  await new Promise<void>((resolve) => server.listen(configured.port, configured.host, resolve));
  const address = server.address() as AddressInfo;
  // PORT=0 picks a free port; the default BASE_URL follows the port actually bound.
  const config = configured.port === 0 && configured.baseUrl === 'http://localhost:0' ? { ...configured, baseUrl: `http://localhost:${address.port}` } : configured;
  const organisations = Organisations.load(config.baseUrl, config.organisationsFile);
  const auth = new Authenticator(admin.hash, new RecordsTokenDirectory(records, organisations));
  const datasets = new DatasetIndex(organisations);
  // Created before the store opens so that it hears every write; it starts reading once the store is open.
  const indexer = new IndexFollower({
    store,
    records,
    index: datasets,
    files: new IndexFiles(config.dataDir),
    descriptions: new DescriptionFiles(config.dataDir),
    extractor: new ExtractPool({ memoryBytes: shares.extraction }),
    baseUrl: config.baseUrl,
    log,
    quality: new QualityGraphs(store, config.baseUrl),
  });
  const ctx: AppContext = {
    config,
    store,
    records,
    audit: new AuditLog(records.db),
    tiers: new Tiers(records.db),
    parsers: new ParserPool({ memoryBytes: shares.parsers * (1 - PublicWork.MEMORY_PART) }),
    validator: new CatalogValidator({ deadline: config.parseDeadline, memoryBytes: shares.validation * (1 - PublicWork.MEMORY_PART) }),
    auth,
    organisations,
    log,
    datasets,
    indexer,
    publicWork: new PublicWork(config, shares, () => store.stats().readSlots ?? config.queryWorkers, () => Number(store.stats().replicas ?? 1)),
  };
  const catalogs = createCatalogServices(ctx);
  const portal = createPortalPages(ctx);
  ctx.pages = portal.pages;
  server.on('request', createApp(ctx, catalogs, portal));
  log.info({ address, baseUrl: config.baseUrl, dataDir: config.dataDir }, 'listening; loading the store');

  const started = Date.now();
  await store.open((graphs, total, quads) => log.info({ graphs, total, quads }, 'loading graphs'));
  settleWithStore(records, store, log);
  log.info({ ...store.stats(), ms: Date.now() - started }, 'store loaded; ready');
  // Not awaited: the server answers at once and searches see the index as it loads.
  indexer.start();
  let stopping = false;
  const warmed = Date.now();
  const warming = config.warmCatalogs
    ? catalogs.writer
        .warm(() => stopping)
        .then((prepared) => log.info({ prepared, ms: Date.now() - warmed }, 'catalog indexes ready'))
        .catch((error: Error) => log.warn({ err: error.message }, 'catalog indexes not prepared; first writes will build them'))
    : Promise.resolve();

  return {
    ctx,
    http: server,
    async stop() {
      stopping = true;
      await warming;
      // Keep-alive connections that finish their request while we wait would otherwise linger for their timeout.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), 30_000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearInterval(sweep);
      clearTimeout(force);
      // Before the store closes: the last extraction reads from it, and the persisted index names its seq.
      await indexer.close();
      await store.close();
      records.close();
      await ctx.parsers.close();
      await ctx.validator.close();
      await ctx.publicWork.close();
    },
  };
}
