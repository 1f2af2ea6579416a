import { readConfig, ConfigError } from './config.js';
import { startServer, type RunningServer } from './server.js';

/** Boot and shutdown: the only module that touches `process`. */
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
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
  running = await startServer(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
