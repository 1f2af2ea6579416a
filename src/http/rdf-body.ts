import type { Request } from 'express';
import busboy from 'busboy';
import type { AppContext } from '../context.js';
import { GRAPH_FORMATS, NTRIPLES, formatByMediaType } from '../rdf/formats.js';
import { parseNTriplesAgainst, type KnownText } from '../rdf/known-lines.js';
import { parseNTriplesInParts } from '../rdf/ntriples-parts.js';
import type { ParseOutcome } from '../rdf/parse.js';
import { ParserFailed } from '../rdf/parser-pool.js';
import { checkInputLimits, RefusedInput, tooManyTriples } from '../rdf/input-limits/check-input.js';
import { withDeadline } from '../deadlines/work-deadline.js';
import { badRequest, unsupportedMediaType } from './errors.js';
import { checkUtf8, decodeUtf8, requestType, requireUtf8 } from './body.js';
import { readBody } from './receive-body.js';
import { clientSignal } from './client-signal.js';

/** N-Triples bodies from this size on are parsed in parts, one per parser thread (a 52 MB body: 2.2 s whole). */
const SPLIT_NTRIPLES_FROM = 4 * 1024 * 1024;

export const RDF_REQUEST_TYPES = GRAPH_FORMATS.map((f) => f.mediaType);

export interface ParsedBody {
  ntriples: string;
  quads: number;
  /** When read against a known text: the N-Triples of the lines it did not have, and its lines the body lacks. */
  against?: { fresh: string; lost: string[] | undefined };
  /** Milliseconds spent receiving the body (its sender's pace included). */
  receiveMs?: number;
}

/**
 * Read an RDF request body (one of the graph syntaxes, or multipart/form-data with such parts when `multipart`)
 * into N-Triples. 415 for other types, 413 past the size limit, 400 with line and column for syntax errors; the input
 * limits and the parse deadline of parseDocument. The parse stops when the client goes away.
 */
export async function readRdfBody(
  req: Request,
  ctx: AppContext,
  baseIri: string,
  options: { multipart?: boolean; known?: KnownText } = {},
): Promise<ParsedBody> {
  const type = requestType(req);
  const accepted = options.multipart ? [...RDF_REQUEST_TYPES, 'multipart/form-data'] : RDF_REQUEST_TYPES;
  if (!type || !(formatByMediaType(type.mediaType) || (options.multipart && type.mediaType === 'multipart/form-data'))) {
    throw unsupportedMediaType(req.headers['content-type'], accepted);
  }
  const started = performance.now();
  const bytes = await readBody(req, ctx.config.maxBodyBytes, ctx.config);
  const receiveMs = performance.now() - started;
  if (type.mediaType === 'multipart/form-data') {
    const parts = await splitMultipart(req, bytes);
    const signal = clientSignal(req.res!);
    const parsed = await Promise.all(parts.map((part, i) => parseDocument(ctx, part.bytes, part.mediaType, baseIri, `part ${i + 1}`, { signal })));
    const quads = parsed.reduce((n, p) => n + p.quads, 0);
    if (quads > ctx.config.inputLimits.triples) throw tooManyTriples(ctx.config.inputLimits.triples);
    return { ntriples: parsed.map((p) => p.ntriples).join(''), quads };
  }
  requireUtf8(type, RDF_REQUEST_TYPES);
  return { ...(await parseDocument(ctx, bytes, type.mediaType, baseIri, 'body', { known: options.known, signal: clientSignal(req.res!) })), receiveMs };
}

/**
 * One RDF document (`what` names it in errors: "body", "part 2", "file x.ttl") → N-Triples; 400 with line and column.
 * Its bytes are checked against the input limits (RefusedInput, 400 or 413 with where) before they are parsed: by the
 * parser thread, so that scanning a large hostile body never holds the main thread — but for N-Triples, checked here
 * because how it is parsed (in parts, against a known text) goes by its lines. The parse has PARSE_TIMEOUT_MS (scaled
 * with the size) and stops at it (DeadlineExceeded, 503) or when `signal` aborts (ClientGone).
 */
