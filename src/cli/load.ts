import type { Config } from '../config.js';
import { Organisations } from '../organisations/organisations.js';
import { CatalogValidator } from '../validation/catalog-validator.js';
import { writeReport, type ValidationReport } from '../validation/report.js';
import { createCatalogServices } from '../catalogs/catalog-services.js';
import { catalogBase, checkCatalogId } from '../catalogs/catalog-id.js';
import { CatalogRejected } from '../catalogs/catalog-writer.js';
import { HttpError } from '../http/errors.js';
import { withOfflineStore } from './offline-store.js';
import { readRdfFile } from './read-rdf-file.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage.js';

/**
 * `load <file> --catalog <id>`: replace a catalog in the store of DATA_DIR with a file, through the same checks and
 * SHACL gate as `PUT /catalogs/{id}` with the admin token. Exit 0 stored, 1 refused, 2 unusable file or id.
 */
export async function loadCommand(config: Config, file: string, options: { catalog: string; profile?: string }): Promise<number> {
  let id: string;
  try {
    id = checkCatalogId(options.catalog);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const organisations = Organisations.load(config.baseUrl, config.organisationsFile);
  const { ntriples } = await readRdfFile(file, catalogBase(config.baseUrl, id), config.inputLimits);
  const validator = new CatalogValidator({ threads: 1 });
  try {
    return await withOfflineStore(config, async (store, records) => {
      const { writer } = createCatalogServices({ store, records, validator, organisations, config });
      try {
        const organisation = writer.authorise(id, { role: 'admin' });
        const outcome = await writer.write('replace', id, organisation, ntriples, { profile: options.profile, mayChangeProfile: true });
        process.stderr.write(`${outcome.created ? 'created' : 'replaced'} catalog ${id}: ${outcome.record.datasets} datasets, ${outcome.warnings.length} warning(s)\n`);
        return EXIT_OK;
      } catch (error) {
        if (error instanceof CatalogRejected) {
          process.stdout.write(await writeReport(error.report as ValidationReport, 'application/json'));
          process.stderr.write(`refused: ${error.message}\n`);
          return EXIT_FAILURE;
        }
        if (error instanceof HttpError) throw new UsageError(error.message);
        throw error;
      }
    });
  } finally {
    await validator.close();
  }
}
