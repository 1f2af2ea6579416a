import net from 'node:net';

/** One HTTP response read off a raw socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A step of a raw exchange: bytes to write, or a pause (a slow sender). */
export type RawStep = string | Buffer | { waitMs: number };

export interface RawExchange {
  responses: RawResponse[];
  /** Whether the server closed the connection (rather than the exchange timing out). */
  closedByServer: boolean;
  /** Milliseconds from the first byte sent to the server's close (or the timeout). */
  ms: number;
  /** Whether a write failed because the server had already closed (it refused before we finished). */
  cutOff: boolean;
}

/**
 * Speak HTTP/1.1 by hand for what fetch will not send (bad framing, duplicate or oversized headers, trickled
 * bytes): write the steps, then read until the server closes or `timeoutMs` passes, and parse every response.
 */
export function rawExchange(port: number, steps: RawStep[], options: { timeoutMs?: number; endAfterSteps?: boolean; localAddress?: string } = {}): Promise<RawExchange> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: options.localAddress });
    const received: Buffer[] = [];
    const started = Date.now();
    let closedByServer = false;
    let cutOff = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parseResponses(Buffer.concat(received)), closedByServer, ms: Date.now() - started, cutOff });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('close', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', () => {
      cutOff = true;
    });
    socket.on('connect', async () => {
      for (const step of steps) {
        if (done || socket.destroyed) return;
        if (typeof step === 'object' && !Buffer.isBuffer(step)) await new Promise((r) => setTimeout(r, step.waitMs));
        else if (!socket.write(step)) await new Promise((r) => socket.once('drain', r));
      }
      if (options.endAfterSteps && !socket.destroyed) socket.end();
    });
  });
}

function parseResponses(bytes: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = bytes;
  while (rest.length) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine, ...lines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
    if (!match) break;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(match[1]);
    // 1xx responses (100 Continue) have no body; a response without Content-Length runs to the close.
    const length = status < 200 ? 0 : headers['content-length'] === undefined ? rest.length - headEnd - 4 : Number(headers['content-length']);
    responses.push({ status, headers, body: rest.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8') });
    rest = rest.subarray(headEnd + 4 + length);
  }
  return responses;
}

/** The head of a request (request line and headers, ending with the empty line). */
export function head(method: string, path: string, headers: Record<string, string | number | string[]>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
