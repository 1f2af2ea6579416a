import { expect } from 'chai';
import { CATALOG_ID, hostileFamily } from './support/stand.js';
import { cutPoints, oxigraphParses, refusedAt } from './support/cases.js';
import { BODY_LIMIT } from './support/server-env.js';

const NT = 'application/n-triples';
const TRIPLE = '<http://example.org/s> <http://example.org/p> "o" .\n';

hostileFamily('hostile N-Triples', (stand) => {
  let catalog = '';
  before(async () => {
    catalog = await (await fetch(`${stand().server.url}/catalogs/${CATALOG_ID}.nt`)).text();
  });

  it('refuses an empty catalogue write (no catalogue in it)', async () => {
    await refusedAt(stand(), '', NT, 'empty N-Triples', { targets: ['catalogPut', 'catalogPost'] });
  });

  it('refuses the stored catalogue cut at 50 places, each with its line', async () => {
    const points = cutPoints(catalog, 50, oxigraphParses(NT));
    expect(points.length).to.be.greaterThan(40);
    for (const at of points) {
      const line = catalog.slice(0, at).split('\n').length;
      const refusals = await refusedAt(stand(), catalog.slice(0, at), NT, `cut at ${at}`, { targets: ['validate', 'catalogPut'] });
      expect(refusals.get('validate'), `cut at ${at}`).to.include({ status: 400, line });
    }
  });

  it('refuses Turtle-only syntax, bad escapes and unterminated lines', async () => {
    await refusedAt(stand(), '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n', NT, 'Turtle prefixes', { allowed: [400] });
    await refusedAt(stand(), '<http://example.org/s> <http://example.org/p> "\\u00" .\n', NT, 'short \\u escape', { allowed: [400] });
    await refusedAt(stand(), '<http://example.org/s> <http://example.org/p> "\\q" .\n', NT, 'unknown escape', { allowed: [400] });
    await refusedAt(stand(), '<http://example.org/s> <http://example.org/p> "o"\n', NT, 'no final dot', { allowed: [400] });
    await refusedAt(stand(), '<s> <p> <o> .\n', NT, 'relative IRIs', { allowed: [400] });
    await refusedAt(stand(), `${TRIPLE}<http://example.org/s> <http://example.org/p> "o" <http://example.org/g> .\n`, NT, 'a quad', { allowed: [400] });
  });

  it('refuses NUL bytes, invalid UTF-8, lone surrogate escapes and a BOM after the first line', async () => {
    await refusedAt(stand(), `${TRIPLE}<http://example.org/s\0> <http://example.org/p> "o" .\n`, NT, 'NUL in an IRI', { allowed: [400] });
    await refusedAt(stand(), Buffer.concat([Buffer.from(TRIPLE), Buffer.from([0xc3, 0x28]), Buffer.from(TRIPLE)]), NT, 'invalid UTF-8', { allowed: [400] });
    await refusedAt(stand(), Buffer.concat([Buffer.from(TRIPLE), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(TRIPLE)]), NT, 'encoded surrogate', { allowed: [400] });
    await refusedAt(stand(), `${TRIPLE}\ufeff${TRIPLE}`, NT, 'BOM mid-document', { allowed: [400] });
  });

  it('gives the right line for an error near the end of a 5 MB body parsed in parts', async () => {
    const lines = Math.floor((5 * 1024 * 1024) / TRIPLE.length);
    const body = `${TRIPLE.repeat(lines)}<http://example.org/s> <http://example.org/p> "broken .\n`;
    const refusals = await refusedAt(stand(), body, NT, 'error at the end of 5 MB', { targets: ['validate', 'store'] });
    for (const problem of refusals.values()) expect(problem).to.include({ status: 400, line: lines + 1 });
  });

  it('refuses one line as long as the size limit (needs the N-Triples line-length limit of issue 9, item 2)', async () => {
    const literal = 'x'.repeat(BODY_LIMIT - 100);
    const line = `<http://example.org/s> <http://example.org/p> "${literal}" .\n`;
    // Well-formed: only a limit on the line length refuses it, before it reaches the parser.
    await refusedAt(stand(), line, NT, 'one line of the whole size limit', { targets: ['validate'] });
  });

  it('refuses a body past the limit with 413 naming it, sent with and without Content-Length', async () => {
    const past = TRIPLE.repeat(Math.ceil((BODY_LIMIT + 1) / TRIPLE.length));
    const declared = await refusedAt(stand(), past, NT, 'past the limit', { allowed: [413] });
    for (const problem of declared.values()) expect(problem).to.include({ limit: BODY_LIMIT });
    // Without Content-Length (chunked, a MiB at a time) the limit is found while reading.
    const chunks = Buffer.from(past);
    const streamed = await fetch(`${stand().server.url}/validate?profile=dcat-ap-3`, {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < chunks.length; i += 1 << 20) controller.enqueue(chunks.subarray(i, i + (1 << 20)));
          controller.close();
        },
      }),
      headers: { 'Content-Type': NT },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).to.equal(413);
  });
});
