/**
 * Domain code throws these; one error handler turns them into negotiated responses.
 * `details` carries machine-readable context (line, column, property) next to the human message.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) => new HttpError(400, message, details);
export const unauthorized = (message = 'This request needs "Authorization: Bearer <token>" with a valid token') =>
  new HttpError(401, message, {}, { 'WWW-Authenticate': 'Bearer realm="dataportal-vast"' });
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);
export const methodNotAllowed = (method: string, allowed: string[]) =>
  new HttpError(405, `${method} is not allowed here; use ${allowed.join(', ')}`, { allowed }, { Allow: allowed.join(', ') });
export const notAcceptable = (offered: string[]) =>
  new HttpError(406, `None of the media types in Accept can be served; available: ${offered.join(', ')}`, { offered });
export const conflict = (message: string, details?: Record<string, unknown>) => new HttpError(409, message, details);
export const preconditionFailed = (message: string) => new HttpError(412, message);
export const payloadTooLarge = (limit: number) =>
  new HttpError(413, `The request body is larger than the limit of ${limit} bytes`, { limit });
export const unsupportedMediaType = (given: string | undefined, supported: string[]) =>
  new HttpError(
    415,
    given
      ? `Content-Type "${given}" is not supported here; use one of ${supported.join(', ')}`
      : `A Content-Type header is required; use one of ${supported.join(', ')}`,
    { supported },
  );
export const unprocessable = (message: string, details?: Record<string, unknown>) => new HttpError(422, message, details);
export const serviceUnavailable = (message: string, retryAfterSeconds?: number, details?: Record<string, unknown>) =>
  new HttpError(503, message, details, retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {});
/** A per-client limit: `limit` names it (its configuration variable), `value` is its value. */
export const tooManyRequests = (message: string, retryAfterSeconds: number, details: { limit: string; value: number } & Record<string, unknown>) =>
  new HttpError(429, message, { ...details, retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const insufficientStorage = (message: string) => new HttpError(507, message);
