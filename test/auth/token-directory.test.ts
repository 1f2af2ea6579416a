import { expect } from 'chai';
import type { Request } from 'express';
import { Authenticator } from '../../src/auth/authenticate.js';
import { RecordsTokenDirectory } from '../../src/auth/token-directory.js';
import { hashToken } from '../../src/auth/token-hash.js';
import { HttpError } from '../../src/http/errors.js';
import { Organisations } from '../../src/organisations/organisations.js';
import { Records } from '../../src/records/records.js';
import { tempDataDir } from '../support/server.js';

/** Real records in a temporary directory, with every write recorded. */
function recordsSpy() {
  const records = Records.open(tempDataDir('dpv-tokens-'));
  const writes: Record<string, unknown>[] = [];
  const write = records.write.bind(records);
  records.write = (changes) => {
    writes.push(changes);
    write(changes);
  };
  return { records, writes };
}

const request = (token?: string) => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }) as Request;

describe('token directory', () => {
  const organisations = Organisations.load('http://example.se');

  it('issues a token that the authenticator then knows as the organisation', async () => {
    const { records } = recordsSpy();
    const directory = new RecordsTokenDirectory(records, organisations);
    const auth = new Authenticator(hashToken('admin-secret'), directory);
    const issued = await directory.issue('goteborg');
    expect(issued).to.include({ organisation: 'goteborg', role: 'publisher' });
    expect(auth.identify(request(issued.token))).to.deep.equal({ role: 'publisher', organisation: 'goteborg' });
    expect(() => auth.requireAdmin(request(issued.token), 'This')).to.throw(HttpError).with.property('status', 403);
    expect(auth.identify(request('admin-secret'))).to.deep.equal({ role: 'admin' });
    expect(auth.identify(request())).to.equal(undefined);
    expect(() => auth.identify(request('made-up'))).to.throw(HttpError).with.property('status', 401);
  });

  it('issues admin tokens that pass requireAdmin', async () => {
    const { records } = recordsSpy();
    const directory = new RecordsTokenDirectory(records, organisations);
    const auth = new Authenticator(hashToken('admin-secret'), directory);
    const issued = await directory.issue('vgr', 'admin');
    expect(auth.requireAdmin(request(issued.token), 'This')).to.deep.equal({ role: 'admin', organisation: 'vgr' });
  });

  it('stores only the hash, under token:<sha256>, with organisation, role and date', async () => {
    const { records, writes } = recordsSpy();
    const issued = await new RecordsTokenDirectory(records, organisations).issue('boras');
    expect(writes).to.have.length(1);
    const [key, record] = Object.entries(writes[0]!)[0]!;
    expect(key).to.equal(`token:${hashToken(issued.token)}`);
    expect(record).to.deep.equal({ organisation: 'boras', role: 'publisher', created: issued.created });
    expect(new Date(issued.created).toISOString()).to.equal(issued.created);
    expect(JSON.stringify(writes)).not.to.include(issued.token);
  });

  it('gives a new random token each time', async () => {
    const { records } = recordsSpy();
    const directory = new RecordsTokenDirectory(records, organisations);
    const a = await directory.issue('ale');
    const b = await directory.issue('ale');
    expect(a.token).not.to.equal(b.token);
    expect(a.token.length).to.be.at.least(40);
  });

  it('refuses an unknown organisation or role with 400, storing nothing', async () => {
    const { records, writes } = recordsSpy();
    const directory = new RecordsTokenDirectory(records, organisations);
    for (const [organisation, role] of [['stockholm', 'publisher'], ['goteborg', 'owner']] as const) {
      const error = await directory.issue(organisation, role).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(HttpError).with.property('status', 400);
    }
    expect(writes).to.deep.equal([]);
  });
});
