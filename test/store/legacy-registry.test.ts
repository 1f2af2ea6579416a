import { expect } from 'chai';
import { JournalWriter } from '../../src/store/embedded/journal.js';
import { hashToken } from '../../src/auth/token-hash.js';
import { startTestServer, tempDataDir, admin, type TestServer } from '../support/server.js';
import { makeCatalog } from '../support/catalogs.js';

/**
 * Releases before 0.6.0 journaled catalog records and token hashes in the store's registry. A data directory they
 * wrote must start on this one with its tokens working: the records move to records.sqlite once.
 */
describe('a data directory from before 0.6.0 (records in the store journal)', function () {
  this.timeout(120_000);
  let server: TestServer | undefined;
  after(async () => server?.kill());

  it('moves its token hashes to the records once, and they keep working after a restart', async () => {
    const dataDir = tempDataDir('dpv-legacy-');
    const token = 'token-issued-by-an-older-release';
    const journal = new JournalWriter(dataDir);
    await journal.open(1);
    await journal.append({ seq: 1, at: Date.now(), registry: { [`token:${hashToken(token)}`]: { organisation: 'goteborg', role: 'publisher', created: '2026-11-01T10:00:00.000Z' } } });
    await journal.close();

    const BASE_URL = 'https://data.example.se';
    const body = makeCatalog({ orgnr: '2120001355', name: 'Göteborgs Stad', catalogIri: `${BASE_URL}/catalogs/goteborg`, datasetBase: `${BASE_URL}/catalogs/goteborg/datasets`, datasets: 1 });
    const put = (url: string, auth: Record<string, string>) => fetch(`${url}/catalogs/goteborg`, { method: 'PUT', body, headers: { ...auth, 'Content-Type': 'text/turtle' } });

    server = await startTestServer({ dataDir, env: { BASE_URL } });
    expect(server.output()).to.match(/moved the catalog records and token hashes kept in the store journal to records.sqlite/);
    expect((await put(server.url, { Authorization: `Bearer ${token}` })).status).to.equal(201);
    expect(await server.stop()).to.equal(0);

    server = await startTestServer({ dataDir, env: { BASE_URL } });
    expect(server.output(), 'once only').not.to.match(/moved the catalog records/);
    expect((await put(server.url, { Authorization: `Bearer ${token}` })).status).to.equal(204);
    expect((await put(server.url, admin)).status).to.equal(204);
  });
});
