import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { admin, startTestServer, type TestServer } from '../../support/server.js';
import { HOSTILE_SERVER_ENV } from './server-env.js';
import { openOutboundTrap, type OutboundTrap } from './outbound-trap.js';
import { watchHealth, type HealthRecord } from './health-watch.js';

/** The catalogue every family's server holds, published by Göteborg's token (test/fixtures/catalogs/README.md). */
export const FIXTURE_CATALOG = fs.readFileSync(fileURLToPath(new URL('../../../../test/fixtures/catalogs/valid-full.ttl', import.meta.url)), 'utf8');
export const CATALOG_ID = 'goteborg';
/** A graph written through /store that must stay as it is, and one that hostile writes aim at and must never create. */
export const KEPT_GRAPH = 'http://hostile.example/kept';
export const TARGET_GRAPH = 'http://hostile.example/target';
const KEPT_NTRIPLES = '<http://hostile.example/s> <http://hostile.example/p> "kept" .\n<http://hostile.example/s> <http://hostile.example/q> _:b1 .\n_:b1 <http://hostile.example/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n';

/** Everything one family of cases runs against: the spawned server, the outbound trap, a publisher's token. */
export interface Stand {
  server: TestServer;
  trap: OutboundTrap;
  /** Authorization header of Göteborg's publisher token. */
  publisher: Record<string, string>;
  port: number;
}

/** Where a hostile body is sent. Only /validate is anonymous; nothing a case sends may change what is stored. */
export const TARGETS = {
  validate: { method: 'POST', path: '/validate?profile=dcat-ap-3', auth: 'none' },
  catalogPut: { method: 'PUT', path: `/catalogs/${CATALOG_ID}`, auth: 'publisher' },
  catalogPost: { method: 'POST', path: `/catalogs/${CATALOG_ID}`, auth: 'publisher' },
  store: { method: 'PUT', path: `/store?graph=${encodeURIComponent(TARGET_GRAPH)}`, auth: 'admin' },
} as const;
export type TargetName = keyof typeof TARGETS;
export const ALL_TARGETS = Object.keys(TARGETS) as TargetName[];

/** How long one case may take before it counts as a hang (the server's own deadlines are shorter). */
export const CASE_TIMEOUT_MS = 30_000;

/** Send `body` to a target with its credentials. */
export async function sendTo(stand: Stand, target: TargetName, body: Uint8Array | string, contentType: string | undefined, headers: Record<string, string> = {}): Promise<Response> {
  const { method, path, auth } = TARGETS[target];
  const credentials = auth === 'publisher' ? stand.publisher : auth === 'admin' ? admin : {};
  return fetch(`${stand.server.url}${path}`, {
    method,
    body: body as BodyInit,
    headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...credentials, ...headers },
    signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
  });
}

export interface Refusal {
  status: number;
  detail: string;
  [key: string]: unknown;
}

/**
 * The answer every hostile case must get: a 4xx (or 503 at a deadline) with a problem document carrying `detail`;
 * never a 5xx otherwise. A catalogue write refused by the SHACL gate is 422 with its validation report instead
 * (the documented contract for a document that parsed but does not conform).
 */
export async function expectRefused(res: Response, what: string, allowed?: number[]): Promise<Refusal> {
  const text = await res.text();
  const context = `${what}: ${res.status} ${text.slice(0, 300)}`;
  if (allowed) expect(allowed, context).to.include(res.status);
  else expect(res.status === 503 || (res.status >= 400 && res.status < 500), context).to.equal(true);
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 422 && type.startsWith('application/json')) {
    const report = JSON.parse(text) as { conforms?: boolean };
    expect(report.conforms, context).to.equal(false);
    return { status: 422, detail: 'validation report', ...report };
  }
  expect(type, context).to.match(/^application\/problem\+json/);
  const problem = JSON.parse(text) as Refusal;
  expect(problem.status, context).to.equal(res.status);
  expect(problem.detail, context).to.be.a('string').and.not.equal('');
  return problem;
}

/** Blank node labels change between reads (Oxigraph relabels on load): compare graphs with them blanked out. */
function comparable(ntriples: string): string {
  return ntriples
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/_:[A-Za-z0-9_.-]+/g, '_:b'))
    .sort()
    .join('\n');
}

interface StoredState {
  catalog: string;
  kept: string;
  target: number;
}

