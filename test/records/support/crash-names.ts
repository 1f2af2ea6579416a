/** What crash-writer.ts writes, for the test that reads it back (importing the writer would run it). */
export const CRASH_GRAPH = 'http://example.org/crash/g';
export const CRASH_KEY = 'catalog:crash';
