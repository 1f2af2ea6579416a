import { badRequest } from '../http/errors.js';
import type { Organisations } from '../organisations/organisations.js';
import type { Records } from '../records/records.js';
import type { Principal, TokenDirectory } from './authenticate.js';
import { hashToken, newToken } from './token-hash.js';

export type TokenRole = Principal['role'];
export const TOKEN_ROLES: readonly TokenRole[] = ['publisher', 'admin'];

/** What the records keep per token, under `token:<sha256 of the token>`; never the token itself. */
export interface TokenRecord {
  organisation: string;
  role: TokenRole;
  /** ISO 8601 date-time of issue. */
  created: string;
}

export interface IssuedToken extends TokenRecord {
  /** The clear token: returned once, at issue, and stored nowhere. */
  token: string;
}

const KEY_PREFIX = 'token:';

/**
 * Organisation and admin tokens, kept in the server's records (src/records: SQLite, synchronous) so an issued token
 * is on disk before it is shown. Holds no state of its own: any number of directories over the same records agree.
 */
export class RecordsTokenDirectory implements TokenDirectory {
  constructor(
    private readonly records: Records,
    private readonly organisations: Organisations,
  ) {}

  /**
   * A map lookup by the hash is not constant-time, but what leaks is timing about SHA-256 outputs of guesses,
   * which says nothing useful about a random 256-bit token.
   */
  lookup(tokenHash: string): Principal | undefined {
    const record = this.records.get<TokenRecord>(`${KEY_PREFIX}${tokenHash}`);
    return record ? { role: record.role, organisation: record.organisation } : undefined;
  }

  /** Mint a token for an organisation. 400 for an unknown organisation or role. */
  async issue(organisation: string, role: string = 'publisher'): Promise<IssuedToken> {
    if (!this.organisations.get(organisation)) {
      throw badRequest(`There is no organisation "${organisation}"; GET /organisations lists them`, { organisation });
    }
    if (!isTokenRole(role)) throw badRequest(`role must be one of ${TOKEN_ROLES.join(', ')}, got "${role}"`, { role });
    const token = newToken();
    const record: TokenRecord = { organisation, role, created: new Date().toISOString() };
    this.records.write({ [`${KEY_PREFIX}${hashToken(token)}`]: record });
    return { token, ...record };
  }
}

export function isTokenRole(role: unknown): role is TokenRole {
  return typeof role === 'string' && (TOKEN_ROLES as readonly string[]).includes(role);
}
