/**
 * Oxigraph's JS objects (quads, terms, stores) each hold wasm memory that only their finalizer gives back, and a
 * finalizer runs only when the thread's event loop turns. A Piscina worker never turns it between tasks (it waits in
 * Atomics.wait), so without an explicit free() every parse left its quads behind: about 37 KB of wasm memory per
 * parse of a 118-triple catalog, 112 MB after 3,000 parses in one thread, never returned (issue 9: RSS from 470 to
 * 870 MB after 9,000 unchanged re-PUTs). `free()` is in the JS API but not in its type declarations.
 */
export function freeWasm(objects: Iterable<unknown>): void {
  for (const object of objects) (object as { free?: () => void }).free?.();
}
