import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './errors.js';

/** The request content codings the server decodes (RFC 9110 §8.4.1); `x-gzip` is gzip's old name. */
export const SUPPORTED_CODINGS = ['gzip', 'deflate', 'br', 'identity'];

/** A body wrapped in more codings than this is refused: nobody needs three, and each layer costs a decoder. */
const MAX_CODINGS = 2;

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  // HTTP's "deflate" is the zlib format (RFC 1950), not raw deflate.
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * The decoders for the request's Content-Encoding, in the order to apply them (the last coding applied by the sender
 * is undone first). Empty for none or identity. An unknown coding is 415 naming the supported ones, before any byte
 * of the body is read; the decoded size is bounded by the body limit where the bytes are counted (receive-body.ts).
 */
export function bodyDecoders(headers: IncomingHttpHeaders): Transform[] {
  const header = headers['content-encoding'];
  if (!header) return [];
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  for (const coding of codings) {
    if (!DECODERS[coding]) throw unsupportedEncoding(header, `"${coding}" is not a content coding this server decodes`);
  }
  if (codings.length > MAX_CODINGS) throw unsupportedEncoding(header, `at most ${MAX_CODINGS} content codings are decoded, got ${codings.length}`);
  return codings.reverse().map((coding) => DECODERS[coding]!());
}

function unsupportedEncoding(header: string, why: string): HttpError {
  return new HttpError(415, `Content-Encoding "${header}" is not accepted: ${why}; use one of ${SUPPORTED_CODINGS.join(', ')}`, {
    supported: SUPPORTED_CODINGS,
  }, { 'Accept-Encoding': SUPPORTED_CODINGS.join(', ') });
}
