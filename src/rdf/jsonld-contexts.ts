/**
 * JSON-LD documents may name remote @context URLs. The server never fetches them: the contexts it knows are served
 * from local copies, any other is refused with a message naming it.
 */
const LOCAL_CONTEXTS = new Map<string, () => Promise<unknown>>();

export function registerLocalContext(url: string, load: () => Promise<unknown>): void {
  LOCAL_CONTEXTS.set(url, load);
}

export async function loadLocalContext(url: string): Promise<{ contextUrl: undefined; documentUrl: string; document: unknown }> {
  const load = LOCAL_CONTEXTS.get(url) ?? LOCAL_CONTEXTS.get(url.replace(/^https:/, 'http:'));
  if (!load) {
    throw new Error(
      `the remote JSON-LD context ${url} is not one the server knows, and it never fetches contexts; inline the context or use a known one`,
    );
  }
  return { contextUrl: undefined, documentUrl: url, document: await load() };
}
