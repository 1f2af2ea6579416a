import type { Request } from 'express';
import { forbidden, unauthorized } from '../http/errors.js';
import { hashToken, sameHash } from './token-hash.js';
import { isRegionAdmin } from './access.js';

export interface Principal {
  role: 'admin' | 'publisher';
  /** The organisation a publisher token writes for. */
  organisation?: string;
}

/** Finds who a token belongs to; organisation tokens plug in here. */
export interface TokenDirectory {
  lookup(tokenHash: string): Principal | undefined;
}

export class Authenticator {
  constructor(
    private readonly adminHash: string,
    private readonly directory?: TokenDirectory,
  ) {}

  /** The caller, or undefined when no token was sent. 401 for a token that is unknown. */
  identify(req: Request): Principal | undefined {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>"');
    const hash = hashToken(match[1]!);
    if (sameHash(hash, this.adminHash)) return { role: 'admin' };
    const principal = this.directory?.lookup(hash);
    if (!principal) throw unauthorized('The token is not valid');
    return principal;
  }

  requireAdmin(req: Request, what: string): Principal {
    const principal = this.identify(req);
    if (!principal) throw unauthorized(`${what} needs the admin token ("Authorization: Bearer <token>")`);
    if (!isRegionAdmin(principal)) throw forbidden(`${what} needs the admin token; this token may only publish its organisation's catalogs`);
    return principal;
  }
}
