import type { Request } from 'express';
import { badRequest, methodNotAllowed, unsupportedMediaType } from '../http/errors.js';
import { decodeUtf8, requestType, requireUtf8 } from '../http/body.js';
import { readBody } from '../http/receive-body.js';
import type { BodyPace } from '../http/receive-body.js';

export type ProtocolRequest =
  | { operation: 'query'; text: string; defaultGraphs: string[]; namedGraphs: string[] }
  | { operation: 'update'; text: string; usingGraphs: string[]; usingNamedGraphs: string[] }
  | { operation: 'describe-service' };

const REQUEST_TYPES = ['application/x-www-form-urlencoded', 'application/sparql-query', 'application/sparql-update'];

/** Read a SPARQL 1.1 Protocol request (GET, form POST, direct POST) into what it asks for, or throw a 4xx. */
export async function readProtocolRequest(req: Request, maxBodyBytes: number, pace: BodyPace): Promise<ProtocolRequest> {
  const url = new URL(req.originalUrl, 'http://x');
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (url.searchParams.has('update')) throw badRequest('Updates must be sent with POST, not GET');
    if (!url.searchParams.has('query')) return { operation: 'describe-service' };
    return fromParameters(url.searchParams, 'query');
  }
  if (req.method !== 'POST') throw methodNotAllowed(req.method, ['GET', 'POST']);

  const type = requestType(req);
  if (!type || !REQUEST_TYPES.includes(type.mediaType)) throw unsupportedMediaType(req.headers['content-type'], REQUEST_TYPES);
  requireUtf8(type, REQUEST_TYPES);
  const body = decodeUtf8(await readBody(req, maxBodyBytes, pace), 'request body');

  if (type.mediaType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body);
    for (const [name, value] of url.searchParams) form.append(name, value);
    const hasQuery = form.has('query');
    const hasUpdate = form.has('update');
    if (hasQuery && hasUpdate) throw badRequest('Send either a "query" or an "update" parameter, not both');
    if (!hasQuery && !hasUpdate) throw badRequest('A form POST needs a "query" or an "update" parameter');
    return fromParameters(form, hasQuery ? 'query' : 'update');
  }
  const parameters = new URLSearchParams(url.searchParams);
  if (parameters.has('query') || parameters.has('update')) {
    throw badRequest(`With ${type.mediaType} the body is the ${type.mediaType.endsWith('query') ? 'query' : 'update'}; do not also send one as a URL parameter`);
  }
  parameters.set(type.mediaType === 'application/sparql-query' ? 'query' : 'update', body);
  return fromParameters(parameters, type.mediaType === 'application/sparql-query' ? 'query' : 'update');
}

function fromParameters(parameters: URLSearchParams, operation: 'query' | 'update'): ProtocolRequest {
  const texts = parameters.getAll(operation);
  if (texts.length !== 1) throw badRequest(`Exactly one "${operation}" parameter is allowed, got ${texts.length}`);
  const text = texts[0]!;
  if (operation === 'query') {
    return {
      operation,
      text,
      defaultGraphs: iris(parameters, 'default-graph-uri'),
      namedGraphs: iris(parameters, 'named-graph-uri'),
    };
  }
  return {
    operation,
    text,
    usingGraphs: iris(parameters, 'using-graph-uri'),
    usingNamedGraphs: iris(parameters, 'using-named-graph-uri'),
  };
}

function iris(parameters: URLSearchParams, name: string): string[] {
  const values = parameters.getAll(name);
  for (const value of values) {
    try {
      new URL(value);
    } catch {
      throw badRequest(`"${name}" must be an absolute IRI, got "${value}"`);
    }
  }
  return values;
}
