import type { Config } from '../config.js';
import { EXIT_USAGE } from './usage.js';

/**
 * `load <file> --catalog <id>`: put a catalog document into the store of DATA_DIR, validated like a PUT to
 * /catalogs/{id}.
 *
 * TODO(catalog publishing): not implemented yet; the catalog-publishing work fills this in. Return an exit code
 * (usage.ts): 0 loaded, 1 refused or failed, 2 bad usage or unreadable file.
 */
export async function loadCommand(_config: Config, _file: string, _options: { catalog: string }): Promise<number> {
  process.stderr.write('not available yet: arrives with catalog publishing\n');
  return EXIT_USAGE;
}
