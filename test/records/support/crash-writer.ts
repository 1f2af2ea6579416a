/**
 * A process that writes one graph with its record and dies by SIGKILL at a chosen point, for the crash tests:
 *   node crash-writer.js <dataDir> <after-prepare|after-durable|none>
 */
import pino from 'pino';
import { readConfig } from '../../../src/config.js';
import { createStore } from '../../../src/store/open-store.js';
import { Records } from '../../../src/records/records.js';
import { settleWithStore } from '../../../src/records/settle-with-store.js';
import { writeWithRecords } from '../../../src/records/write-with-records.js';

import { CRASH_GRAPH, CRASH_KEY } from './crash-names.js';

const [dataDir, point] = process.argv.slice(2);
const config = readConfig({ DATA_DIR: dataDir, QUERY_WORKERS: '1' });
const store = createStore({ config, log: pino({ level: 'error' }), forCommand: true });
await store.open();
const records = Records.open(dataDir!);
settleWithStore(records, store);
const die = () => process.kill(process.pid, 'SIGKILL');
await writeWithRecords(store, records, { [CRASH_KEY]: { written: true } }, (atomically) =>
  store.replaceGraph(CRASH_GRAPH, '<http://example.org/s> <http://example.org/p> "o" .\n', {
    prepare: async (seq) => {
      await atomically.prepare!(seq);
      if (point === 'after-prepare') die();
    },
    durable: (seq) => {
      if (point === 'after-durable') die();
      atomically.durable!(seq);
    },
  }),
);
await store.close();
records.close();
