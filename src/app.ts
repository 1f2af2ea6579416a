import express from 'express';
import type { AppContext } from './context.js';
import { errorHandler } from './http/error-handler.js';
import { notFound } from './http/errors.js';
import { sparqlEndpoint } from './sparql/routes.js';
import { graphStoreEndpoint, STORE_MOUNT } from './gsp/routes.js';
import { health } from './health.js';
import { organisationDescription, organisationList } from './organisations/routes.js';
import { tokenEndpoint, TOKENS_PATH } from './auth/token-routes.js';
import { validateEndpoint, VALIDATE_PATH } from './validation/routes.js';
import { profileEndpoint, profilesEndpoint, profileShapesEndpoint, PROFILES_PATH } from './validation/profile-routes.js';
import { createCatalogServices } from './catalogs/catalog-services.js';
import { crossOrigin } from './http/cross-origin.js';
import { compressResponses } from './http/compress.js';
import { dereference, resourceByIri, RESOURCE_PATH } from './linked-data/routes.js';
import { voidDescription, VOID_PATH } from './linked-data/void.js';
import { dump, DUMP_PATH } from './linked-data/dump.js';
import { editorAsset, sparqlEditorPage, yasguiAsset, EDITOR_ASSETS_PATH, YASGUI_ASSETS_PATH } from './sparql-editor/routes.js';
import { embedDocs, embedPage, embedScript, embedStylesheet, EMBED_SCRIPT_PATH, EMBED_STYLESHEET_PATH } from './embed/routes.js';
import { indexEmbedDatasets } from './embed/index-datasets.js';
import { createPortalPages, type Portal } from './portal/pages.js';
import { portalAssets } from './portal/assets.js';
import { searchEndpoint } from './search/routes.js';
import { catalogQuality } from './quality/routes.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { metricsEndpoint, METRICS_PATH, watchServer } from './metrics/routes.js';
import { clientLimits } from './capacity/client-limits.js';
import { tierEndpoint, tierForm, TIER_FORM_PATH } from './tiers/tier-routes.js';
import { Populations } from './fees/population.js';
import { feesEndpoint } from './fees/routes.js';
import { AdminPages, FEES_PATH, OVERVIEW_PATH } from './admin/admin-pages.js';
import { overviewEndpoint } from './admin/routes.js';
import { catalogResource, catalogValidation, listCatalogs, regionalCatalog, type CatalogServices } from './catalogs/routes.js';

/**
 * The whole HTTP surface, on one screen. HTML pages plug in through `ctx.pages` (linked-data/pages.ts): a route
 * offers text/html only when the portal gives it a renderer.
 */
export function createApp(ctx: AppContext, catalogs: CatalogServices = createCatalogServices(ctx), portal: Portal = createPortalPages(ctx)): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Only when configured: X-Forwarded-For decides which client a request counts against.
  app.set('trust proxy', ctx.config.trustProxy);

  app.use(httpMetrics());
  app.use(crossOrigin());
  app.use(compressResponses());
  app.get('/healthz', health(ctx, catalogs));
  app.get(METRICS_PATH, metricsEndpoint());
  watchServer(ctx, catalogs);
  app.use('/assets', portalAssets());
  app.use((req, res, next) => {
    if (ctx.store.ready) return next();
    res.status(503).setHeader('Retry-After', '5');
    res.json({ status: 'loading', detail: 'The store is still loading' });
  });
  // Everything after this counts against its client's limits (monitoring above it does not).
  app.use(clientLimits(ctx));

  app.all('/organisations{.:format}', organisationList(ctx));
  app.all('/organisations/:id{.:format}', organisationDescription(ctx));
  app.all(TOKENS_PATH, tokenEndpoint(ctx));
  app.all('/organisations/:id/tier', tierEndpoint(ctx));
  const populations = Populations.load();
  const adminPages = new AdminPages(portal.renderer);
  app.get(`${OVERVIEW_PATH}{.:ext}`, overviewEndpoint(ctx, populations, adminPages));
  app.get(`${FEES_PATH}{.:ext}`, feesEndpoint(ctx, populations, adminPages));
  // The overview's form: a plain POST; CSRF protection goes in front of this handler once sessions exist.
  app.post(TIER_FORM_PATH, tierForm(ctx));

  app.get('/catalogs', listCatalogs(ctx));
  app.get('/catalogs/:id/validation', catalogValidation(ctx, catalogs));
  app.get('/catalogs/:id/quality{.:ext}', catalogQuality(ctx));
  app.get('/catalogs/:id/*path', dereference(ctx));
  app.all('/catalogs/:name', catalogResource(ctx, catalogs));
  app.get('/catalog{.:ext}', regionalCatalog(ctx, catalogs));
  app.get('/', portal.home);
  app.get('/search', searchEndpoint(ctx, portal.search));
  app.all(PROFILES_PATH, profilesEndpoint(ctx));
  app.get(`${PROFILES_PATH}/:id/shapes{.:ext}`, profileShapesEndpoint(ctx));
  app.get(`${PROFILES_PATH}/:id`, profileEndpoint(ctx));
  app.all(VALIDATE_PATH, validateEndpoint(ctx, ctx.publicWork));

  app.get('/sparql', sparqlEditorPage(ctx));
  app.all('/sparql', sparqlEndpoint(ctx));
  app.get(`${YASGUI_ASSETS_PATH}/:file`, yasguiAsset());
  app.get(`${EDITOR_ASSETS_PATH}/:file`, editorAsset());

  app.get('/embed', embedDocs(ctx));
  app.get('/embed/:organisation', embedPage(ctx, indexEmbedDatasets(ctx)));
  app.get(EMBED_SCRIPT_PATH, embedScript());
  app.get(EMBED_STYLESHEET_PATH, embedStylesheet());
  app.all(STORE_MOUNT, graphStoreEndpoint(ctx));
  app.all(`${STORE_MOUNT}/*path`, graphStoreEndpoint(ctx));

  app.get(`${RESOURCE_PATH}{.:ext}`, resourceByIri(ctx));
  app.get(`${VOID_PATH}{.:ext}`, voidDescription(ctx));
  app.get(DUMP_PATH, dump(ctx));
  // Last: any other IRI under BASE_URL that a public catalog describes.
  app.get('/*path', dereference(ctx));

  app.use((req) => {
    throw notFound(`Nothing is served at ${req.path}`);
  });
  app.use(errorHandler(ctx.log, portal.error));
  return app;
}
