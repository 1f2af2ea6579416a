import type { TestServer } from './server.js';
import type { IndexStatus } from '../../src/search/index-follower.js';

export type { IndexStatus };

/**
 * Wait until /healthz says the dataset index has every acknowledged write (a write is queued before it is answered),
 * before asserting on what the index serves: /search, lists on pages, the paged /catalog, the embed page.
 */
export async function indexReady(server: TestServer, timeoutMs = 60_000): Promise<IndexStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${server.url}/healthz`);
    if (res.status === 200) {
      const { search } = (await res.json()) as { search: IndexStatus };
      if (search.state === 'ready') return search;
    } else await res.body?.cancel();
    if (Date.now() > deadline) throw new Error(`the dataset index was not ready in ${timeoutMs} ms:\n${server.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
