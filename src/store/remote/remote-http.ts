import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { StoreError } from '../store-error.js';
import { DigestSession, parseDigestChallenge } from './digest-auth.js';

export interface RemoteCredentials {
  auth: 'basic' | 'digest';
  user: string;
  password: string;
}

export interface RemoteRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /**
   * Always a whole buffer, sent with Content-Length: Virtuoso 7.2.5 answers a chunked Graph Store PUT with 201/204
   * and stores nothing.
   */
  body?: Buffer;
  signal?: AbortSignal;
}

export type RemoteResponse = Dispatcher.ResponseData;

/**
 * HTTP to the remote store's endpoints with Basic or Digest credentials, every failure turned into a StoreError.
 * undici rather than sparql-http-client: that client neither answers Digest challenges (Virtuoso's authenticated
 * endpoints use Digest) nor lets us see the headers Virtuoso signals truncation and timeouts with.
 */
export class RemoteHttp {
  private readonly agent = new Agent({ connect: { timeout: 10_000 }, keepAliveTimeout: 4_000 });
  private digest: DigestSession | undefined;

  constructor(private readonly credentials: RemoteCredentials | undefined) {}

  /** Send a request; a status of 400 or more, or a Virtuoso "anytime" partial answer, is thrown as a StoreError. */
  async send(req: RemoteRequest): Promise<RemoteResponse> {
    let response = await this.dispatch(req);
    if (response.statusCode === 401 && this.credentials?.auth === 'digest') {
      const challenge = parseDigestChallenge(response.headers['www-authenticate']);
      await response.body.dump();
      if (challenge) {
        this.digest = new DigestSession(challenge, this.credentials.user, this.credentials.password);
        response = await this.dispatch(req);
      }
    }
    await throwIfFailed(response, req);
    return response;
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async dispatch(req: RemoteRequest): Promise<RemoteResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body) headers['content-length'] = String(req.body.length);
    const authorization = this.authorization(req);
    if (authorization) headers.authorization = authorization;
    try {
      return await request(req.url, { method: req.method, headers, body: req.body, signal: req.signal, dispatcher: this.agent });
    } catch (error) {
      if (req.signal?.aborted) throw error;
      throw new StoreError('unavailable', `The remote store at ${new URL(req.url).origin} cannot be reached: ${describe(error)}`, { cause: error });
    }
  }

  private authorization(req: RemoteRequest): string | undefined {
    if (!this.credentials) return undefined;
    if (this.credentials.auth === 'basic') {
      return `Basic ${Buffer.from(`${this.credentials.user}:${this.credentials.password}`).toString('base64')}`;
    }
    const url = new URL(req.url);
    return this.digest?.authorization(req.method, `${url.pathname}${url.search}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof undiciErrors.UndiciError || error instanceof Error) {
    const code = (error as { code?: string }).code ?? (error.cause as { code?: string } | undefined)?.code;
    return code ? `${code} (${error.message})` : error.message;
  }
  return String(error);
}

/**
 * Virtuoso's ways of failing, as measured on 7.2.5: a query past its `timeout` answers 200 with partial (often empty)
 * results and `X-SQL-State: S1TAT`; one past MaxQueryExecutionTime answers 500 "SR171: Transaction timed out"
 * (S1T00); a syntax error is 400 "SP030: SPARQL compiler, line N: …".
 */
async function throwIfFailed(response: RemoteResponse, req: RemoteRequest): Promise<void> {
  const sqlState = header(response, 'x-sql-state');
  if (response.statusCode < 400 && !sqlState) return;
  const text = (await response.body.text()).trim();
  if (sqlState && response.statusCode < 400) {
    const message = header(response, 'x-sql-message') ?? '';
    throw new StoreError('timeout', `The remote store stopped the query at its time limit and would have answered with partial results (${sqlState}: ${message.slice(0, 200)})`);
  }
  const first = virtuosoMessage(text);
  if (/\b(S1T00|SR171|S1TAT)\b|timed out/i.test(text)) throw new StoreError('timeout', `The remote store stopped the query at its time limit: ${first}`);
  if (/\bSP0\d\d\b|syntax error/i.test(first)) {
    const line = /\bline (\d+)/i.exec(first);
    throw new StoreError('syntax', first.replace(/^Virtuoso \w+ Error /, ''), line ? { line: Number(line[1]) } : {});
  }
  if (response.statusCode === 401 || response.statusCode === 403) {
    throw new StoreError('failed', `The remote store refused our credentials (STORE_USER, STORE_AUTH) for ${req.method} ${new URL(req.url).pathname}: ${response.statusCode}`);
  }
  if (response.statusCode === 503 || response.statusCode === 502 || response.statusCode === 504) {
    throw new StoreError('unavailable', `The remote store answered ${response.statusCode}: ${first}`);
  }
  throw new StoreError('failed', `The remote store answered ${req.method} ${new URL(req.url).pathname} with ${response.statusCode}: ${first}`);
}

export function header(response: RemoteResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The message in a Virtuoso error body: plain text for SPARQL, an HTML page for the Graph Store. */
function virtuosoMessage(body: string): string {
  const plain = body.includes('<') ? body.replace(/<!DOCTYPE[^>]*>|<title>.*?<\/title>|<h1>.*?<\/h1>|<[^>]+>/gs, ' ') : body;
  const flat = plain.replace(/\s+/g, ' ').trim();
  const at = flat.search(/Virtuoso \w+ Error|\[[^\]]+\] SP\d{3}|\bS[PR]\d{3}:|Error \d+/);
  return flat.slice(Math.max(0, at), Math.max(0, at) + 500);
}
