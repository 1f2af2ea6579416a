import type { Response } from 'express';

/**
 * A sink for a body that arrives in chunks: the first chunk sends the headers, each write waits for the socket to
 * drain, so a slow client slows the producer instead of filling memory.
 */
export function chunkSink(res: Response, status: number, contentType: string, headers: Record<string, string> = {}) {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.status(status);
    res.setHeader('Content-Type', contentType);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  };
  return {
    get started() {
      return started;
    },
    onChunk: async (chunk: Uint8Array): Promise<void> => {
      start();
      if (res.destroyed) throw new Error('client went away');
      if (!res.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          res.once('drain', resolve);
          res.once('close', () => reject(new Error('client went away')));
        });
      }
    },
    end: () => {
      start();
      res.end();
    },
  };
}

/**
 * Stream a store read into a sink and end it. A failure before the first chunk is answered as an error (timeout,
 * busy replica); after it the headers are gone, so the connection is cut and the client sees the body incomplete.
 */
export async function streamInto(res: Response, sink: ReturnType<typeof chunkSink>, produce: () => Promise<unknown>): Promise<void> {
  try {
    await produce();
  } catch (error) {
    if (sink.started || res.headersSent) {
      res.destroy();
      return;
    }
    throw error;
  }
  sink.end();
}
