/**
 * `validate <file> --profile <id>` as people and scripts use it: the grouped report as text (coloured only on a
 * terminal, never with NO_COLOR), JSON when piped as before, Turtle, both languages, the exit codes.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { CLI, runCli } from '../support/cli.js';
import { fileURLToPath } from 'node:url';

const FIXTURE = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/catalogs/${name}`, import.meta.url));
const ESC = '\u001b[';

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, env);

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Run under a pseudo-terminal (util-linux `script`), so stdout is a TTY as in a person's shell. */
function runOnTerminal(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const { NO_COLOR: _ignored, ...rest } = process.env;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('CLI validate: the report for people', function () {
  this.timeout(120_000);
  const bad = FIXTURE('invalid-distribution-no-accessurl.ttl');

  it('--format text prints the report grouped per dataset, without colour when piped; exit 1 on a violation', async () => {
    const en = await run(['validate', bad, '--profile', 'dcat-ap-3', '--format', 'text', '--lang', 'en']);
    expect(en.code).to.equal(1);
    expect(en.stdout).not.to.include(ESC);
    const lines = en.stdout.split('\n');
    expect(lines[0]).to.equal(`${bad} (dcat-ap-3): Does not conform to the profile — 1 violation, 18 warnings`);
    const catalog = lines.indexOf('Göteborgs Stads datakatalog  [Catalogue and shared resources]  http://localhost:3030/catalogs/goteborg');
    const dataset = lines.indexOf('Badplatser  [Dataset]  http://localhost:3030/catalogs/goteborg/datasets/badplatser');
    expect(catalog).to.be.greaterThan(0);
    expect(dataset).to.be.greaterThan(catalog);
    // The violation is on the distribution, shown under its dataset, first there.
    expect(lines.slice(dataset + 1, dataset + 6)).to.deep.equal([
      '  VIOLATION  access URL (dcat:accessURL)',
      '      Resource: http://localhost:3030/catalogs/goteborg/datasets/badplatser/csv',
      '      What is wrong: A distribution must have at least one dcat:accessURL (access URL). Add one, e.g. dcat:accessURL <https://example.org/data/badplatser.csv>.',
      '      What to do: Add access URL (dcat:accessURL).',
      '      Read more in the specification: https://semiceu.github.io/DCAT-AP/releases/3.0.1/#Distribution.accessURL',
    ]);
    const sv = await run(['validate', FIXTURE('valid-minimal.ttl'), '--profile', 'dcat-ap-3', '--format', 'text']);
    expect(sv.code).to.equal(0);
    expect(sv.stdout.split('\n')[0]).to.match(/: Uppfyller profilen — 0 fel, \d+ varningar$/);
    expect(sv.stdout).to.include('  VARNING  ');
  });

  it('piped without --format: JSON as before, now with the groups in the chosen language; --format turtle unchanged', async () => {
    const json = await run(['validate', bad, '--profile', 'dcat-ap-3', '--lang', 'en']);
    expect(json.code).to.equal(1);
    const report = JSON.parse(json.stdout) as { conforms: boolean; results: unknown[]; lang: string; datasets: { title: string | null; results: { fix: string }[] }[] };
    expect(report.conforms).to.equal(false);
    expect(report.results).to.have.length(19);
    expect(report.lang).to.equal('en');
    expect(report.datasets.map((g) => g.title)).to.deep.equal(['Göteborgs Stads datakatalog', 'Badplatser']);
    expect(report.datasets[1]!.results[0]!.fix).to.equal('Add access URL (dcat:accessURL).');
    const turtle = await run(['validate', bad, '--profile', 'dcat-ap-3', '--format', 'turtle']);
    expect(turtle.stdout).to.match(/sh:ValidationReport/);
    expect(turtle.stdout).to.match(/"En distribution måste ha minst en dcat:accessURL[^"]*"@sv/);
  });

  it('bad --lang or --format is bad usage (exit 2)', async () => {
    for (const args of [['--lang', 'de'], ['--format', 'html']]) {
      const res = await run(['validate', bad, '--profile', 'dcat-ap-3', ...args]);
      expect(res.code, args.join(' ')).to.equal(2);
    }
  });

  it('on a terminal: text by default, coloured; NO_COLOR turns the colour off', async function () {
    if (!hasScript) {
      console.warn('      util-linux `script` is missing: no pseudo-terminal to test colour on');
      this.skip();
    }
    const coloured = await runOnTerminal(['validate', bad, '--profile', 'dcat-ap-3']);
    expect(coloured.code).to.equal(1);
    expect(coloured.stdout).to.include(`${ESC}31mUppfyller inte profilen${ESC}39m`);
    expect(coloured.stdout).to.include(`${ESC}31mFEL${ESC}39m`);
    const plain = await runOnTerminal(['validate', bad, '--profile', 'dcat-ap-3'], { NO_COLOR: '1' });
    expect(plain.stdout).to.include('Uppfyller inte profilen');
    expect(plain.stdout).not.to.include(ESC);
  });
});
