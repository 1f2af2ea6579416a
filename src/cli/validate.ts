import type { Config } from '../config.js';
import { EXIT_USAGE } from './usage.js';

/**
 * `validate <file> --profile <id>`: validate an RDF file against a profile, offline, printing the report.
 *
 * TODO(catalog publishing): not implemented yet; the catalog-publishing work fills this in. Exit codes per the
 * contract: 0 conforms, 1 does not conform, 2 unreadable input (or bad usage).
 */
export async function validateCommand(_config: Config, _file: string, _options: { profile: string }): Promise<number> {
  process.stderr.write('not available yet: arrives with catalog publishing\n');
  return EXIT_USAGE;
}
