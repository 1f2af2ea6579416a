import type { Config } from '../config.js';
import { CatalogValidator } from '../validation/catalog-validator.js';
import { findProfile, PROFILES } from '../validation/profiles.js';
import { writeReport } from '../validation/report.js';
import { readRdfFile } from './read-rdf-file.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage.js';

/**
 * `validate <file> --profile <id> [--format json|turtle]`: validate an RDF file offline and print the report.
 * Exit 0 when it conforms (warnings allowed), 1 when it has violations, 2 when the file or the profile is unusable.
 */
export async function validateCommand(config: Config, file: string, options: { profile: string; format?: string }): Promise<number> {
  if (!findProfile(options.profile)) {
    throw new UsageError(`unknown profile "${options.profile}"; known: ${PROFILES.map((p) => p.id).join(', ')}`);
  }
  const mediaType = options.format === 'turtle' ? 'text/turtle' : 'application/json';
  const { ntriples } = await readRdfFile(file, `${config.baseUrl}/validate/`);
  const validator = new CatalogValidator({ threads: 1 });
  try {
    const { report } = await validator.validate(options.profile, ntriples);
    process.stdout.write(await writeReport(report, mediaType));
    const violations = report.results.filter((r) => r.severity === 'Violation').length;
    process.stderr.write(`${file}: ${report.conforms ? 'conforms' : `${violations} violation(s)`}, ${report.results.length - violations} other result(s)\n`);
    return report.conforms ? EXIT_OK : EXIT_FAILURE;
  } finally {
    await validator.close();
  }
}
