import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { expect } from 'chai';
import { readConfig } from '../../src/config.js';
import { createStore } from '../../src/store/open-store.js';
import { Records } from '../../src/records/records.js';
import { settleWithStore } from '../../src/records/settle-with-store.js';
import { tempDataDir } from '../support/server.js';
import { CRASH_GRAPH, CRASH_KEY } from './support/crash-names.js';

const WRITER = fileURLToPath(new URL('./support/crash-writer.js', import.meta.url));

function runWriter(dataDir: string, point: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dataDir, point], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

/** What a server starting on the data directory finds: the graph, and the record that belongs to it. */
async function reopen(dataDir: string): Promise<{ graph: boolean; record: unknown }> {
  const store = createStore({ config: readConfig({ DATA_DIR: dataDir, QUERY_WORKERS: '1' }), log: pino({ level: 'silent' }), forCommand: true });
  await store.open();
  const records = Records.open(dataDir);
  try {
    settleWithStore(records, store);
    return { graph: await store.graphExists(CRASH_GRAPH), record: records.get(CRASH_KEY) };
  } finally {
    await store.close();
    records.close();
  }
}

/** kill -9 at each step of a write with its record: afterwards both are there or neither is. */
describe('records and their graph write across a crash', function () {
  this.timeout(120_000);

  it('a write killed after its record was prepared, before the store made it durable: neither is there', async () => {
    const dataDir = tempDataDir('dpv-crash-');
    expect(await runWriter(dataDir, 'after-prepare')).to.equal('SIGKILL');
    expect(await reopen(dataDir)).to.deep.equal({ graph: false, record: undefined });
  });

  it('a write killed after the store made it durable, before its record was applied: both are there', async () => {
    const dataDir = tempDataDir('dpv-crash-');
    expect(await runWriter(dataDir, 'after-durable')).to.equal('SIGKILL');
    expect(await reopen(dataDir)).to.deep.equal({ graph: true, record: { written: true } });
  });

  it('a write that finishes: both are there', async () => {
    const dataDir = tempDataDir('dpv-crash-');
    expect(await runWriter(dataDir, 'none')).to.equal(null);
    expect(await reopen(dataDir)).to.deep.equal({ graph: true, record: { written: true } });
  });
});
