/**
 * The server's own records (catalog records, token hashes) in a dump, as one more graph, so `restore` brings back a
 * store that serves the same documents, tokens and records. One triple per record: the key in the subject IRI, the
 * record as JSON in a string literal. The graph name cannot clash with a catalog's: catalogs live under BASE_URL.
 */
export const RECORDS_GRAPH = 'urn:x-dataportal-vast:records';
const KEY_PREFIX = `${RECORDS_GRAPH}:`;
const VALUE = 'urn:x-dataportal-vast:value';

/** The records as N-Quads lines in RECORDS_GRAPH (empty text when there are none). */
export function recordsNQuads(entries: Iterable<[string, unknown]>): string {
  let out = '';
  // JSON.stringify of the JSON text escapes only what N-Triples' ECHAR and UCHAR escapes allow.
  for (const [key, value] of entries) out += `<${KEY_PREFIX}${encodeURIComponent(key)}> <${VALUE}> ${JSON.stringify(JSON.stringify(value))} <${RECORDS_GRAPH}> .\n`;
  return out;
}

/** One record back from a statement of RECORDS_GRAPH; throws with what is wrong. */
export function recordOfStatement(subject: string, predicate: string, object: string): [string, unknown] {
  if (!subject.startsWith(`<${KEY_PREFIX}`) || !subject.endsWith('>')) throw new Error(`a record's subject must be <${KEY_PREFIX}…>, got ${subject}`);
  if (predicate !== `<${VALUE}>`) throw new Error(`a record's predicate must be <${VALUE}>, got ${predicate}`);
  if (!object.startsWith('"') || !object.endsWith('"')) throw new Error('a record must be a plain string literal holding JSON');
  const key = decodeURIComponent(subject.slice(KEY_PREFIX.length + 1, -1));
  return [key, JSON.parse(JSON.parse(object) as string) as unknown];
}
