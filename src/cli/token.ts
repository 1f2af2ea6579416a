import type { Config } from '../config.js';
import { Organisations } from '../organisations/organisations.js';
import { isTokenRole, RecordsTokenDirectory, TOKEN_ROLES } from '../auth/token-directory.js';
import { withOfflineStore } from './offline-store.js';
import { EXIT_OK, UsageError } from './usage.js';

/**
 * `token create --organisation <id> [--role publisher|admin]`: issue a token on the store of DATA_DIR while no
 * server runs on it (a running server issues them at POST /admin/tokens). Prints the token, the one time it is
 * shown; only its hash is stored.
 */
export async function tokenCreateCommand(config: Config, options: { organisation: string; role: string }): Promise<number> {
  const organisations = Organisations.load(config.baseUrl, config.organisationsFile);
  if (!organisations.get(options.organisation)) {
    throw new UsageError(`there is no organisation "${options.organisation}"; known ids: ${organisations.all().map((o) => o.id).join(', ')}`);
  }
  if (!isTokenRole(options.role)) throw new UsageError(`--role must be one of ${TOKEN_ROLES.join(', ')}, got "${options.role}"`);
  const issued = await withOfflineStore(config, (_store, records) => new RecordsTokenDirectory(records, organisations).issue(options.organisation, options.role));
  process.stderr.write(`Token for ${issued.organisation} (${issued.role}), shown only now:\n`);
  process.stdout.write(`${issued.token}\n`);
  return EXIT_OK;
}
