import http from 'node:http';
import zlib from 'node:zlib';
import { head, rawExchange } from './raw-http.js';
import { entityBody, RDF_HEAD } from '../../limits/hostile-bodies.js';

/**
 * The most expensive bodies of each family, as one anonymous client would send them: what the concurrent case and
 * bench/hostile-bench.ts send from 8 clients beside a publisher. Each is refused by a correct server; each returns
 * the status it got (0 when it got none: a timeout or a cut connection).
 */
export interface WorstCase {
  name: string;
  send(client: HostileClient, signal: AbortSignal): Promise<number>;
}

/** Where a hostile client sends to, and from which loopback address (any 127.x.y.z is this machine on Linux). */
export interface HostileClient {
  url: string;
  localAddress?: string;
}

const VALIDATE = '/validate?profile=dcat-ap-3';

/** Built once: the bodies are megabytes and the same every time. */
const bodies = {
  deepXml: `${RDF_HEAD}<rdf:Description rdf:about="http://example.org/a">${'<ex:p rdf:parseType="Resource">'.repeat(100_000)}${'</ex:p>'.repeat(100_000)}</rdf:Description></rdf:RDF>\n`,
  entityBomb: entityBody(50_000, 50_000),
  deepLists: `@prefix ex: <http://example.org/> .\nex:a ex:b ${'( '.repeat(100_000)}${') '.repeat(100_000)}.\n`,
  deepJson: `{"@id": "http://example.org/a", "http://example.org/p": ${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}`,
  longLine: `<http://example.org/s> <http://example.org/p> "${'x'.repeat(6 * 1024 * 1024)}" .\n`,
  gzipBomb: zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }),
};

/** POST `body` from the client's own address (fetch cannot choose one); its status, 0 when there was none. */
function status(client: HostileClient, path: string, body: string | Buffer, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    let answered = 0;
    const req = http.request(`${client.url}${path}`, { method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) }, localAddress: client.localAddress, signal, agent: false }, (res) => {
      answered = res.statusCode ?? 0;
      res.resume();
      // A response cut short still answered with its status.
      res.on('end', () => resolve(answered));
      res.on('close', () => resolve(answered));
      res.on('error', () => resolve(answered));
    });
    // A server that refuses early closes the connection while the body is still going out: the answer still counts.
    req.on('error', () => setTimeout(() => resolve(answered), 50));
    req.end(body);
  });
}

const validate = (body: string | Buffer, type: string, headers: Record<string, string> = {}) => (client: HostileClient, signal: AbortSignal) =>
  status(client, VALIDATE, body, { 'Content-Type': type, ...headers }, signal);

export const WORST_CASES: WorstCase[] = [
  { name: 'RDF/XML 100,000 nested elements', send: validate(bodies.deepXml, 'application/rdf+xml') },
  { name: 'RDF/XML 50k × 50k entity', send: validate(bodies.entityBomb, 'application/rdf+xml') },
  { name: 'Turtle 100,000 nested lists', send: validate(bodies.deepLists, 'text/turtle') },
  { name: 'JSON-LD 100,000 nested arrays', send: validate(bodies.deepJson, 'application/ld+json') },
  { name: 'N-Triples 6 MB line', send: validate(bodies.longLine, 'application/n-triples') },
  { name: 'gzip bomb', send: validate(bodies.gzipBomb, 'text/turtle', { 'Content-Encoding': 'gzip' }) },
  {
    name: 'SPARQL cartesian product',
    send: (client, signal) =>
      status(client, '/sparql', 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }', { 'Content-Type': 'application/sparql-query' }, signal),
  },
  {
    name: 'slow body',
    send: async (client) => {
      const port = Number(new URL(client.url).port);
      const steps = [head('POST', VALIDATE, { 'Content-Type': 'text/turtle', 'Content-Length': 100_000 }), ...Array.from({ length: 60 }, () => [{ waitMs: 250 }, '# slow\n']).flat()];
      const exchange = await rawExchange(port, steps, { timeoutMs: 20_000, localAddress: client.localAddress });
      return exchange.responses[0]?.status ?? 0;
    },
  },
];

/**
 * Client `index`'s own loopback address: eight clients are eight addresses, each held to the server's per-client
 * limits on its own (127.0.0.1 stays the publisher's and the tests').
 */
export const clientAddress = (index: number) => `127.0.0.${10 + index}`;

/**
 * `clients` clients, each sending the worst cases in turn (each starting at another one) until `stop()`; `stop`
 * resolves with every status seen, per case. `oneAddress`: all send from 127.0.0.1 (one client, as far as the
 * server's per-client limits can tell).
 */
export function hostileClients(url: string, clients: number, options: { timeoutMs?: number; oneAddress?: boolean } = {}): { stop(): Promise<Map<string, number[]>> } {
  const seen = new Map<string, number[]>(WORST_CASES.map((c) => [c.name, []]));
  const controller = new AbortController();
  let stopping = false;
  const loops = Array.from({ length: clients }, async (_, client) => {
    const from: HostileClient = { url, localAddress: options.oneAddress ? undefined : clientAddress(client) };
    for (let i = client; !stopping; i++) {
      const worst = WORST_CASES[i % WORST_CASES.length]!;
      const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)]);
      // 0 (no answer) includes a request cut short by stop().
      seen.get(worst.name)!.push(await worst.send(from, signal));
    }
  });
  return {
    async stop() {
      stopping = true;
      controller.abort();
      await Promise.all(loops);
      return seen;
    },
  };
}
