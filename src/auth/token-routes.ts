import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { decodeUtf8, requestType, requireUtf8 } from '../http/body.js';
import { readBody } from '../http/receive-body.js';
import type { BodyPace } from '../http/receive-body.js';
import { badRequest, methodNotAllowed, unsupportedMediaType } from '../http/errors.js';
import { RecordsTokenDirectory, TOKEN_ROLES } from './token-directory.js';

export const TOKENS_PATH = '/admin/tokens';

/** A token request is a few dozen bytes; anything near this is not one. */
const MAX_REQUEST_BYTES = 16 * 1024;
const JSON_TYPE = 'application/json';

/**
 * `POST /admin/tokens` with `{"organisation": "goteborg", "role": "publisher"}` (role defaults to publisher):
 * 201 with the token, shown this once. Admin only.
 */
export function tokenEndpoint(ctx: AppContext) {
  // Stateless over the records, so this one and the Authenticator's see the same tokens.
  const directory = new RecordsTokenDirectory(ctx.records, ctx.organisations);
  return async (req: Request, res: Response): Promise<void> => {
    if (req.method !== 'POST') throw methodNotAllowed(req.method, ['POST']);
    ctx.auth.requireAdmin(req, 'Issuing tokens');
    const { organisation, role } = await readTokenRequest(req, ctx.config);
    const issued = await directory.issue(organisation, role);
    res.status(201).setHeader('Cache-Control', 'no-store');
    res.json({ token: issued.token, organisation: issued.organisation, role: issued.role, created: issued.created });
  };
}

async function readTokenRequest(req: Request, pace: BodyPace): Promise<{ organisation: string; role: string }> {
  const type = requestType(req);
  if (type?.mediaType !== JSON_TYPE) throw unsupportedMediaType(req.headers['content-type'], [JSON_TYPE]);
  requireUtf8(type, [JSON_TYPE]);
  const text = decodeUtf8(await readBody(req, MAX_REQUEST_BYTES, pace), 'body');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object such as {"organisation": "goteborg", "role": "publisher"}');
  }
  const { organisation, role = 'publisher' } = body as Record<string, unknown>;
  if (typeof organisation !== 'string' || organisation === '') {
    throw badRequest('"organisation" is required: the id of an organisation (GET /organisations lists them)');
  }
  if (typeof role !== 'string') throw badRequest(`"role" must be one of ${TOKEN_ROLES.join(', ')}`);
  return { organisation, role };
}
