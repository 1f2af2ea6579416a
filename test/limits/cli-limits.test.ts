/** The CLI parses files in its own process: the same input limits apply there, and a refusal is exit code 2. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { tempDataDir } from '../support/server.js';
import { entityBody, nestedRdfXml } from './hostile-bodies.js';

describe('input limits in the command line', function () {
  this.timeout(120_000);

  it('refuses a file past a limit with exit code 2, naming the limit and the line, and reads it under a raised limit', async () => {
    const dir = tempDataDir();
    const deep = path.join(dir, 'deep.rdf');
    fs.writeFileSync(deep, nestedRdfXml(40));
    const env = { DATA_DIR: dir, MAX_XML_DEPTH: '30' };
    const refused = await runCli(['validate', deep, '--profile', 'dcat-ap-3', '--format', 'json'], env);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain('deep.rdf').and.to.contain('MAX_XML_DEPTH = 30').and.to.contain('(line 3, column');
    // Parsed and validated once the limit allows it (nothing in it is a DCAT resource, so it conforms).
    const read = await runCli(['validate', deep, '--profile', 'dcat-ap-3', '--format', 'json'], { ...env, MAX_XML_DEPTH: '40' });
    expect(read.code, read.stderr).to.equal(0);

    const bomb = path.join(dir, 'bomb.rdf');
    fs.writeFileSync(bomb, entityBody(50_000, 50_000));
    const started = performance.now();
    const expansion = await runCli(['validate', bomb, '--profile', 'dcat-ap-3'], { DATA_DIR: dir });
    expect(expansion.code).to.equal(2);
    expect(expansion.stderr).to.contain('MAX_XML_ENTITY_EXPANSION');
    expect(performance.now() - started).to.be.below(10_000);
  });
});
