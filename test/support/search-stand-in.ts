import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test boundary only: until the portal's `/search` is merged, embed.js is served from this small origin, which
 * answers `GET /search` with a fixed organisation's datasets in the documented JSON shape (`{total, results:
 * [{iri, title, description, publisher, modified, url?}], facets}`) and passes `/embed.js` through from the real
 * server. Once `/search` is in the server, tests load embed.js from the server itself.
 */
export interface SearchStandIn {
  url: string;
  /** The query strings of the /search requests received, in order. */
  searches: URLSearchParams[];
  close(): Promise<void>;
}

export interface StandInDataset {
  iri: string;
  title: string;
  description: string;
  modified: string;
  url?: string;
}

export async function startSearchStandIn(options: { host: string; realServer: string; datasets: StandInDataset[] }): Promise<SearchStandIn> {
  const searches: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/embed.js') {
        const upstream = await fetch(`${options.realServer}/embed.js`);
        res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'text/javascript' });
        res.end(await upstream.text());
        return;
      }
      if (url.pathname === '/search' && req.headers.accept === 'application/json') {
        searches.push(url.searchParams);
        const words = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const matching = options.datasets.filter((d) => words.every((w) => `${d.title} ${d.description}`.toLowerCase().includes(w)));
        const page = Number(url.searchParams.get('page') ?? '1');
        const results = matching.slice((page - 1) * 10, page * 10).map((d) => ({ ...d, publisher: 'Göteborgs Stad' }));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', Vary: 'Origin' });
        res.end(JSON.stringify({ total: matching.length, results, facets: { organisation: [{ value: 'goteborg', label: 'Göteborgs Stad', count: matching.length }] } }));
        return;
      }
      res.writeHead(404).end();
    })().catch((error: Error) => res.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    searches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A web page on its own origin, for embedding tests: serves `html` at `/`. */
export async function startHostPage(host: string, html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
