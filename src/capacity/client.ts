import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Authenticator, Principal } from '../auth/authenticate.js';
import { hashToken } from '../auth/token-hash.js';

/** Who a request counts against: a valid token, else its address. */
export interface Client {
  /** The key its counters are kept under: "token:<hash prefix>" or "address:<address or IPv6 /56>". */
  key: string;
  principal?: Principal;
}

/**
 * IPv6 addresses are grouped by /56, the prefix a home or office line usually gets (express-rate-limit's default):
 * one client has as many /64s and addresses as it likes. `req.ip` is the socket's address unless TRUST_PROXY names
 * the proxies in front.
 */
const IPV6_SUBNET = 56;

const known = new WeakMap<Request, Client>();

/**
 * The client of a request. A token counts only when it is valid: an unknown token is counted by address (and gets
 * its 401 from the route), so inventing tokens does not make new clients.
 */
export function clientOf(req: Request, auth: Authenticator): Client {
  let client = known.get(req);
  if (!client) {
    client = identify(req, auth);
    known.set(req, client);
  }
  return client;
}

function identify(req: Request, auth: Authenticator): Client {
  let principal: Principal | undefined;
  try {
    principal = auth.identify(req);
  } catch {
    principal = undefined;
  }
  const bearer = principal ? /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] : undefined;
  // The hash, never the token: keys may show in logs and in the RateLimit-Policy partition key.
  if (principal && bearer) return { key: `token:${hashToken(bearer).slice(0, 32)}`, principal };
  return { key: `address:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown', IPV6_SUBNET)}` };
}
