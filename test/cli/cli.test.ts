import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, tempDataDir, ADMIN_TOKEN, type TestServer } from '../support/server.js';
import { put } from '../support/http.js';
import { CLI, runCli } from '../support/cli.js';
import { canonical, parse, toNTriples } from '../support/rdf.js';

const BIN = fileURLToPath(new URL('../../../bin/dataportal-vast.js', import.meta.url));
const FIXTURE = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/catalogs/${name}`, import.meta.url));
const UPDATE = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> "o" } }';

const run = runCli;

async function sparqlUpdate(server: TestServer, token: string): Promise<number> {
  const res = await fetch(`${server.url}/sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-update', Authorization: `Bearer ${token}` },
    body: UPDATE,
  });
  return res.status;
}

describe('command line', function () {
  this.timeout(120_000);
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });

  it('prints help and exits 0, also through the npx shim in bin/', async () => {
    for (const script of [CLI, BIN]) {
      const help = await run(['--help'], {}, script);
      expect(help.code).to.equal(0);
      expect(help.stdout).to.match(/Usage: dataportal-vast/);
      for (const command of ['serve', 'token', 'dump', 'load', 'validate']) expect(help.stdout).to.include(command);
    }
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [['no-such-command'], ['token', 'create'], ['token', 'create', '--organisation', 'goteborg', '--role', 'owner'], ['dump', '--nonsense']]) {
      const result = await run(args, { DATA_DIR: tempDataDir() });
      expect(result.code, args.join(' ')).to.equal(2);
      expect(result.stderr, args.join(' ')).to.match(/error:/);
    }
  });

  it('serve exits 2 naming a bad WARM_CATALOGS or CATALOG_CACHE_MB', async () => {
    for (const [name, value] of [['WARM_CATALOGS', 'maybe'], ['CATALOG_CACHE_MB', '-1'], ['CATALOG_CACHE_MB', 'lots']] as const) {
      const result = await run(['serve'], { DATA_DIR: tempDataDir(), PORT: '0', [name]: value });
      expect(result.code, `${name}=${value}`).to.equal(2);
      expect(result.stderr + result.stdout, `${name}=${value}`).to.include(name);
    }
  });

  it('validate exits 0 when a file conforms, 1 with the report when it does not, 2 when it cannot be read', async () => {
    const good = await run(['validate', FIXTURE('valid-full.ttl'), '--profile', 'dcat-ap-3']);
    expect(good.code, good.stderr).to.equal(0);
    expect(JSON.parse(good.stdout)).to.include({ conforms: true });
    const bad = await run(['validate', FIXTURE('invalid-missing-title.ttl'), '--profile', 'dcat-ap-3']);
    expect(bad.code).to.equal(1);
    const report = JSON.parse(bad.stdout) as { results: { severity: string; path: string }[] };
    expect(report.results.filter((r) => r.severity === 'Violation').map((r) => r.path)).to.deep.equal(['http://purl.org/dc/terms/title']);
    const turtle = await run(['validate', FIXTURE('invalid-missing-title.ttl'), '--profile', 'dcat-ap-3', '--format', 'turtle']);
    expect(parse(turtle.stdout, 'ttl').some((q) => q.object.value === 'http://www.w3.org/ns/shacl#ValidationReport')).to.equal(true);
    for (const args of [['validate', 'missing.ttl', '--profile', 'dcat-ap-3'], ['validate', FIXTURE('valid-full.ttl'), '--profile', 'nope'], ['validate', FIXTURE('README.md'), '--profile', 'dcat-ap-3']]) {
      const unusable = await run(args);
      expect(unusable.code, args.join(' ')).to.equal(2);
    }
    const broken = path.join(tempDataDir(), 'broken.ttl');
    fs.writeFileSync(broken, '@prefix ex: <http://e/> .\nex:a ex:b .\n');
    const syntax = await run(['validate', broken, '--profile', 'dcat-ap-3']);
    expect(syntax.code).to.equal(2);
    expect(syntax.stderr).to.match(/broken\.ttl:2:\d+/);
  });

  it('load stores a conforming catalog the server then serves, and refuses a non-conforming one (exit 1)', async () => {
    const dataDir = tempDataDir();
    // The store names graphs after BASE_URL, so the command and the server must agree on it.
    const env = { DATA_DIR: dataDir, BASE_URL: 'http://data.example.org' };
    // valid-full.ttl shows DCAT-AP 3 whole, catalogue record included, which DCAT-AP-SE (the default) forbids.
    const loaded = await run(['load', FIXTURE('valid-full.ttl'), '--catalog', 'goteborg', '--profile', 'dcat-ap-3'], env);
    expect(loaded.code, loaded.stderr).to.equal(0);
    const refused = await run(['load', FIXTURE('invalid-missing-title.ttl'), '--catalog', 'goteborg'], env);
    expect(refused.code).to.equal(1);
    expect(JSON.parse(refused.stdout)).to.include({ conforms: false });
    expect((await run(['load', FIXTURE('valid-full.ttl'), '--catalog', 'Not An Id'], env)).code).to.equal(2);
    const server = await startTestServer({ dataDir, env: { BASE_URL: env.BASE_URL } });
    try {
      const res = await fetch(`${server.url}/catalogs/goteborg.ttl`);
      expect(res.status).to.equal(200);
      const served = await canonical(toNTriples(await res.text(), 'ttl'));
      expect(served).to.equal(await canonical(toNTriples(fs.readFileSync(FIXTURE('valid-full.ttl'), 'utf8'), 'ttl')));
    } finally {
      await server.kill();
    }
  });

  it('token create prints a token the server then accepts for that organisation', async () => {
    const dataDir = tempDataDir();
    const publisher = await run(['token', 'create', '--organisation', 'goteborg'], { DATA_DIR: dataDir });
    expect(publisher.code, publisher.stderr).to.equal(0);
    expect(publisher.stdout).to.match(/^[A-Za-z0-9_-]{40,}\n$/);
    const adminToken = await run(['token', 'create', '--organisation', 'vgr', '--role', 'admin', '--data-dir', dataDir]);
    expect(adminToken.code, adminToken.stderr).to.equal(0);

    server = await startTestServer({ dataDir });
    expect(await sparqlUpdate(server, publisher.stdout.trim()), 'publisher token: known, not admin').to.equal(403);
    expect(await sparqlUpdate(server, adminToken.stdout.trim()), 'admin-role token').to.equal(204);
    expect(await sparqlUpdate(server, 'made-up'), 'unknown token').to.equal(401);
  });

  it('token create refuses an unknown organisation without touching the data directory', async () => {
    const dataDir = tempDataDir();
    const result = await run(['token', 'create', '--organisation', 'stockholm'], { DATA_DIR: dataDir });
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.match(/no organisation "stockholm"/);
    expect(result.stdout).to.equal('');
    expect(fs.readdirSync(dataDir)).to.deep.equal([]);
  });

  it('token create and dump refuse while a server runs on the data directory (exit 1, the lock message)', async () => {
    server = await startTestServer();
    for (const args of [['token', 'create', '--organisation', 'goteborg'], ['dump']]) {
      const result = await run(args, { DATA_DIR: server.dataDir });
      expect(result.code, args.join(' ')).to.equal(1);
      expect(result.stderr).to.match(new RegExp(`is in use by process ${server.process.pid}`));
      expect(result.stdout).to.equal('');
    }
    // The server is unharmed.
    expect(await sparqlUpdate(server, ADMIN_TOKEN)).to.equal(204);
  });

  it('dump writes every graph as N-Quads, the default graph without a graph term', async () => {
    server = await startTestServer();
    const graphs: Record<string, string> = {
      'http://example.org/g1': '<http://example.org/s> <http://example.org/p> "Åsa säger \\"hej\\"\\n"@sv .\n<http://example.org/s> <http://example.org/n> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n',
      'http://example.org/g2': '<http://example.org/s2> <http://example.org/p> <http://example.org/o> .\n',
    };
    for (const [graph, nt] of Object.entries(graphs)) {
      expect((await put(`${server.url}/store?graph=${encodeURIComponent(graph)}`, nt, 'application/n-triples')).status).to.equal(201);
    }
    const defaultGraph = '<http://example.org/d> <http://example.org/p> "in the default graph" .\n';
    expect((await put(`${server.url}/store?default`, defaultGraph, 'application/n-triples')).status).to.be.oneOf([201, 204]);
    expect(await server.stop()).to.equal(0);

    const dump = await run(['dump'], { DATA_DIR: server.dataDir });
    expect(dump.code, dump.stderr).to.equal(0);
    const lines = dump.stdout.split('\n').filter(Boolean);
    expect(lines).to.have.length(4);
    const expected = [
      ...Object.entries(graphs).flatMap(([graph, nt]) => nt.split('\n').filter(Boolean).map((line) => `${line.slice(0, -2)} <${graph}> .\n`)),
      defaultGraph,
    ].join('');
    expect(await canonical(dump.stdout)).to.equal(await canonical(expected));
    // Literals come out as written ("1.50", not "1.5").
    expect(dump.stdout).to.include('"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://example.org/g1> .');
    expect(parse(dump.stdout, 'application/n-quads')).to.have.length(4);
  });

  it('dump of an empty data directory prints nothing and exits 0', async () => {
    const result = await run(['dump'], { DATA_DIR: tempDataDir() });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.equal('');
  });

  it('serve runs the server until SIGTERM, then exits 0', async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ADMIN_TOKEN, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const deadline = Date.now() + 60_000;
      let port: string | undefined;
      while (!port) {
        port = /"port":(\d+)\}/.exec(output)?.[1];
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      for (;;) {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (res?.status === 200) break;
        if (Date.now() > deadline) throw new Error(`serve not ready:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(fs.existsSync(path.join(dataDir, 'LOCK'))).to.equal(true);
      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
      expect(fs.existsSync(path.join(dataDir, 'LOCK'))).to.equal(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
