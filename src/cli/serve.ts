import { ConfigError, readConfig } from '../config.js';
import { OrganisationsDataError } from '../organisations/organisations.js';
import { startServer, type RunningServer } from '../server.js';

/**
 * The one way to run the server (`npm start` and `dataportal-vast serve`): read the configuration, start, and on
 * SIGTERM or SIGINT finish in-flight writes, flush and exit 0. Resolves once the store is loaded; the process then
 * lives as long as the server does. A configuration error exits 2, anything else that stops start-up exits 1.
 * Resolves with the running server, so a launcher such as `npm run demo` can talk to it.
 */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  let config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let running: RunningServer | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running?.ctx.log.info({ signal }, 'stopping');
    try {
      await running?.stop();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    running = await startServer(config);
  } catch (error) {
    // A setting found wrong only when used (STORE naming a backend this build lacks).
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof OrganisationsDataError) {
      process.stderr.write(`cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  return running;
}