async function storedState(url: string): Promise<StoredState> {
  const read = async (path: string) => {
    let res = await fetch(`${url}${path}`, { headers: { Accept: 'application/n-triples' } });
    // A replica stopped at a query deadline may still be rebuilding when the family ends.
    for (let waited = 0; res.status === 503 && waited < 30_000; waited += 200) {
      await new Promise((r) => setTimeout(r, 200));
      res = await fetch(`${url}${path}`, { headers: { Accept: 'application/n-triples' } });
    }
    expect(res.status, path).to.equal(200);
    return comparable(await res.text());
  };
  return {
    catalog: await read(`/catalogs/${CATALOG_ID}.nt`),
    kept: await read(`/store?graph=${encodeURIComponent(KEPT_GRAPH)}`),
    target: (await fetch(`${url}/store?graph=${encodeURIComponent(TARGET_GRAPH)}`)).status,
  };
}

/** Start a server with the suite's env, give Göteborg a token and a catalogue, and write the kept graph. */
export async function startStand(env: Record<string, string> = {}): Promise<Stand> {
  const server = await startTestServer({ env: { ...HOSTILE_SERVER_ENV, ...env } });
  const trap = await openOutboundTrap();
  const issued = await fetch(`${server.url}/admin/tokens`, {
    method: 'POST',
    body: JSON.stringify({ organisation: 'goteborg' }),
    headers: { 'Content-Type': 'application/json', ...admin },
  });
  expect(issued.status).to.equal(201);
  const publisher = { Authorization: `Bearer ${((await issued.json()) as { token: string }).token}` };
  const published = await fetch(`${server.url}/catalogs/${CATALOG_ID}?profile=dcat-ap-3`, {
    method: 'PUT',
    body: FIXTURE_CATALOG,
    headers: { 'Content-Type': 'text/turtle', ...publisher },
  });
  expect(published.status, await published.text()).to.equal(201);
  const kept = await fetch(`${server.url}/store?graph=${encodeURIComponent(KEPT_GRAPH)}`, {
    method: 'PUT',
    body: KEPT_NTRIPLES,
    headers: { 'Content-Type': 'application/n-triples', ...admin },
  });
  expect(kept.status).to.equal(201);
  return { server, trap, publisher, port: Number(new URL(server.url).port) };
}

/**
 * A family of hostile cases on its own server. `define` declares the cases (with `it`); after them the family
 * checks what must hold throughout: /healthz answered within 1 s, the stored catalogue and graph unchanged, the
 * target graph never created, no outbound connection, no unhandled error or uncaught stack (an Oxigraph panic prints
 * one) in the server's output, the process alive.
 */
export function hostileFamily(title: string, define: (stand: () => Stand) => void, options: { env?: Record<string, string> } = {}): void {
  describe(title, function () {
    this.timeout(CASE_TIMEOUT_MS * 2);
    let stand: Stand | undefined;
    let initial: StoredState;
    let watch: { stop(): Promise<HealthRecord> };
    let health: HealthRecord | undefined;

    // A `before` that fails leaves `stand` unset; `after` must still end what it started.
    before(async function () {
      this.timeout(180_000);
      stand = await startStand(options.env);
      initial = await storedState(stand.server.url);
      watch = watchHealth(stand.server.url);
    });
    after(async () => {
      if (!health && watch) await watch.stop().catch(() => undefined);
      await stand?.trap.close();
      await stand?.server.kill();
    });

    define(() => stand!);

    // Mocha runs a suite's own tests before its child suites: in a suite of their own, defined last, these run last.
    describe('throughout the family', () => {
    it('kept /healthz answering 200 within 1 s throughout', async () => {
      health = await watch.stop();
      expect(health.polls).to.be.greaterThan(0);
      expect(health.misses, `slowest ${Math.round(health.slowest)} ms`).to.deep.equal([]);
    });
    it('left the stored catalogue and graph unchanged and created nothing', async () => {
      expect(await storedState(stand!.server.url)).to.deep.equal(initial);
    });
    it('never connected to the outbound trap', () => {
      expect(stand!.trap.contacts).to.equal(0);
    });
    it('stayed up and logged no unhandled error', () => {
      expect(stand!.server.process.exitCode).to.equal(null);
      const lines = stand!.server.output().split('\n');
      const unhandled = lines.flatMap((line, i) =>
        line.includes('"unhandled error"') || /"level":60/.test(line) || /^\s*(Error|TypeError|RangeError)\b|Unhandled 'error' event/.test(line)
          ? [lines.slice(i, i + 6).join('\n').slice(0, 1000)]
          : [],
      );
      expect(unhandled).to.deep.equal([]);
    });
    });
  });
}
