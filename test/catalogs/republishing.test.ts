/**
 * A re-PUT is compared with the stored catalog line by line and only the change goes to the store (a patch: plain
 * triples one by one, blank-node trees replaced from their root). Whatever the path, what is served afterwards must
 * be exactly the document last accepted, also after kill -9 (journal replay) and after a clean restart (snapshots).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { canonical, toNTriples } from '../support/rdf.js';
import { count } from '../support/http.js';
import { catalogNTriples, datasetNTriples, datasetIri } from '../validation/catalog-generator.js';

const BASE = 'https://data.goteborg.se/katalog';
/** The catalog's graph name, as the server's BASE_URL makes it. */
async function graphOf(server: TestServer): Promise<string> {
  const listed = (await (await fetch(`${server.url}/catalogs`)).json()) as { id: string; url: string }[];
  return listed.find((c) => c.id === 'goteborg')!.url;
}
const XSD_INTEGER = '<http://www.w3.org/2001/XMLSchema#integer>';
/** Two written forms of one stored literal on one subject and predicate: the store keeps one triple for both. */
const TWO_FORMS = [`<${BASE}> <urn:x:value> "01"^^${XSD_INTEGER} .\n`, `<${BASE}> <urn:x:value> "1"^^${XSD_INTEGER} .\n`];

const put = (server: TestServer, body: string, type = 'application/n-triples') =>
  fetch(`${server.url}/catalogs/goteborg`, { method: 'PUT', body, headers: { 'Content-Type': type, ...admin } });

async function served(server: TestServer): Promise<string> {
  const res = await fetch(`${server.url}/catalogs/goteborg.nt`);
  expect(res.status).to.equal(200);
  return res.text();
}

async function expectServed(server: TestServer, expected: string, why: string): Promise<void> {
  const got = await served(server);
  expect(await canonical(got), why).to.equal(await canonical(expected));
}

/** Blank nodes in the stored graph: a patch that left a tree behind would show here. */
async function storedBlankNodes(server: TestServer): Promise<number> {
  return count(server.url, `{ SELECT DISTINCT ?b WHERE { GRAPH <${await graphOf(server)}> { ?b ?p ?o FILTER(isBlank(?b)) } } }`);
}

function patchesJournaled(server: TestServer): number {
  const dir = path.join(server.dataDir, 'journal');
  if (!fs.existsSync(dir)) return 0;
  let found = 0;
  for (const file of fs.readdirSync(dir)) found += fs.readFileSync(path.join(dir, file), 'latin1').split('"kind":"patch-graph"').length - 1;
  return found;
}

/** The generated catalog with some datasets changed the ways a publisher changes them. */
function edited(text: string, edits: { revise?: number[]; drop?: number[]; add?: number[]; contact?: number[]; noPeriod?: number[] }): string {
  let out = text;
  for (const i of edits.revise ?? []) out = out.replace(datasetNTriples(i, { base: BASE }), datasetNTriples(i, { base: BASE, revision: 2 }));
  for (const i of edits.drop ?? []) out = out.replace(datasetNTriples(i, { base: BASE }), '');
  for (const i of edits.contact ?? []) out = out.replace(`_:contact${i} <http://www.w3.org/2006/vcard/ns#fn> "Förvaltning ${i % 40}"@sv .`, `_:contact${i} <http://www.w3.org/2006/vcard/ns#fn> "Ny förvaltning"@sv .`);
  for (const i of edits.noPeriod ?? []) out = out.split('\n').filter((line) => !line.includes(`_:period${i} `)).join('\n');
  for (const i of edits.add ?? []) out += datasetNTriples(i, { base: BASE });
  return out;
}

