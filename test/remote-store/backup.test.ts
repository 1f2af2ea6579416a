import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { canonical } from '../support/rdf.js';
import { tempDataDir } from '../support/server.js';
import { emptyVirtuoso, remoteStoreEnv, virtuosoOrSkip, type Virtuoso } from '../support/virtuoso.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/catalogs/valid-full.ttl', import.meta.url));

/** dump and restore on the remote store: the graphs go to and come from Virtuoso, the records from DATA_DIR. */
describe('backup and restore on the remote store (Virtuoso)', function () {
  this.timeout(180_000);
  let virtuoso: Virtuoso;
  before(async function () {
    virtuoso = await virtuosoOrSkip(this);
    await emptyVirtuoso(virtuoso);
  });

  it('restores a dump into an empty remote store that then dumps the same, and refuses one that is not empty', async () => {
    const env = (dataDir: string) => ({ ...remoteStoreEnv(virtuoso), DATA_DIR: dataDir });
    const first = tempDataDir('dpv-remote-backup-');
    const loaded = await runCli(['load', FIXTURE, '--catalog', 'goteborg', '--profile', 'dcat-ap-3'], env(first));
    expect(loaded.code, loaded.stderr).to.equal(0);
    expect((await runCli(['token', 'create', '--organisation', 'goteborg'], env(first))).code).to.equal(0);
    const dump = await runCli(['dump'], env(first));
    expect(dump.code, dump.stderr).to.equal(0);
    expect(dump.stdout).to.include('"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>').and.to.include('<urn:x-dataportal-vast:records>');
    const file = path.join(tempDataDir('dpv-remote-dump-'), 'backup.nq');
    fs.writeFileSync(file, dump.stdout);

    const second = path.join(tempDataDir('dpv-remote-restore-'), 'data');
    const refused = await runCli(['restore', file], env(second));
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/restore needs an empty store; the store holds \d+ graphs already/);

    await emptyVirtuoso(virtuoso);
    const restored = await runCli(['restore', file], env(second));
    expect(restored.code, restored.stderr).to.equal(0);
    const again = await runCli(['dump'], env(second));
    expect(await canonical(again.stdout)).to.equal(await canonical(dump.stdout));
  });
});