export async function parseDocument(
  ctx: Pick<AppContext, 'parsers' | 'config'>,
  bytes: Buffer,
  mediaType: string,
  baseIri: string,
  what: string,
  options: { known?: KnownText; signal?: AbortSignal } = {},
): Promise<ParsedBody> {
  const format = formatByMediaType(mediaType);
  if (!format) throw unsupportedMediaType(mediaType, RDF_REQUEST_TYPES);
  checkUtf8(bytes, what);
  if (bytes.length === 0 && mediaType === 'application/ld+json') {
    throw badRequest(`The ${what} is empty; a JSON-LD document needs at least {}`);
  }
  const limits = ctx.config.inputLimits;
  const ntriples = mediaType === NTRIPLES.mediaType;
  if (ntriples) {
    try {
      checkInputLimits(bytes, format, limits);
    } catch (error) {
      throw error instanceof RefusedInput ? inPart(error, what) : error;
    }
  }
  return withDeadline(ctx.config.parseDeadline, 'parse', bytes.length, options.signal, async (control) => {
    const parse = (part: Uint8Array) => ctx.parsers.parse({ bytes: part, mediaType, baseIri, maxTriples: limits.triples, inputLimits: ntriples ? undefined : limits }, control);
    const known = options.known;
    if (ntriples && known) {
      const outcome = await parseNTriplesAgainst(decodeUtf8(bytes, what), known, parse);
      if (!outcome.ok) throw syntaxError(outcome, mediaType, what);
      return { ntriples: outcome.ntriples, quads: outcome.quads, against: { fresh: outcome.fresh, lost: outcome.lost } };
    }
    const outcome =
      ntriples && bytes.length >= SPLIT_NTRIPLES_FROM && ctx.parsers.threads > 1
        ? await parseNTriplesInParts(bytes, ctx.parsers.threads, parse)
        : await parse(bytes);
    if (!outcome.ok) throw syntaxError(outcome, mediaType, what);
    return { ntriples: outcome.ntriples, quads: outcome.quads };
  });
}

/** A part of a multipart body is named in a refusal, and its lines are its own. */
function inPart(error: RefusedInput, what: string): RefusedInput {
  return what === 'body' ? error : new RefusedInput(`In ${what}: ${error.message}`, error.status, error.limit, error.position);
}

/** A failed parse as the error it is: a passed limit (413), the parser breaking (400), or a syntax error (400). */
function syntaxError(outcome: Extract<ParseOutcome, { ok: false }>, mediaType: string, what: string): Error {
  if (outcome.refused) return inPart(new RefusedInput(outcome.message, outcome.refused, outcome.limit, { line: outcome.line, column: outcome.column }), what);
  if (outcome.limit) return new RefusedInput(`The ${what}: ${outcome.message}`, 413, outcome.limit);
  if (outcome.parserFailed) return new ParserFailed(`the ${what} (${mediaType}) broke the parser; its thread was replaced`);
  const where = outcome.line ? ` (line ${outcome.line}${outcome.column ? `, column ${outcome.column}` : ''})` : '';
  return badRequest(`The ${what} is not valid ${mediaType}${where}: ${outcome.message}`, {
    line: outcome.line,
    column: outcome.column,
    mediaType,
  });
}

function splitMultipart(req: Request, bytes: Buffer): Promise<{ mediaType: string; bytes: Buffer }[]> {
  return new Promise((resolve, reject) => {
    const parts: { mediaType: string; bytes: Buffer }[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers });
    } catch (error) {
      reject(badRequest(`Malformed multipart/form-data: ${(error as Error).message}`));
      return;
    }
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => parts.push({ mediaType: info.mimeType.toLowerCase(), bytes: Buffer.concat(chunks) }));
      // A body cut inside a part fails the part's stream too; unheard, that error ended the process.
      stream.on('error', (error: Error) => reject(badRequest(`Malformed multipart/form-data: ${error.message}`)));
    });
    parser.on('field', (name) => reject(badRequest(`Multipart field "${name}" is not a file part; send RDF documents as parts with a Content-Type`)));
    parser.on('error', (error: Error) => reject(badRequest(`Malformed multipart/form-data: ${error.message}`)));
    parser.on('close', () => resolve(parts));
    parser.end(bytes);
  });
}
