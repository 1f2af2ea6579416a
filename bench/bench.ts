/**
 * `npm run bench`: with `--scale regional|national|eu` the store at scale through the API (scale-bench.ts), otherwise
 * the store bench on a quad count (store-bench.ts, `--quads N`). One entry point, as the README gives it.
 */
if (process.argv.some((arg) => arg === '--scale' || arg.startsWith('--scale='))) await import('./scale-bench.js');
else await import('./store-bench.js');
