import { expect } from 'chai';
import { admin } from '../support/server.js';
import { CASE_TIMEOUT_MS, expectRefused, hostileFamily, type Stand } from './support/stand.js';
import { BODY_LIMIT, QUERY_LIMIT } from './support/server-env.js';

function query(stand: Stand, text: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${stand.server.url}/sparql`, {
    method: 'POST',
    body: text,
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json', ...headers },
    signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
  });
}

function update(stand: Stand, text: string, headers: Record<string, string> = admin): Promise<Response> {
  return fetch(`${stand.server.url}/sparql`, {
    method: 'POST',
    body: text,
    headers: { 'Content-Type': 'application/sparql-update', ...headers },
    signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
  });
}

hostileFamily('hostile SPARQL', (stand) => {
  it('refuses syntax errors with their position, by GET, form and direct POST', async () => {
    const bad = 'SELECT * WHERE {\n  ?s ?p\n}';
    const byGet = await fetch(`${stand().server.url}/sparql?query=${encodeURIComponent(bad)}`);
    expect(await expectRefused(byGet, 'GET', [400])).to.include({ line: 3 });
    const byForm = await fetch(`${stand().server.url}/sparql`, { method: 'POST', body: new URLSearchParams({ query: bad }) });
    expect(await expectRefused(byForm, 'form', [400])).to.include({ line: 3 });
    expect(await expectRefused(await query(stand(), bad), 'direct', [400])).to.include({ line: 3 });
  });

  it('refuses empty, NUL-bearing, invalid UTF-8 and wrongly typed queries', async () => {
    await expectRefused(await query(stand(), ''), 'empty query', [400]);
    await expectRefused(await query(stand(), 'SELECT * WHERE { ?s ?p ?o \0 }'), 'NUL', [400]);
    const latin1 = Buffer.concat([Buffer.from('SELECT * WHERE { ?s ?p "G'), Buffer.from([0xf6]), Buffer.from('teborg" }')]);
    await expectRefused(await query(stand(), latin1 as unknown as string), 'Latin-1 byte', [400]);
    await expectRefused(await query(stand(), 'ASK {}', { 'Content-Type': 'application/sparql-query; charset=iso-8859-1' }), 'declared Latin-1', [415]);
    await expectRefused(await query(stand(), 'ASK {}', { 'Content-Type': 'text/plain' }), 'text/plain', [415]);
    await expectRefused(await fetch(`${stand().server.url}/sparql?query=%FF%FE`), 'percent-encoded invalid UTF-8', [400]);
    const both = await fetch(`${stand().server.url}/sparql`, { method: 'POST', body: new URLSearchParams({ query: 'ASK {}', update: 'CLEAR ALL' }) });
    await expectRefused(both, 'query and update together', [400]);
    const twice = await fetch(`${stand().server.url}/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D`);
    await expectRefused(twice, 'two queries', [400]);
  });

  it('never follows SERVICE to another endpoint', async () => {
    const res = await query(stand(), `SELECT * WHERE { SERVICE <${stand().trap.url('/sparql')}> { ?s ?p ?o } }`);
    await expectRefused(res, 'SERVICE');
    const silent = await query(stand(), `SELECT * WHERE { SERVICE SILENT <${stand().trap.url('/sparql')}> { ?s ?p ?o } }`);
    if (silent.status !== 200) await expectRefused(silent, 'SERVICE SILENT');
  });

  it('never LOADs a remote document, even with the admin token', async () => {
    await expectRefused(await update(stand(), `LOAD <${stand().trap.url('/data.ttl')}>`), 'LOAD');
    await expectRefused(await update(stand(), `LOAD <${stand().trap.url('/data.ttl')}> INTO GRAPH <http://hostile.example/target>`), 'LOAD INTO');
    const silent = await update(stand(), `LOAD SILENT <${stand().trap.url('/data.ttl')}>`);
    if (silent.status !== 204) await expectRefused(silent, 'LOAD SILENT');
  });

  it('refuses updates without the admin token, and an update sent as a query', async () => {
    await expectRefused(await update(stand(), 'CLEAR ALL', {}), 'anonymous update', [401]);
    await expectRefused(await update(stand(), 'DROP ALL', { Authorization: 'Bearer nope' }), 'wrong token', [401]);
    await expectRefused(await query(stand(), 'CLEAR ALL'), 'update as a query', [400]);
    await expectRefused(await fetch(`${stand().server.url}/sparql?update=CLEAR%20ALL`), 'update by GET', [400]);
  });

  it('refuses deeply nested queries: 10,000 groups, 10,000 parentheses, 10,000 nested subqueries', async () => {
    const groups = `SELECT * WHERE ${'{ '.repeat(10_000)}?s ?p ?o${' }'.repeat(10_000)}`;
    await expectRefused(await query(stand(), groups), '10,000 nested groups');
    const parens = `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(10_000)}?o${')'.repeat(10_000)}) }`;
    await expectRefused(await query(stand(), parens), '10,000 nested parentheses');
    const subqueries = `${'SELECT * WHERE { '.repeat(10_000)}?s ?p ?o${' }'.repeat(10_000)}`;
    await expectRefused(await query(stand(), subqueries), '10,000 nested subqueries');
    const deepUpdate = `INSERT DATA { GRAPH <http://hostile.example/target> { <http://e/s> <http://e/p> ${'( '.repeat(10_000)}${') '.repeat(10_000)} } }`;
    await expectRefused(await update(stand(), deepUpdate), '10,000 nested lists in an update');
  });

  it('refuses long operator chains that recurse just as deep: 10,000 !, 1,000 +, 10,000 UNIONs', async () => {
    const refusals = [
      await expectRefused(await query(stand(), `SELECT * WHERE { ?s ?p ?o FILTER(${'!'.repeat(10_000)}?o) }`), '10,000 !'),
      await expectRefused(await query(stand(), `SELECT * WHERE { ?s ?p ?o FILTER(${Array(1_000).fill('?o').join(' + ')} > 1) }`), '1,000 +'),
      await expectRefused(await query(stand(), `SELECT * WHERE { ${Array(10_000).fill('{ ?s ?p ?o }').join(' UNION ')} }`), '10,000 UNION'),
    ];
    for (const problem of refusals) expect(problem).to.include({ status: 400, line: 1 }).and.to.have.property('limit');
  });

  it('still answers ordinary queries with strings, IRIs and comments full of brackets', async () => {
    const text = 'PREFIX ex: <http://example.org/(((>\n# {{{ ((( [[[ !!! +++\nSELECT ?o WHERE { ?s ?p ?o FILTER(?o != "{{{(((" && ?o != \'\'\'!!!\n+++\'\'\') } LIMIT 1';
    const res = await query(stand(), text);
    expect(res.status, await res.clone().text()).to.equal(200);
  });

  it('refuses a query at the size limits and past them', async () => {
    const atLimit = `SELECT * WHERE { ?s ?p "${'x'.repeat(QUERY_LIMIT - 40)}`;
    await expectRefused(await query(stand(), atLimit), 'unterminated literal at MAX_QUERY_BYTES', [400]);
    await expectRefused(await query(stand(), 'x'.repeat(QUERY_LIMIT + 1)), 'past MAX_QUERY_BYTES', [413]);
    await expectRefused(await query(stand(), 'x'.repeat(BODY_LIMIT + 1)), 'past MAX_BODY_BYTES', [413]);
  });

  it('stops a cartesian product at QUERY_TIMEOUT_MS with 503', async () => {
    const started = Date.now();
    const res = await query(stand(), 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }');
    await expectRefused(res, 'cartesian product', [503]);
    expect(Date.now() - started).to.be.below(CASE_TIMEOUT_MS);
  });
});
