import v8 from 'node:v8';

/**
 * What one thread holds, in bytes. `external` includes the thread's wasm memory (Oxigraph's store or parser): the
 * module does not export its WebAssembly.Memory, and V8 counts that memory as external (measured: a replica's
 * external grew from 5 to 217 MB loading 300,000 quads while its heap stayed at 23 MB). Read from V8's own counters,
 * which costs no system call, so it is read after every task.
 */
export interface ThreadMemory {
  heapUsed: number;
  external: number;
}

export function measureThread(): ThreadMemory {
  const heap = v8.getHeapStatistics();
  return { heapUsed: heap.used_heap_size, external: heap.external_memory };
}

export function threadBytes(memory: ThreadMemory): number {
  return memory.heapUsed + memory.external;
}

/**
 * Whether a thread holding `bytes` should be replaced by a fresh one, which would hold about `fresh` (measured when
 * it started, or after a replica's load). Past its share alone is not enough: a thread that needs more than its share
 * to do its work (a store larger than a replica's share) would be replaced again and again for nothing. It must also
 * hold a quarter of its share more than a fresh one would, which bounds how often that can happen.
 */
export function pastShare(bytes: number, share: number, fresh: number): boolean {
  return bytes > share && bytes - fresh > share / 4;
}
