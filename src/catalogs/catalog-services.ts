import type { AppContext } from '../context.js';
import type { DatasetDigests } from '../validation/catalog-validator.js';
import { findProfile } from '../validation/profiles.js';
import { sendReport } from '../validation/routes.js';
import type { ValidationReport } from '../validation/report.js';
import { CatalogWriter } from './catalog-writer.js';
import { organisationOwnership } from './ownership.js';
import { RegionalCatalog } from './regional-catalog.js';
import type { CatalogServices } from './routes.js';

/**
 * The profile a new catalog is validated against unless its first write names another (`?profile=`): the region's
 * publishers are harvested by dataportal.se against DCAT-AP-SE. Catalogs keep the profile they were created with.
 */
export const DEFAULT_PROFILE = 'dcat-ap-se';

/** Catalog publishing wired to the store, the SHACL gate and the organisation list; used by HTTP and the CLI. */
export function createCatalogServices(ctx: Pick<AppContext, 'store' | 'records' | 'validator' | 'organisations' | 'config'>): CatalogServices {
  const region = ctx.organisations.all().find((org) => org.type === 'region');
  if (!region) throw new Error('the organisation list has no region');
  const writer = new CatalogWriter(
    ctx.store,
    ctx.records,
    {
      validate: (profile, ntriples, previous, signal) => ctx.validator.validate(profile, ntriples, previous as DatasetDigests | undefined, { signal }),
      validateChange: (profile, stored, next, change, previous, signal) =>
        ctx.validator.validateChange(profile, stored, next, change, previous as DatasetDigests | undefined, signal),
    },
    organisationOwnership(ctx.organisations),
    ctx.config.baseUrl,
    DEFAULT_PROFILE,
    ctx.config.catalogCacheMb * 1024 * 1024,
  );
  return {
    writer,
    regional: new RegionalCatalog(ctx.store, ctx.records, ctx.config.baseUrl, { publisherIri: ctx.organisations.publisherIri(region), name: region.name }),
    sendReport: (req, res, status, report, source) => sendReport(req, res, status, report as ValidationReport, source),
    knownProfile: (id) => findProfile(id) !== undefined,
  };
}
