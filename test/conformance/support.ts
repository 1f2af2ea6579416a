/**
 * Shared machinery for the data-driven W3C conformance runners (SPARQL 1.1 Protocol, Graph Store HTTP Protocol).
 *
 * The W3C manifests were flattened into `tests.json` (one object per test: requests with method, path, headers,
 * body and an `expect` block). This module reads those files, starts one scratch server per suite, resets the store,
 * replays requests exactly as written (headers and body bytes), and checks the expectations: status, result format,
 * boolean value, response headers, Location, and response bodies by graph isomorphism.
 *
 * The reference files live outside the repository (`/work/shared/reference`, overridable with W3C_REFERENCE_DIR).
 * When they are absent the suites skip with a message instead of failing.
 */
import fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import contentType from 'content-type';
import jsonld from 'jsonld';
import ox from 'oxigraph';
import { admin, startTestServer, type TestServer } from '../support/server.js';

export const REFERENCE_ROOT = process.env.W3C_REFERENCE_DIR || '/work/shared/reference';

export interface W3cHeader {
  name: string;
  value: string;
}

export interface W3cExpectation {
  /** `StatusCode2xx` … or a reason phrase without spaces (`OK`, `Created`, `NoContent`, `NotFound`); any one may match. */
  status: string[];
  format: 'boolean' | 'tabular' | 'RDF' | null;
  boolean: 'true' | 'false' | null;
  /** `$LOCATION$`: a Location header must be present and is remembered for later requests of the same test. */
  location: string | null;
  headers: W3cHeader[];
  /** Expected graph, as Turtle, compared by isomorphism. */
  body: string | null;
}

export interface W3cRequest {
  method: string;
  path: string;
  headers: W3cHeader[];
  body: string | null;
  expect: W3cExpectation;
}

export interface W3cTest {
  id: string;
  manifest: string;
  inEntriesList: boolean;
  type: string;
  name: string;
  approval: string | null;
  requires: string[];
  graphData: { file: string; graphIri: string }[];
  comment: string[];
  connectionAuthority: string | null;
  requests: W3cRequest[];
}

export type Reference<T> = { ok: true; dir: string; data: T } | { ok: false; reason: string };

/** Read `tests.json` of a reference directory, or say why it cannot be used. */
export function loadReference<T>(subdirectory: string): Reference<T> {
  const dir = path.join(REFERENCE_ROOT, subdirectory);
  const file = path.join(dir, 'tests.json');
  if (!fs.existsSync(file)) {
    return { ok: false, reason: `W3C reference tests not found at ${file} (set W3C_REFERENCE_DIR to the directory holding ${subdirectory}/)` };
  }
  try {
    return { ok: true, dir, data: JSON.parse(fs.readFileSync(file, 'utf8')) as T };
  } catch (error) {
    return { ok: false, reason: `W3C reference tests at ${file} are unreadable: ${(error as Error).message}` };
  }
}

/** A port nobody listens on right now; needed up front because BASE_URL must name the server's own URL. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One scratch server for a whole suite, with BASE_URL equal to the URL it is reached at, so that direct graph
 * identification (`{BASE_URL}/store/…`), minted Location headers and the service description's `sd:endpoint` all
 * name URLs the runner actually talks to.
 */
