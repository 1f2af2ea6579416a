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
    expect(readConfig({ STORE: ' SPARQL ' }).store).to.equal('sparql');
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

  it('refuses STORE=sparql while no remote backend is registered, and uses one once it is', () => {
    const config = readConfig({ STORE: 'sparql' });
    expect(() => createStore({ config, log })).to.throw(ConfigError, /STORE=sparql: this build has no sparql store backend yet; use STORE=embedded/);
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
    expect(() => createStore({ config, log })).to.throw(ConfigError);
  });

  it('stops `serve` and the commands at start with a configuration error naming STORE, touching nothing', async () => {
    const dataDir = path.join(tempDataDir('dpv-open-store-'), 'data');
    const env = { STORE: 'sparql', DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: 'x'.repeat(32) };
    for (const args of [['serve'], ['dump']]) {
      const run = await runCli(args, env);
      expect(run.code, `${args[0]}: ${run.stderr}`).to.equal(2);
      expect(run.stderr).to.match(/configuration error: STORE=sparql: this build has no sparql store backend yet/);
      expect(run.stdout).to.not.match(/listening/);
    }
    expect(fs.existsSync(path.join(dataDir, 'journal')), 'no journal written').to.equal(false);
  });
});
