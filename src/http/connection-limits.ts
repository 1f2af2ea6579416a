import http, { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from '../config.js';

/** Node's default: an idle keep-alive connection is closed after 5 s. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node looks for connections past headersTimeout/requestTimeout (its default, 30 s, lets a slowloris sit). */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

/**
 * Options for the HTTP server, from the configuration: slow or oversized request heads are cut off by Node itself.
 * Bodies are paced by receive-body.ts (a minimum rate, so slow large uploads are fair); `requestTimeout` is only the
 * backstop that rate implies for the largest body, where Node would otherwise wait forever (it was 0).
 */
export function httpServerOptions(config: Config): http.ServerOptions {
  const slowestLargestBodyMs = config.bodyGraceMs + Math.ceil((config.maxBodyBytes / config.bodyMinBytesPerSecond) * 1000);
  return {
    maxHeaderSize: config.maxHeaderBytes,
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.headersTimeoutMs + slowestLargestBodyMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS,
  };
}

/**
 * Requests Node's parser refuses before express sees them (oversized heads, malformed framing, heads past the
 * timeout) get a problem document like every other refusal, instead of Node's bare status line.
 */
export function answerClientErrors(server: http.Server, config: Config): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const ongoing = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || ongoing?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, detail, details } = describeClientError(error, config);
    const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status], status, detail, ...details });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    // A client that never reads its answer must not keep the socket.
    setTimeout(() => socket.destroy(), 2_000).unref();
  });
}

function describeClientError(error: NodeJS.ErrnoException, config: Config): { status: number; detail: string; details: Record<string, unknown> } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        detail: `The request line and headers are larger than the limit of ${config.maxHeaderBytes} bytes (MAX_HEADER_BYTES)`,
        details: { limit: config.maxHeaderBytes },
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        detail: `The request did not arrive in time: its headers within ${config.headersTimeoutMs} ms (HEADERS_TIMEOUT_MS), or its body at the minimum pace`,
        details: { limit: config.headersTimeoutMs },
      };
    default: {
      // llhttp's reason ("Invalid header value char", "Unexpected content-length header") says what is wrong.
      const reason = (error as { reason?: string }).reason ?? error.message;
      return { status: 400, detail: `Malformed HTTP request: ${reason}${error.code ? ` (${error.code})` : ''}`, details: {} };
    }
  }
}