export async function startConformanceServer(): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startTestServer({ port, env: { BASE_URL: `http://127.0.0.1:${port}` } });
    } catch (error) {
      // Another process may have taken the port between the probe and the server's listen; try a fresh one.
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Empty the whole store (every named graph and the default graph). Goes through SPARQL Update, which needs the
 * admin token; verified with an ASK so that a silently failing reset cannot make later tests pass or fail by accident.
 */
export async function resetStore(server: TestServer): Promise<void> {
  const dropped = await fetch(`${server.url}/sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-update', ...admin },
    body: utf8('DROP SILENT ALL'),
  });
  if (!dropped.ok) throw new Error(`store reset failed: DROP SILENT ALL answered ${dropped.status}: ${await dropped.text()}`);
  const ask = 'ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }';
  const check = await fetch(`${server.url}/sparql?query=${encodeURIComponent(ask)}`, {
    headers: { Accept: 'application/sparql-results+json', ...admin },
  });
  const json = (await check.json()) as { boolean?: boolean };
  if (json.boolean !== false) throw new Error(`store reset failed: the store still holds triples after DROP SILENT ALL`);
}

/** Load an N-Triples file of the reference directory as the named graph `graphIri`, via the Graph Store Protocol. */
export async function loadGraph(server: TestServer, file: string, graphIri: string): Promise<void> {
  const res = await fetch(`${server.url}/store?graph=${encodeURIComponent(graphIri)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/n-triples', ...admin },
    body: new Uint8Array(fs.readFileSync(file)),
  });
  if (res.status !== 201 && res.status !== 204 && res.status !== 200) {
    throw new Error(`loading ${file} into <${graphIri}> failed: ${res.status} ${await res.text()}`);
  }
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** UTF-16 as RFC 2781 defines the bare "UTF-16" charset: a byte-order mark, then big-endian code units. */
export function utf16(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xfe;
  bytes[1] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = unit >> 8;
    bytes[3 + 2 * i] = unit & 0xff;
  }
  return bytes;
}

/**
 * The request body as bytes, encoded in the charset the test declares. Always bytes, never a string: Node's fetch
 * adds `Content-Type: text/plain;charset=UTF-8` to string bodies, which would turn the "missing Content-Type" tests
 * into "wrong Content-Type" tests.
 */
export function encodeBody(body: string | null, headers: W3cHeader[]): Uint8Array<ArrayBuffer> | undefined {
  if (body === null) return undefined;
  const declared = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const charset = declared ? safeParseType(declared)?.parameters.charset?.toLowerCase() : undefined;
  if (charset === 'utf-16') return utf16(body);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new Error(`the runner cannot encode a body as charset=${charset}`);
  }
  return utf8(body);
}

interface ParsedType {
  type: string;
  parameters: Record<string, string>;
}

function safeParseType(header: string): ParsedType | undefined {
  try {
    return contentType.parse(header);
  } catch {
    return undefined;
  }
}

/** Reason phrases without spaces (`NoContent`) → status code, from Node's table. */
const STATUS_BY_NAME = new Map(Object.entries(STATUS_CODES).map(([code, phrase]) => [String(phrase).replace(/[^A-Za-z]/g, ''), Number(code)]));

export function statusMatches(status: number, expected: string): boolean {
  const klass = /^StatusCode(\d)xx$/.exec(expected);
  if (klass) return Math.floor(status / 100) === Number(klass[1]);
  const code = STATUS_BY_NAME.get(expected) ?? (/^\d{3}$/.test(expected) ? Number(expected) : undefined);
  if (code === undefined) throw new Error(`the runner does not know the expected status "${expected}"`);
  return status === code;
}

export interface ReplayContext {
  server: TestServer;
  /** Rewrite a test's request path (`/sparql/…`, `/gsp/…`) to a path on the server. */
  mapPath(testPath: string): string;
  /** The URL the test itself would have used, to resolve relative IRIs in expected bodies. */
  originalUrl(testPath: string): string;
}

/** Everything sent and received, for failure messages. */
interface Exchange {
  step: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  status: number;
  responseHeaders: Headers;
  body: string;
}

function describeExchange(x: Exchange): string {
  const headers = Object.entries(x.headers)
    .filter(([name]) => name.toLowerCase() !== 'authorization')
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  return `request ${x.step}: ${x.method} ${x.url}${headers ? ` [${headers}]` : ''} → ${x.status} [content-type: ${x.responseHeaders.get('content-type') ?? '-'}${x.responseHeaders.get('location') ? `; location: ${x.responseHeaders.get('location')}` : ''}] ${x.body.slice(0, 600)}`;
}

