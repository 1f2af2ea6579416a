/** What each pre-parse check allows; from config.ts (MAX_XML_DEPTH, …). */
export interface InputLimits {
  /** MAX_XML_DEPTH: element nesting in RDF/XML. */
  xmlDepth: number;
  /** MAX_XML_ENTITY_EXPANSION: bytes that all entity references of an RDF/XML document expand to, together. */
  xmlEntityExpansion: number;
  /** MAX_JSON_DEPTH: nesting of objects and arrays in JSON-LD. */
  jsonDepth: number;
  /** MAX_TURTLE_NESTING: nesting of `[` and `(` in Turtle. */
  turtleNesting: number;
  /** MAX_NTRIPLES_LINE_BYTES: the longest N-Triples line. */
  ntriplesLineBytes: number;
  /** MAX_TRIPLES_PER_REQUEST: triples in one request body (all its parts together). */
  triples: number;
}

/** A limit a refused input passed: the configuration variable and its value. */
export interface PassedLimit {
  name: string;
  value: number;
}

/**
 * A body refused before (or instead of) parsing: 400 for a structure we do not accept (nesting, entity tricks),
 * 413 for a size past a limit. Neutral (no HTTP here); the error handler turns it into a problem document.
 */
export class RefusedInput extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
    readonly limit?: PassedLimit,
    readonly position: { line?: number; column?: number } = {},
  ) {
    super(message);
    this.name = 'RefusedInput';
  }
}

/**
 * Where a byte offset is, as a person counts: line from 1, column in characters from 1. The scanners keep the line and
 * the offset where it starts as they go, so only the start of one line is decoded, and only when a body is refused.
 */
export function positionAt(bytes: Uint8Array, offset: number, line: number, lineStart: number): { line: number; column: number } {
  // Characters are the bytes that start one (not 10xxxxxx): counted in place, since the line before a refusal may be
  // megabytes long (a 4 MB N-Triples line decoded and spread into characters took 150 ms of the main thread).
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}

/** " (line 3, column 7)" for messages. */
export function where(position: { line?: number; column?: number }): string {
  if (position.line === undefined) return '';
  return ` (line ${position.line}${position.column === undefined ? '' : `, column ${position.column}`})`;
}

export const LF = 0x0a;
export const CR = 0x0d;
