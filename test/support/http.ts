import { admin } from './server.js';

/** Small helpers over fetch, so tests read as requests and expectations. */
export async function put(url: string, body: string, type = 'text/turtle', headers: Record<string, string> = admin): Promise<Response> {
  return fetch(url, { method: 'PUT', body, headers: { 'Content-Type': type, ...headers } });
}

export async function post(url: string, body: BodyInit, type: string | undefined, headers: Record<string, string> = admin): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers: { ...(type ? { 'Content-Type': type } : {}), ...headers } });
}

export async function update(base: string, text: string): Promise<Response> {
  return post(`${base}/sparql`, text, 'application/sparql-update');
}

export async function select(base: string, query: string): Promise<{ results: { bindings: Record<string, { value: string; type: string; datatype?: string }>[] } }> {
  const res = await fetch(`${base}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
  if (res.status !== 200) throw new Error(`query failed ${res.status}: ${await res.text()}`);
  return res.json() as Promise<{ results: { bindings: Record<string, { value: string; type: string; datatype?: string }>[] } }>;
}

export async function count(base: string, pattern = 'GRAPH ?g { ?s ?p ?o }'): Promise<number> {
  const json = await select(base, `SELECT (COUNT(*) AS ?n) WHERE { ${pattern} }`);
  return Number(json.results.bindings[0]!.n!.value);
}
