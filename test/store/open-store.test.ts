/**
 * STORE picks the backend (src/store/open-store.ts): embedded by default; a name the build has no backend for stops
 * the server and the commands at start with a configuration error, before any port is opened or file is touched.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, readConfig } from '../../src/config.js';
import { createStore, registerStoreBackend } from '../../src/store/open-store.js';
import { GraphStore } from '../../src/store/embedded/graph-store.js';
import { runCli } from '../support/cli.js';
import { tempDataDir } from '../support/server.js';

const log = pino({ level: 'silent' });

describe('choosing the store backend (STORE)', function () {
  this.timeout(60_000);

  it('reads STORE as embedded (the default) or sparql, and refuses any other name', () => {
    expect(readConfig({}).store).to.equal('embedded');
    const remote = { STORE_QUERY_URL: 'http://127.0.0.1:9/sparql', STORE_UPDATE_URL: 'http://127.0.0.1:9/sparql', STORE_GRAPH_URL: 'http://127.0.0.1:9/gsp' };
    expect(readConfig({ STORE: ' SPARQL ', ...remote }).store).to.equal('sparql');
    expect(() => readConfig({ STORE: 'oxigraph' })).to.throw(ConfigError, 'STORE must be one of embedded, sparql, got "oxigraph"');
  });

  it('opens the embedded store by default, with one replica for a command', async () => {
    const dataDir = tempDataDir('dpv-open-store-');
    const store = createStore({ config: readConfig({ DATA_DIR: dataDir }), log, forCommand: true });
    expect(store).to.be.instanceOf(GraphStore);
    expect(store.capabilities).to.deep.equal({ graphPatches: true, literalOriginals: true, writeLog: true });
    await store.open();
    try {
      expect(store.stats()).to.include({ ready: true, replicas: 1, quads: 0 });
    } finally {
      await store.close();
    }
  });

  it('opens the remote backend for STORE=sparql, and a registered factory in its place', () => {
    const config = readConfig({ STORE: 'sparql', STORE_QUERY_URL: 'http://127.0.0.1:9/sparql', STORE_UPDATE_URL: 'http://127.0.0.1:9/sparql', STORE_GRAPH_URL: 'http://127.0.0.1:9/gsp' });
    const remote = createStore({ config, log });
    expect(remote.capabilities).to.deep.equal({ graphPatches: false, literalOriginals: true, writeLog: false });
    expect(remote.ready, 'made, not opened: nothing was asked of the remote store').to.equal(false);
    const made: string[] = [];
    const restore = registerStoreBackend('sparql', (opening) => {
      made.push(opening.config.store);
      return createStore({ ...opening, config: { ...opening.config, store: 'embedded' } });
    });
    try {
      expect(createStore({ config, log })).to.be.instanceOf(GraphStore);
      expect(made).to.deep.equal(['sparql']);
    } finally {
      restore();
    }
  });

  it('stops `serve` and the commands at start with a configuration error naming what STORE=sparql lacks, touching nothing', async () => {
    const dataDir = path.join(tempDataDir('dpv-open-store-'), 'data');
    const env = { STORE: 'sparql', DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: 'x'.repeat(32) };
    for (const args of [['serve'], ['dump']]) {
      const run = await runCli(args, env);
      expect(run.code, `${args[0]}: ${run.stderr}`).to.equal(2);
      expect(run.stderr).to.match(/configuration error: STORE=sparql needs STORE_QUERY_URL/);
      expect(run.stdout).to.not.match(/listening/);
    }
    expect(fs.existsSync(path.join(dataDir, 'journal')), 'no journal written').to.equal(false);
  });
});
