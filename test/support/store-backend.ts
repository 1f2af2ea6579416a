/**
 * Which store backend test servers run on: TEST_STORE=embedded (the default) or TEST_STORE=sparql, so the publishing,
 * SPARQL Protocol and Graph Store suites can run once per backend. startTestServer() puts the chosen backend's
 * settings in the server's environment; a suite that tests one backend's own behaviour (the embedded journal, say)
 * asks testStore() and skips itself on the other.
 */
export const TEST_STORES = ['embedded', 'sparql'] as const;
export type TestStore = (typeof TEST_STORES)[number];

/** The server environment for a backend: STORE and whatever it needs (endpoints, credentials of a store it started). */
export type TestStoreEnv = () => Promise<Record<string, string>>;

const backends = new Map<TestStore, TestStoreEnv>([['embedded', async () => ({ STORE: 'embedded' })]]);

export function testStore(): TestStore {
  const raw = process.env.TEST_STORE?.trim() || 'embedded';
  if (!(TEST_STORES as readonly string[]).includes(raw)) throw new Error(`TEST_STORE must be one of ${TEST_STORES.join(', ')}, got "${raw}"`);
  return raw as TestStore;
}

/**
 * Make a backend available to test servers (test/support/virtuoso.ts registers 'sparql' with the settings of the
 * Virtuoso it starts on 127.0.0.1).
 */
export function registerTestStore(name: TestStore, env: TestStoreEnv): void {
  backends.set(name, env);
}

/** The environment a test server needs for the backend TEST_STORE names. */
export async function testStoreEnv(): Promise<Record<string, string>> {
  const name = testStore();
  // Starting Virtuoso is virtuoso.ts's business; loading it registers the backend.
  if (name === 'sparql' && !backends.has(name)) await import('./virtuoso.js');
  const env = backends.get(name);
  if (!env) throw new Error(`TEST_STORE=${name}: no test support registers this backend yet (see test/support/store-backend.ts)`);
  return env();
}