describe('re-publishing a catalog: only the change is stored', function () {
  this.timeout(180_000);
  let server: TestServer;
  let current: string;

  before(async () => {
    server = await startTestServer();
    current = catalogNTriples(60, { base: BASE }) + TWO_FORMS.join('');
    const res = await put(server, current);
    expect(res.status, await res.clone().text()).to.equal(201);
  });
  after(async () => server?.kill());

  it('stores a re-PUT with changed, removed and added datasets, a changed contact point and a removed period as a patch', async () => {
    const before = patchesJournaled(server);
    const next = edited(current, { revise: [3, 4], drop: [7], add: [60], contact: [10], noPeriod: [11] });
    const res = await put(server, next);
    expect(res.status, await res.clone().text()).to.equal(204);
    expect(res.headers.get('server-timing')).to.match(/^receive;dur=[\d.]+, parse;dur=[\d.]+, compare;dur=[\d.]+, validate;dur=[\d.]+, store;dur=[\d.]+$/);
    expect(patchesJournaled(server), 'journaled as a patch').to.equal(before + 1);
    await expectServed(server, next, 'served as sent');
    // 60 datasets: a contact point each, a period each but dataset 11's.
    expect(await storedBlankNodes(server)).to.equal(60 + 59);
    current = next;
  });

  it('keeps a stored literal while another written form of it stays, and drops it with the last one', async () => {
    let next = current.replace(TWO_FORMS[0]!, '');
    expect((await put(server, next)).status).to.equal(204);
    await expectServed(server, next, 'the canonical form alone');
    // Another written form added to a stored canonical one: both must come back.
    expect((await put(server, next + TWO_FORMS[0])).status).to.equal(204);
    await expectServed(server, next + TWO_FORMS[0], 'the canonical form, then the other added');
    expect((await put(server, next)).status).to.equal(204);
    await expectServed(server, next, 'the canonical form alone again');
    next = next.replace(TWO_FORMS[1]!, '') + TWO_FORMS[0];
    expect((await put(server, next)).status).to.equal(204);
    await expectServed(server, next, 'the other form alone');
    next = next.replace(TWO_FORMS[0]!, '');
    expect((await put(server, next)).status).to.equal(204);
    await expectServed(server, next, 'neither');
    const stored = await count(server.url, `GRAPH <${await graphOf(server)}> { ?s <urn:x:value> ?o }`);
    expect(stored).to.equal(0);
    current = next + TWO_FORMS.join('');
    expect((await put(server, current)).status).to.equal(204);
    await expectServed(server, current, 'both again');
  });

  it('gives the same catalog back after kill -9 (patches replayed from the journal) and after a clean restart (snapshots)', async () => {
    const next = edited(current, { revise: [20], contact: [21] });
    expect((await put(server, next)).status).to.equal(204);
    current = next;
    await server.kill();
    server = await server.restart();
    await expectServed(server, current, 'after kill -9');
    expect(await server.stop()).to.equal(0);
    server = await server.restart();
    await expectServed(server, current, 'after a clean restart');
    // With nothing kept in memory, the writer reads the catalog back from the store and still patches.
    const before = patchesJournaled(server);
    const again = edited(current, { revise: [30] });
    expect((await put(server, again)).status).to.equal(204);
    expect(patchesJournaled(server)).to.equal(before + 1);
    await expectServed(server, again, 'patched after a restart');
    current = again;
  });

  it('reads the catalog back and validates it once after a start, so its first write finds both at hand', async () => {
    await server.kill();
    server = await server.restart();
    let health: { catalogIndexes: { status: string } } | undefined;
    for (let tries = 0; tries < 600; tries++) {
      health = (await (await fetch(`${server.url}/healthz`)).json()) as typeof health;
      if (health!.catalogIndexes.status === 'ready' && /catalog indexes ready/.test(server.output())) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health!.catalogIndexes.status).to.equal('ready');
    expect(server.output()).to.match(/"prepared":1\b.*catalog indexes ready/);
    const next = edited(current, { revise: [40] });
    expect((await put(server, next)).status).to.equal(204);
    await expectServed(server, next, 'after the warm-up');
    current = next;
  });

  it('does not prepare catalogs when WARM_CATALOGS=false', async () => {
    await server.kill();
    server = await server.restart({ WARM_CATALOGS: 'false' });
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { catalogIndexes: { status: string } };
    expect(health.catalogIndexes.status).to.equal('off');
    await expectServed(server, current, 'served as before');
  });

  it('with CATALOG_CACHE_MB=0 keeps no catalog: prepares none after a start, reads the catalog back for each write', async () => {
    await server.kill();
    server = await server.restart({ CATALOG_CACHE_MB: '0', WARM_CATALOGS: 'true' });
    for (let tries = 0; tries < 600 && !/catalog indexes ready/.test(server.output()); tries++) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).to.match(/"prepared":0\b.*catalog indexes ready/);
    for (const revision of [50, 51]) {
      const next = edited(current, { revise: [revision] });
      expect((await put(server, next)).status).to.equal(204);
      await expectServed(server, next, `re-PUT ${revision} without a kept text`);
      current = next;
    }
    await server.kill();
    server = await server.restart({ CATALOG_CACHE_MB: '512' });
  });

  it('accepts the same catalog as Turtle (new blank-node labels) and stores it exactly', async () => {
    const turtle = toTurtle(current);
    expect((await put(server, turtle, 'text/turtle')).status).to.equal(204);
    await expectServed(server, current, 'as Turtle');
    expect(await storedBlankNodes(server)).to.equal(60 + 59);
  });

  it('refuses a re-sent N-Triples body with a bad line, naming the line of the body, and keeps the stored catalog', async () => {
    const lines = current.split('\n');
    lines[122] = `<${datasetIri(3, BASE)}> <http://purl.org/dc/terms/title> "unterminated .`;
    const res = await put(server, lines.join('\n'));
    expect(res.status).to.equal(400);
    const problem = (await res.json()) as { detail: string; line?: number };
    expect(problem.line, problem.detail).to.equal(123);
    expect(problem.detail).to.match(/line 123\b/);
    await expectServed(server, current, 'unchanged');
  });

  it('parses a large new N-Triples body in parts, naming the line of an error in a later part', async () => {
    const base = 'https://data.goteborg.se/stor';
    const large = catalogNTriples(1000, { base }); // 5 MB: parsed in one part per parser thread
    const lines = large.split('\n');
    const bad = lines.length - 20;
    lines[bad - 1] = `<${base}> <http://purl.org/dc/terms/title> "broken`;
    const url = `${server.url}/catalogs/goteborg-stor`;
    const refused = await fetch(url, { method: 'PUT', body: lines.join('\n'), headers: { 'Content-Type': 'application/n-triples', ...admin } });
    expect(refused.status).to.equal(400);
    const problem = (await refused.json()) as { detail: string; line?: number };
    expect(problem.line, problem.detail).to.equal(bad);
    expect((await fetch(url)).status, 'nothing stored').to.equal(404);
    const res = await fetch(url, { method: 'PUT', body: large, headers: { 'Content-Type': 'application/n-triples', ...admin } });
    expect(res.status, await res.clone().text()).to.equal(201);
    // Blank-node labels are the store's own; everything else must be exactly what was sent.
    const got = (await (await fetch(`${url}.nt`)).text()).split('\n').filter(Boolean);
    const sent = large.split('\n').filter(Boolean);
    const withoutBlanks = (list: string[]) => list.filter((l) => !l.includes('_:')).sort();
    expect(withoutBlanks(got)).to.deep.equal(withoutBlanks(sent));
    expect(got.length).to.equal(sent.length);
  });

  it('adds a POSTed dataset to the kept lines, counting it once', async () => {
    const res = await fetch(`${server.url}/catalogs/goteborg`, {
      method: 'POST',
      body: datasetNTriples(61, { base: BASE }),
      headers: { 'Content-Type': 'application/n-triples', ...admin },
    });
    expect(res.status, await res.clone().text()).to.equal(204);
    current += datasetNTriples(61, { base: BASE });
    await expectServed(server, current, 'with the posted dataset');
    const listed = (await (await fetch(`${server.url}/catalogs`)).json()) as { id: string; datasets: number }[];
    expect(listed.find((c) => c.id === 'goteborg')?.datasets).to.equal(61);
    const next = edited(current, { revise: [61] });
    expect((await put(server, next)).status).to.equal(204);
    await expectServed(server, next, 're-PUT after the POST');
  });
});

/** The same graph in Turtle syntax, blank nodes written inline so they get new labels when parsed. */
function toTurtle(ntriples: string): string {
  const lines = ntriples.split('\n').filter(Boolean);
  const blank = new Map<string, string[]>();
  const rest: string[] = [];
  for (const line of lines) {
    if (line.startsWith('_:')) {
      const label = line.slice(0, line.indexOf(' '));
      blank.set(label, [...(blank.get(label) ?? []), line.slice(label.length + 1, -2)]);
    } else rest.push(line);
  }
  return rest
    .map((line) => {
      const match = / (_:[A-Za-z0-9]+) \.$/.exec(line);
      return match ? line.replace(` ${match[1]} .`, ` [ ${blank.get(match[1]!)!.join(' ; ')} ] .`) : line;
    })
    .join('\n');
}
