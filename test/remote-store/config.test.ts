import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.js';
import { VIRTUOSO_RESULT_ROWS, remoteStoreEnv, type Virtuoso } from '../support/virtuoso.js';

const REMOTE = {
  STORE: 'sparql',
  STORE_QUERY_URL: 'http://127.0.0.1:8890/sparql-auth',
  STORE_UPDATE_URL: 'http://127.0.0.1:8890/sparql-auth',
  STORE_GRAPH_URL: 'http://127.0.0.1:8890/sparql-graph-crud-auth',
};

describe('remote store configuration', () => {
  it('is the embedded store unless STORE=sparql', () => {
    expect(readConfig({}).store).to.equal('embedded');
    expect(readConfig({}).remoteStore).to.equal(undefined);
  });

  it('reads the endpoints, credentials and page size', () => {
    const config = readConfig({ ...REMOTE, STORE_USER: 'dataportal', STORE_PASSWORD: 'secret', STORE_AUTH: 'digest', STORE_PAGE_ROWS: '5000' });
    expect(config.store).to.equal('sparql');
    expect(config.remoteStore).to.deep.equal({
      queryUrl: REMOTE.STORE_QUERY_URL,
      updateUrl: REMOTE.STORE_UPDATE_URL,
      graphStoreUrl: REMOTE.STORE_GRAPH_URL,
      credentials: { auth: 'digest', user: 'dataportal', password: 'secret' },
      pageRows: 5000,
    });
    expect(readConfig(REMOTE).remoteStore!.credentials).to.equal(undefined);
    expect(readConfig(REMOTE).remoteStore!.pageRows).to.equal(10_000);
  });

  it('takes what test/support/virtuoso.ts gives a server', () => {
    const virtuoso = { queryUrl: REMOTE.STORE_QUERY_URL, updateUrl: REMOTE.STORE_UPDATE_URL, graphStoreUrl: REMOTE.STORE_GRAPH_URL } as Virtuoso;
    const config = readConfig(remoteStoreEnv(virtuoso));
    expect(config.remoteStore!.credentials!.auth).to.equal('digest');
    expect(config.remoteStore!.pageRows).to.equal(VIRTUOSO_RESULT_ROWS);
  });

  for (const [what, env, message] of [
    ['an unknown STORE', { STORE: 'virtuoso' }, /STORE must be one of embedded, sparql/],
    ['a missing endpoint', { ...REMOTE, STORE_GRAPH_URL: '' }, /STORE=sparql needs STORE_GRAPH_URL/],
    ['a URL without scheme', { ...REMOTE, STORE_QUERY_URL: 'localhost:8890/sparql' }, /STORE_QUERY_URL must be an? (absolute|http)/],
    ['a URL other than http(s)', { ...REMOTE, STORE_UPDATE_URL: 'ftp://host/sparql' }, /STORE_UPDATE_URL must be an http or https URL/],
    ['an unknown STORE_AUTH', { ...REMOTE, STORE_AUTH: 'ntlm' }, /STORE_AUTH must be basic or digest/],
    ['a user without password', { ...REMOTE, STORE_USER: 'dataportal' }, /STORE_USER is set without STORE_PASSWORD/],
    ['a page size of 0', { ...REMOTE, STORE_PAGE_ROWS: '0' }, /STORE_PAGE_ROWS must be an integer >= 1/],
  ] as const) {
    it(`refuses ${what}`, () => {
      expect(() => readConfig(env as NodeJS.ProcessEnv)).to.throw(ConfigError, message);
    });
  }
});
