import zlib from 'node:zlib';
import { head, rawExchange } from './raw-http.js';

/**
 * The most expensive bodies of each family, as one anonymous client would send them: what the concurrent case and
 * bench/hostile-bench.ts send from 8 clients beside a publisher. Each is refused by a correct server; each returns
 * the status it got (0 when it got none: a timeout or a cut connection).
 */
export interface WorstCase {
  name: string;
  send(url: string, signal: AbortSignal): Promise<number>;
}

const RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"';
const VALIDATE = '/validate?profile=dcat-ap-3';

/** Built once: the bodies are megabytes and the same every time. */
const bodies = {
  deepXml: `<?xml version="1.0"?>\n<rdf:RDF ${RDF_NS}><rdf:Description rdf:about="http://example.org/a">${'<ex:p rdf:parseType="Resource">'.repeat(100_000)}${'</ex:p>'.repeat(100_000)}</rdf:Description></rdf:RDF>\n`,
  entityBomb: `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY big "${'x'.repeat(50_000)}">]>\n<rdf:RDF ${RDF_NS}><rdf:Description rdf:about="http://example.org/a"><ex:p>${'&big;'.repeat(50_000)}</ex:p></rdf:Description></rdf:RDF>`,
  deepLists: `@prefix ex: <http://example.org/> .\nex:a ex:b ${'( '.repeat(100_000)}${') '.repeat(100_000)}.\n`,
  deepJson: `{"@id": "http://example.org/a", "http://example.org/p": ${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}`,
  longLine: `<http://example.org/s> <http://example.org/p> "${'x'.repeat(6 * 1024 * 1024)}" .\n`,
  gzipBomb: zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }),
};

async function status(url: string, path: string, init: RequestInit, signal: AbortSignal): Promise<number> {
  try {
    const res = await fetch(`${url}${path}`, { ...init, signal });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

const validate = (body: string | Buffer, type: string, headers: Record<string, string> = {}) => (url: string, signal: AbortSignal) =>
  status(url, VALIDATE, { method: 'POST', body: body as BodyInit, headers: { 'Content-Type': type, ...headers } }, signal);

export const WORST_CASES: WorstCase[] = [
  { name: 'RDF/XML 100,000 nested elements', send: validate(bodies.deepXml, 'application/rdf+xml') },
  { name: 'RDF/XML 50k × 50k entity', send: validate(bodies.entityBomb, 'application/rdf+xml') },
  { name: 'Turtle 100,000 nested lists', send: validate(bodies.deepLists, 'text/turtle') },
  { name: 'JSON-LD 100,000 nested arrays', send: validate(bodies.deepJson, 'application/ld+json') },
  { name: 'N-Triples 6 MB line', send: validate(bodies.longLine, 'application/n-triples') },
  { name: 'gzip bomb', send: validate(bodies.gzipBomb, 'text/turtle', { 'Content-Encoding': 'gzip' }) },
  {
    name: 'SPARQL cartesian product',
    send: (url, signal) =>
      status(url, '/sparql', { method: 'POST', body: 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }', headers: { 'Content-Type': 'application/sparql-query' } }, signal),
  },
  {
    name: 'slow body',
    send: async (url) => {
      const port = Number(new URL(url).port);
      const steps = [head('POST', VALIDATE, { 'Content-Type': 'text/turtle', 'Content-Length': 100_000 }), ...Array.from({ length: 60 }, () => [{ waitMs: 250 }, '# slow\n']).flat()];
      const exchange = await rawExchange(port, steps, { timeoutMs: 20_000 });
      return exchange.responses[0]?.status ?? 0;
    },
  },
];

/**
 * `clients` clients, each sending the worst cases in turn (each starting at another one) until `stop()`; `stop`
 * resolves with every status seen, per case.
 */
export function hostileClients(url: string, clients: number, options: { timeoutMs?: number } = {}): { stop(): Promise<Map<string, number[]>> } {
  const seen = new Map<string, number[]>(WORST_CASES.map((c) => [c.name, []]));
  const controller = new AbortController();
  let stopping = false;
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let i = client; !stopping; i++) {
      const worst = WORST_CASES[i % WORST_CASES.length]!;
      const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)]);
      // 0 (no answer) includes a request cut short by stop().
      seen.get(worst.name)!.push(await worst.send(url, signal));
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
