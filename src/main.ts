import { serve } from './cli/serve.js';

/** `npm start`: the server, booted exactly as `dataportal-vast serve` boots it. The only module run for its effect. */
serve().catch((error: unknown) => {
  process.stderr.write(`fatal: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
