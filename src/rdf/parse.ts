import ox from 'oxigraph';
import jsonld from 'jsonld';
import { parse as parseJsonLeniently, type ParseError } from 'jsonc-parser';
import { JSONLD, NTRIPLES, RDFXML, formatByMediaType } from './formats.js';
import { stableBlankLabels } from './blank-labels.js';
import { loadLocalContext } from './jsonld-contexts.js';
import { RefusedInput, type InputLimits, type PassedLimit } from './input-limits/refused-input.js';
import { checkInputLimits } from './input-limits/check-input.js';
import { freeWasm } from './wasm-objects.js';

export interface ParseRequest {
  bytes: Uint8Array;
  mediaType: string;
  baseIri: string;
  /** MAX_TRIPLES_PER_REQUEST: more triples than this are refused before their lines are written. */
  maxTriples?: number;
  /**
   * The limits to check the bytes against before parsing (input-limits/check-input.ts). Checked here, in the thread
   * that parses, so that scanning a large hostile body (64 MB of a gzip bomb's zeros: a second of CPU) never holds
   * the main thread, and a dry run's scan runs in the dry runs' low-priority thread.
   */
  inputLimits?: InputLimits;
}

export type ParseOutcome =
  | { ok: true; ntriples: string; quads: number }
  | {
      ok: false;
      message: string;
      line?: number;
      column?: number;
      /** Set when the document passed a limit (413) rather than being malformed (400). */
      limit?: PassedLimit;
      /** Set when `inputLimits` refused the document before parsing: the status it gets (with `limit`). */
      refused?: 400 | 413;
      /** Set when the parser itself broke (a WebAssembly trap), not the document's syntax. */
      parserFailed?: boolean;
    };

/**
 * Turn a submitted document into N-Triples with its literals exactly as written (Oxigraph's parser keeps them;
 * only its store rewrites them). IRIs are checked strictly, so spaces and unresolvable relative IRIs are errors
 * with a position. Nothing here reaches the network: JSON-LD contexts come from local copies or are refused, and
 * RDF/XML entities were checked before the document came here (input-limits/xml-limits.ts).
 */
export async function parseToNTriples(request: ParseRequest): Promise<ParseOutcome> {
  const format = formatByMediaType(request.mediaType);
  if (!format) return { ok: false, message: `cannot parse ${request.mediaType}` };
  if (request.inputLimits) {
    try {
      checkInputLimits(request.bytes, format, request.inputLimits);
    } catch (error) {
      if (!(error instanceof RefusedInput)) throw error;
      return { ok: false, message: error.message, ...error.position, limit: error.limit, refused: error.status };
    }
  }
  const text = new TextDecoder('utf-8').decode(request.bytes);
  try {
    // Only JSON-LD can carry named graphs; a quad's graph is a wasm call per quad, so ask only there.
    const quads =
      format === JSONLD
        ? ox.parse(await jsonLdToNQuads(text, request.baseIri), { format: 'nq' })
        : ox.parse(request.bytes, { format: format.oxigraph, base_iri: request.baseIri });
    let lines: string[];
    try {
      if (format === JSONLD && quads.some(inNamedGraph)) {
        return { ok: false, message: 'The document contains named graphs; send the triples of one graph' };
      }
      lines = quads.map((quad) => quad.toString());
    } finally {
      freeWasm(quads);
    }
    if (request.maxTriples !== undefined && lines.length > request.maxTriples) {
      const limit = { name: 'MAX_TRIPLES_PER_REQUEST', value: request.maxTriples };
      return { ok: false, message: `The document has ${lines.length} triples, more than MAX_TRIPLES_PER_REQUEST = ${request.maxTriples}`, limit };
    }
    // N-Triples keeps the labels its writer chose; the other syntaxes get new ones on every parse.
    if (format !== NTRIPLES) stableBlankLabels(lines);
    return { ok: true, ntriples: lines.length ? `${lines.join(' .\n')} .\n` : '', quads: quads.length };
  } catch (error) {
    // A trap is the parser breaking, not a syntax error: the thread must not parse again (parse-worker.ts).
    if (error instanceof WebAssembly.RuntimeError) throw error;
    if (error instanceof DocumentError) return { ok: false, message: error.message, ...error.position };
    const where = position(error);
    if (where.line === undefined && format === RDFXML) Object.assign(where, quotedTextPosition(error, text));
    return { ok: false, message: describe(error), ...where };
  }
}

/** Whether a quad is outside the default graph (its graph term is a wasm object of its own, freed here). */
function inNamedGraph(quad: ox.Quad): boolean {
  const graph = quad.graph;
  const named = graph.termType !== 'DefaultGraph';
  freeWasm([graph]);
  return named;
}

/**
 * A failed outcome of parsing part of a body, told in the body's lines: `line` is where the part's line
 * `failed.line` sits in the body (undefined when unknown).
 */
export function inBodyLines(failed: Extract<ParseOutcome, { ok: false }>, line: number | undefined): Extract<ParseOutcome, { ok: false }> {
  if (failed.line === undefined || line === undefined) return { ...failed, line: undefined, column: undefined };
  return { ...failed, line, message: failed.message.replace(new RegExp(`\\bline ${failed.line}\\b`, 'g'), `line ${line}`) };
}

class DocumentError extends Error {
  constructor(message: string, readonly position: { line?: number; column?: number } = {}) {
    super(message);
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Parser error /, 'Syntax error ');
}

/** Oxigraph says "at line 3 between columns 13 and 17" or "between line 2 column 17 and line 3 column 1". */
function position(error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const match = /line (\d+)(?: between columns| column) (\d+)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

async function jsonLdToNQuads(text: string, base: string): Promise<string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DocumentError(`The body is not valid JSON: ${(error as Error).message}`, jsonErrorPosition(text));
  }
  try {
    return (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      format: 'application/n-quads',
      base,
      documentLoader: loadLocalContext as unknown as jsonld.Options.DocLoader["documentLoader"],
    })) as unknown as string;
  } catch (error) {
    const e = error as { message?: string; details?: { url?: string; context?: unknown; cause?: { message?: string } } };
    const cause = e.details?.cause?.message;
    // jsonld replaces a scoped context's loading error with "invalid scoped context"; its details still name it.
    const scoped = typeof e.details?.context === 'string' ? ` (the scoped context ${e.details.context}: the server never fetches contexts; inline it)` : '';
    throw new DocumentError(`Invalid JSON-LD: ${cause ?? e.message ?? String(error)}${scoped}`);
  }
}

/** V8's JSON errors do not always say where; jsonc-parser reports the offset of the first error. */
function jsonErrorPosition(text: string): { line?: number; column?: number } {
  const errors: ParseError[] = [];
  parseJsonLeniently(text, errors, { allowTrailingComma: false, disallowComments: true });
  const offset = errors[0]?.offset;
  if (offset === undefined) return {};
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Oxigraph's RDF/XML errors carry no position, but most quote the offending text ("Unexpected text event:
 * 'Eurovoc'"); its first occurrence in the document is where to look.
 */
function quotedTextPosition(error: unknown, text: string): { line?: number; column?: number } {
  const quoted = /'([^']{2,})'/.exec(error instanceof Error ? error.message : '')?.[1];
  const offset = quoted === undefined ? -1 : text.indexOf(quoted);
  if (offset < 0) return {};
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
