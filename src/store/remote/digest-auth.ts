import crypto from 'node:crypto';

/** A Digest challenge (RFC 7616) as a server sent it in WWW-Authenticate. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  qop?: string;
  algorithm?: string;
}

export function parseDigestChallenge(header: string | string[] | undefined): DigestChallenge | undefined {
  const value = [header ?? []].flat().find((h) => /^\s*digest\s/i.test(h));
  if (!value) return undefined;
  const params: Record<string, string> = {};
  for (const match of value.replace(/^\s*digest\s+/i, '').matchAll(/([a-z]+)=("([^"]*)"|[^,\s]*)/gi)) {
    params[match[1]!.toLowerCase()] = match[3] ?? match[2]!;
  }
  if (params.realm === undefined || params.nonce === undefined) return undefined;
  return { realm: params.realm, nonce: params.nonce, opaque: params.opaque, qop: params.qop, algorithm: params.algorithm };
}

const md5 = (text: string) => crypto.createHash('md5').update(text).digest('hex');

/**
 * Answers to one server's challenge. The nonce is reused with a growing count, so only the first request (or one
 * after the server lets the nonce go stale) costs a 401 round trip — with a body, that would be the whole upload twice.
 */
export class DigestSession {
  private count = 0;

  constructor(
    readonly challenge: DigestChallenge,
    private readonly user: string,
    private readonly password: string,
  ) {
    if (challenge.algorithm && challenge.algorithm.toUpperCase() !== 'MD5') {
      throw new Error(`Digest algorithm ${challenge.algorithm} is not supported (MD5 only, as Virtuoso sends)`);
    }
  }

  authorization(method: string, uri: string): string {
    const { realm, nonce, opaque, qop } = this.challenge;
    const ha1 = md5(`${this.user}:${realm}:${this.password}`);
    const ha2 = md5(`${method}:${uri}`);
    const fields = [`username="${this.user}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, 'algorithm=MD5'];
    if (qop && qop.split(',').map((q) => q.trim()).includes('auth')) {
      const nc = (++this.count).toString(16).padStart(8, '0');
      const cnonce = crypto.randomBytes(8).toString('hex');
      fields.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`, `response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`);
    } else {
      fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
    }
    if (opaque !== undefined) fields.push(`opaque="${opaque}"`);
    return `Digest ${fields.join(', ')}`;
  }
}
