import type { AddressInfo } from 'node:net';
import { serve } from '../cli/serve.js';
import { newToken } from '../auth/token-hash.js';
import { generateRegion, DEFAULT_DATASETS, type GeneratedCatalog } from './region-generator.js';

/**
 * `npm run demo`: the server on its own data directory (./var-demo unless DATA_DIR says otherwise) holding the
 * generated demo region. The region is published through the real HTTP path, as publishers do: an organisation
 * token from POST /admin/tokens, then PUT /catalogs/{id} through the SHACL gate. Catalogs already there are left
 * alone, so a restart publishes nothing and an interrupted first run finishes the rest.
 *
 * Without ADMIN_TOKEN the launcher makes one for this run and prints it: it needs the token itself on every start
 * that may have catalogs to publish, and keeping the token on disk would break the rule that only hashes are kept.
 */
async function main(): Promise<void> {
  const env = { ...process.env };
  env.DATA_DIR ||= './var-demo';
  const generatedAdmin = env.ADMIN_TOKEN ? undefined : newToken();
  env.ADMIN_TOKEN ||= generatedAdmin;
  const datasets = env.DEMO_DATASETS ? Number(env.DEMO_DATASETS) : DEFAULT_DATASETS;
  if (!Number.isInteger(datasets) || datasets < 1) {
    process.stderr.write(`configuration error: DEMO_DATASETS must be a positive integer, got "${env.DEMO_DATASETS}"\n`);
    process.exit(2);
  }

  const running = await serve(env);
  const address = running.http.address() as AddressInfo;
  // Talk to the server over loopback whatever interface it listens on; BASE_URL is only what IRIs are minted from.
  const local = `http://${address.family === 'IPv6' ? '[::1]' : '127.0.0.1'}:${address.port}`;
  const { baseUrl, dataDir } = running.ctx.config;

  const present = new Set(((await getJson(`${local}/catalogs`)) as { id: string }[]).map((c) => c.id));
  const region = generateRegion({ baseUrl, datasets });
  const missing = region.catalogs.filter((c) => !present.has(c.id));
  if (missing.length > 0) {
    const started = Date.now();
    for (const catalog of missing) await publish(local, env.ADMIN_TOKEN!, catalog);
    const count = missing.reduce((n, c) => n + c.datasets.length, 0);
    say(`published ${missing.length} demo catalogs (${count} datasets) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    say(`the demo region is already published (${present.size} catalogs in ${dataDir})`);
  }
  if (generatedAdmin) say(`admin token for this run (a new one each start; set ADMIN_TOKEN to keep one):\n  ${generatedAdmin}`);
  say(`demo ready: ${baseUrl}/  (catalogs: ${baseUrl}/catalogs, SPARQL: ${baseUrl}/sparql)`);
}

async function publish(server: string, adminToken: string, catalog: GeneratedCatalog): Promise<void> {
  const issued = await fetch(`${server}/admin/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ organisation: catalog.organisation.id, role: 'publisher' }),
  });
  if (issued.status !== 201) throw new Error(`POST /admin/tokens for ${catalog.organisation.id}: ${issued.status} ${await issued.text()}`);
  const { token } = (await issued.json()) as { token: string };
  const put = await fetch(`${server}/catalogs/${catalog.id}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': catalog.mediaType },
    body: catalog.text,
  });
  if (put.status !== 201 && put.status !== 204) throw new Error(`PUT /catalogs/${catalog.id}: ${put.status} ${await put.text()}`);
  await put.arrayBuffer();
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function say(message: string): void {
  process.stdout.write(`\n${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