class ConformanceFailure extends Error {
  constructor(message: string, x: Exchange) {
    super(`${message}\n    ${describeExchange(x)}`);
    this.name = 'ConformanceFailure';
  }
}

/**
 * Replay a test's requests in order against the server and check each expectation. Every request carries the admin
 * token: SPARQL Update and every Graph Store write require it on this server, and sending it on reads too keeps the
 * replay uniform (reads ignore it). The tests' own headers are sent exactly as written otherwise.
 */
export async function replay(test: W3cTest, context: ReplayContext): Promise<void> {
  let location: string | undefined;
  for (const [index, request] of test.requests.entries()) {
    const testPath = substituteLocation(request.path, location);
    const url = `${context.server.url}${context.mapPath(testPath)}`;
    const headers: Record<string, string> = {};
    for (const { name, value } of request.headers) headers[name] = value;
    Object.assign(headers, admin);
    const res = await fetch(url, {
      method: request.method,
      headers,
      body: encodeBody(request.body, request.headers),
      redirect: 'manual',
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const exchange: Exchange = {
      step: index + 1,
      method: request.method,
      url,
      headers,
      status: res.status,
      responseHeaders: res.headers,
      body: new TextDecoder().decode(bytes),
    };
    const expect = request.expect;

    if (expect.status.length && !expect.status.some((s) => statusMatches(res.status, s))) {
      throw new ConformanceFailure(`expected status ${expect.status.join(' or ')}, got ${res.status}`, exchange);
    }
    for (const header of expect.headers) checkHeader(header, exchange);
    if (expect.location !== null) {
      const given = res.headers.get('location');
      if (!given) throw new ConformanceFailure('expected a Location header, got none', exchange);
      const absolute = new URL(given, url).href;
      if (expect.location === '$LOCATION$') location = absolute;
      else if (absolute !== new URL(expect.location, context.originalUrl(testPath)).href) {
        throw new ConformanceFailure(`expected Location ${expect.location}, got ${given}`, exchange);
      }
    }
    if (expect.format) await checkFormat(expect, exchange, url);
    else if (expect.boolean !== null) checkBoolean(expect, exchange);
    if (expect.body !== null) await checkGraphBody(expect.body, context.originalUrl(testPath), exchange, url);
  }
}

/**
 * `$LOCATION$` is replaced by the Location of an earlier response, percent-encoded: the tests put it in a query
 * parameter (`?graph=$LOCATION$`), whose value the server decodes exactly once. Encoding keeps IRIs containing `%`,
 * `&` or `#` intact; a plain http IRI decodes to itself either way.
 */
function substituteLocation(testPath: string, location: string | undefined): string {
  if (!testPath.includes('$LOCATION$')) return testPath;
  if (!location) throw new Error(`request path ${testPath} uses $LOCATION$ but no earlier response set one`);
  return testPath.replaceAll('$LOCATION$', encodeURIComponent(location));
}

/**
 * Response headers are compared by meaning: Content-Type by media type and parameters (type, subtype, parameter
 * names and the charset value are case-insensitive in HTTP), anything else as a trimmed, case-insensitive string.
 */
function checkHeader(expected: W3cHeader, x: Exchange): void {
  const actual = x.responseHeaders.get(expected.name);
  if (actual === null) throw new ConformanceFailure(`expected header ${expected.name}: ${expected.value}, got none`, x);
  if (expected.name.toLowerCase() === 'content-type') {
    const want = safeParseType(expected.value);
    const got = safeParseType(actual);
    if (!want || !got) throw new ConformanceFailure(`unparseable Content-Type: expected "${expected.value}", got "${actual}"`, x);
    const norm = (t: ParsedType) =>
      JSON.stringify([
        t.type.toLowerCase(),
        Object.entries(t.parameters)
          .map(([k, v]) => [k.toLowerCase(), k.toLowerCase() === 'charset' ? v.toLowerCase() : v])
          .sort(),
      ]);
    if (norm(want) !== norm(got)) throw new ConformanceFailure(`expected Content-Type "${expected.value}", got "${actual}"`, x);
    return;
  }
  if (actual.trim().toLowerCase() !== expected.value.trim().toLowerCase()) {
    throw new ConformanceFailure(`expected header ${expected.name}: ${expected.value}, got ${actual}`, x);
  }
}

function mediaTypeOf(x: Exchange): string {
  const header = x.responseHeaders.get('content-type');
  if (!header) throw new ConformanceFailure('the response has no Content-Type', x);
  const parsed = safeParseType(header);
  if (!parsed) throw new ConformanceFailure(`the response Content-Type "${header}" is not a valid media type`, x);
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ConformanceFailure(`the response charset is ${charset}; the runner reads UTF-8 only`, x);
  }
  return parsed.type.toLowerCase();
}

const JSON_RESULTS = ['application/sparql-results+json', 'application/json'];
const XML_RESULTS = ['application/sparql-results+xml', 'application/xml', 'text/xml'];
const RDF_SYNTAXES = [
  'text/turtle',
  'application/n-triples',
  'application/rdf+xml',
  'application/ld+json',
  'application/n-quads',
  'application/trig',
  'text/n3',
];

async function checkFormat(expect: W3cExpectation, x: Exchange, url: string): Promise<void> {
  switch (expect.format) {
    case 'boolean':
      checkBoolean(expect, x);
      return;
    case 'tabular':
      checkTabular(x);
      return;
    case 'RDF':
      parseRdf(x.body, mediaTypeOf(x), url, x);
      return;
    default:
      throw new Error(`the runner does not know result format "${String(expect.format)}"`);
  }
}

/** Parse a SPARQL boolean result (JSON or XML) and compare it with the expected value when the test gives one. */
function checkBoolean(expect: W3cExpectation, x: Exchange): void {
  const type = mediaTypeOf(x);
  let value: boolean;
  if (JSON_RESULTS.includes(type)) {
    let json: unknown;
    try {
      json = JSON.parse(x.body);
    } catch (error) {
      throw new ConformanceFailure(`the ${type} boolean result is not JSON: ${(error as Error).message}`, x);
    }
    const result = (json as { boolean?: unknown; head?: unknown } | null)?.boolean;
    if (typeof result !== 'boolean' || typeof (json as { head?: unknown }).head !== 'object') {
      throw new ConformanceFailure('the JSON result has no "head" object and boolean "boolean" member', x);
    }
    value = result;
  } else if (XML_RESULTS.includes(type)) {
    const root = checkResultsXml(x);
    const match = /<boolean\s*>\s*(true|false)\s*<\/boolean\s*>/.exec(root);
    if (!match) throw new ConformanceFailure('the XML result has no <boolean>true|false</boolean>', x);
    value = match[1] === 'true';
  } else {
    throw new ConformanceFailure(`expected a SPARQL boolean result (JSON or XML), got ${type}`, x);
  }
  if (expect.boolean !== null && String(value) !== expect.boolean) {
    throw new ConformanceFailure(`expected the boolean result ${expect.boolean}, got ${value}`, x);
  }
}

/** A SELECT result in one of the four SPARQL result formats, parsed far enough to know it is well-formed. */
function checkTabular(x: Exchange): void {
  const type = mediaTypeOf(x);
  if (JSON_RESULTS.includes(type)) {
    let json: { head?: { vars?: unknown }; results?: { bindings?: unknown } };
    try {
      json = JSON.parse(x.body) as typeof json;
    } catch (error) {
      throw new ConformanceFailure(`the ${type} result is not JSON: ${(error as Error).message}`, x);
    }
    if (!Array.isArray(json.head?.vars) || !Array.isArray(json.results?.bindings)) {
      throw new ConformanceFailure('the JSON result lacks head.vars or results.bindings arrays', x);
    }
    return;
  }
  if (XML_RESULTS.includes(type)) {
    const root = checkResultsXml(x);
    if (!/<head[\s>/]/.test(root) || !/<results[\s>/]/.test(root)) {
      throw new ConformanceFailure('the XML result lacks <head> or <results>', x);
    }
    return;
  }
  if (type === 'text/csv' || type === 'text/tab-separated-values') {
    const header = x.body.split(/\r?\n/)[0] ?? '';
    if (!header) throw new ConformanceFailure(`the ${type} result has no header row`, x);
    if (type === 'text/tab-separated-values' && !header.split('\t').every((v) => /^\?\S+$/.test(v))) {
      throw new ConformanceFailure('the TSV header row does not list ?variables', x);
    }
    return;
  }
  throw new ConformanceFailure(`expected SPARQL results (JSON, XML, CSV or TSV), got ${type}`, x);
}

/** Well-formed XML (balanced tags) whose root is sparql in the results namespace; returns the document. */
function checkResultsXml(x: Exchange): string {
  const problem = xmlProblem(x.body);
  if (problem) throw new ConformanceFailure(`the XML result is not well-formed: ${problem}`, x);
  if (!/<sparql\b[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/sparql-results#["']/.test(x.body)) {
    throw new ConformanceFailure('the XML result root is not <sparql xmlns="http://www.w3.org/2005/sparql-results#">', x);
  }
  return x.body;
}

/** A small tag-balance check (no DTDs in SPARQL results); enough to reject truncated or mangled XML. */
function xmlProblem(text: string): string | undefined {
  const stack: string[] = [];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let roots = 0;
  for (const match of text.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match;
    if (whole === '<') return `stray "<" at offset ${match.index}`;
    if (whole.startsWith('&')) return `unescaped "&" at offset ${match.index}`;
    if (!name) continue;
    if (closing) {
      if (stack.pop() !== name) return `unexpected </${name}> at offset ${match.index}`;
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) return `unclosed <${stack[stack.length - 1]}>`;
  if (roots !== 1) return `${roots} root elements`;
  return undefined;
}

/** Parse RDF of the given media type; a syntax the runner cannot read counts as a failure. */
export function parseRdf(body: string, mediaType: string, baseIri: string, x?: Exchange): ox.Quad[] {
  if (!RDF_SYNTAXES.includes(mediaType)) {
    const message = `expected an RDF syntax (${RDF_SYNTAXES.join(', ')}), got ${mediaType}`;
    if (x) throw new ConformanceFailure(message, x);
    throw new Error(message);
  }
  try {
    return ox.parse(body, { format: mediaType, base_iri: baseIri });
  } catch (error) {
    const message = `the ${mediaType} body does not parse: ${(error as Error).message}`;
    if (x) throw new ConformanceFailure(message, x);
    throw new Error(message);
  }
}

/** Canonical N-Quads (RDFC-1.0) of a set of quads: equal strings ⇔ isomorphic graphs (blank nodes relabelled). */
export async function canonical(quads: ox.Quad[]): Promise<string> {
  const nquads = quads.map((q) => `${q.toString()} .\n`).join('');
  return jsonld.canonize(nquads as unknown as jsonld.JsonLdDocument, {
    inputFormat: 'application/n-quads',
    format: 'application/n-quads',
  });
}

/** The response body, parsed as its Content-Type says, must be isomorphic to the expected Turtle. */
async function checkGraphBody(expectedTurtle: string, expectedBase: string, x: Exchange, url: string): Promise<void> {
  const expected = await canonical(parseRdf(expectedTurtle, 'text/turtle', expectedBase));
  const actual = await canonical(parseRdf(x.body, mediaTypeOf(x), url, x));
  if (expected !== actual) {
    throw new ConformanceFailure(`the graph is not isomorphic to the expected one\n    expected (canonical):\n${indent(expected)}\n    got (canonical):\n${indent(actual)}`, x);
  }
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
