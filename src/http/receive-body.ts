import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { HttpError } from './errors.js';
import { bodyDecoders } from './content-encoding.js';

/** How slowly a body may arrive (Config's fields of the same names). */
export interface BodyPace {
  /** For this long after the body starts, any pace is fine (a client's slow start, a proxy's buffering). */
  bodyGraceMs: number;
  /** After the grace period the body must have averaged at least this many bytes per second since it started. */
  bodyMinBytesPerSecond: number;
}

/** How often the pace is checked: a sender that sends nothing at all produces no event to check it on. */
const PACE_CHECK_MS = 250;

/**
 * Receive a whole request body, decoding its Content-Encoding, and refuse it as soon as it is clearly bad: 413 when
 * the bytes received or the bytes decoded pass `limit` (so a gzip bomb stops inflating at the limit), 408 when it
 * arrives slower than the minimum pace (slowloris bodies), 400 when its coding is corrupt or the client goes away
 * mid-body. Every refusal leaves the rest of the body unread; the error handler then closes the connection. Stream
 * parsers would not help: Oxigraph loads whole documents.
 */
export function readBody(req: IncomingMessage, limit: number, pace: BodyPace): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit, `Content-Length says ${declared} bytes`));
  const decoders = bodyDecoders(req.headers);
  return new Promise<Buffer>((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;

    const finish = (error: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearInterval(paceCheck);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('close', onClose);
      req.pause();
      for (const decoder of decoders) decoder.destroy();
      if (error) reject(error);
      else resolve(body!);
    };

    const collect = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > limit) return finish(tooLarge(limit, decoders.length ? `it decodes to more than ${limit} bytes` : `${decoded} bytes were sent`));
      chunks.push(chunk);
    };
    const chain = decoders.reduce<Transform | undefined>((previous, decoder) => (previous ? previous.pipe(decoder) : decoder), undefined);
    for (const decoder of decoders) {
      decoder.on('error', (error: Error) => finish(new HttpError(400, `The body could not be decoded as its Content-Encoding "${req.headers['content-encoding']}" says: ${error.message}`)));
    }
    chain?.on('data', collect);
    chain?.on('end', () => finish(undefined, Buffer.concat(chunks, decoded)));

    function onData(chunk: Buffer) {
      received += chunk.length;
      if (received > limit) return finish(tooLarge(limit, `more than ${limit} bytes were sent`));
      if (!decoders.length) return collect(chunk);
      // A decoder that is behind holds the request back instead of buffering without bound.
      if (!decoders[0]!.write(chunk)) {
        req.pause();
        decoders[0]!.once('drain', () => settled || req.resume());
      }
    }
    function onEnd() {
      if (decoders.length) decoders[0]!.end();
      else finish(undefined, Buffer.concat(chunks, decoded));
    }
    function onAborted() {
      finish(clientGone(received));
    }
    function onClose() {
      if (!req.complete) finish(clientGone(received));
    }
    const paceCheck = setInterval(() => {
      const elapsed = Date.now() - started;
      const owed = ((elapsed - pace.bodyGraceMs) / 1000) * pace.bodyMinBytesPerSecond;
      if (elapsed > pace.bodyGraceMs && received < owed) finish(tooSlow(pace, received, elapsed));
    }, PACE_CHECK_MS);
    paceCheck.unref();

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('close', onClose);
    req.resume();
  });
}

function tooLarge(limit: number, why: string): HttpError {
  return new HttpError(413, `The request body is larger than the limit of ${limit} bytes (MAX_BODY_BYTES): ${why}`, { limit });
}

function tooSlow(pace: BodyPace, received: number, elapsedMs: number): HttpError {
  const rate = Math.round(received / (elapsedMs / 1000));
  return new HttpError(
    408,
    `The request body arrived too slowly: ${received} bytes in ${(elapsedMs / 1000).toFixed(1)} s (${rate} bytes/s); after ${pace.bodyGraceMs} ms (BODY_GRACE_MS) a body must average at least ${pace.bodyMinBytesPerSecond} bytes/s (BODY_MIN_BYTES_PER_SECOND)`,
    { limit: pace.bodyMinBytesPerSecond, received, elapsedMs },
  );
}

/** Nobody reads this answer; it keeps a client's disconnect out of the error log and away from 500. */
function clientGone(received: number): HttpError {
  return new HttpError(400, `The client closed the connection after ${received} bytes, before the body ended`, { received });
}
