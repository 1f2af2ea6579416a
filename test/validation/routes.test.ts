/**
 * GET /profiles and POST /validate: the handlers in an app of their own (supertest), and — once src/app.ts routes
 * them — through the real server.
 */
import { expect } from 'chai';
import express from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import N3 from 'n3';
import { readConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { ParserPool } from '../../src/rdf/parser-pool.js';
import { CatalogValidator } from '../../src/validation/catalog-validator.js';
import { GROUPED_RESULTS_LIMIT, validateEndpoint, VALIDATE_PATH } from '../../src/validation/routes.js';
import { profilesEndpoint, PROFILES_PATH } from '../../src/validation/profile-routes.js';
import { PROFILES } from '../../src/validation/profiles.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { packageRoot } from '../../src/package-root.js';
import { FIXTURES, SH } from './support.js';

const turtle = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

interface JsonReport {
  conforms: boolean;
  results: { severity: string; focusNode: string; path: string | null; value: string | null; message: string; shape: string | null }[];
}

describe('validation routes', function () {
  this.timeout(120_000);
  let app: express.Express;
  let ctx: AppContext;

  before(() => {
    const config = readConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-validation-')), MAX_BODY_BYTES: '200000' });
    const validator = new CatalogValidator({ threads: 1 });
    ctx = { config, parsers: new ParserPool(), validator, log: pino({ level: 'silent' }) } as unknown as AppContext;
    app = express();
    app.set('query parser', 'simple');
    app.all(PROFILES_PATH, profilesEndpoint(ctx));
    app.all(VALIDATE_PATH, validateEndpoint(ctx, { parsers: ctx.parsers, validate: (profile, ntriples, options) => validator.validate(profile, ntriples, undefined, { ...options, keepIndex: false }) }));
    app.use(errorHandler(ctx.log));
  });
  after(async () => {
    await ctx.parsers.close();
    await ctx.validator.close();
  });

  it('GET /profiles lists id, title, version, base and files of every profile', async () => {
    const res = await request(app).get('/profiles').expect(200).expect('Content-Type', /application\/json/);
    const profiles = res.body as { id: string; title: string; version: string; base: string | null; layers: string[]; files: { shapes: string[]; background: string[] }; shapes: string }[];
    const base = profiles.find((p) => p.id === 'dcat-ap-3')!;
    expect(base).to.deep.include({ title: 'DCAT-AP 3.0.1', version: '3.0.1', base: null, layers: ['dcat-ap-3'] });
    expect(base.files).to.deep.equal({
      shapes: ['deprecated', 'ranges', 'recommended', 'shapes', 'vocabularies', 'vocabulary-lists'].map((name) => `shapes/dcat-ap-3/${name}.ttl`),
      background: ['ontologies/dcat-ap-background.ttl'],
    });
    expect(base.shapes).to.equal(`${ctx.config.baseUrl}/profiles/dcat-ap-3/shapes`);
    for (const profile of profiles) {
      for (const file of [...profile.files.shapes, ...profile.files.background]) expect(fs.existsSync(path.join(packageRoot(), file)), file).to.equal(true);
      expect(profile.layers.at(-1)).to.equal(profile.id);
      if (profile.base !== null) expect(profiles.map((p) => p.id)).to.include(profile.base);
    }
    expect(profiles.map((p) => p.id)).to.deep.equal(PROFILES.map((p) => p.id));
    expect(profiles.find((p) => p.id === 'dcat-ap-se')).to.deep.include({ title: 'DCAT-AP-SE 3.0.1', version: '3.0.1', base: 'dcat-ap-3' });
    await request(app).post('/profiles').expect(405).expect('Allow', 'GET, HEAD');
  });

  it('POST /validate?profile=dcat-ap-3: 200 with the JSON report by default, violation included', async () => {
    const res = await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(turtle('invalid-missing-title.ttl')).expect(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const report = res.body as JsonReport;
    expect(report.conforms).to.equal(false);
    const violations = report.results.filter((r) => r.severity === 'Violation');
    expect(violations.map((r) => [r.focusNode, r.path])).to.deep.equal([['http://localhost:3030/catalogs/goteborg/datasets/badplatser', 'http://purl.org/dc/terms/title']]);
  });

  it('a conforming document with warnings: 200, conforms true', async () => {
    const res = await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(turtle('valid-minimal.ttl')).expect(200);
    expect((res.body as JsonReport).conforms).to.equal(true);
    expect((res.body as JsonReport).results).to.have.length(18);
  });

  it('Accept: text/turtle gives the W3C report', async () => {
    const res = await request(app)
      .post('/validate?profile=dcat-ap-3')
      .set('Content-Type', 'text/turtle')
      .set('Accept', 'text/turtle')
      .send(turtle('invalid-two-publishers.ttl'))
      .expect(200)
      .expect('Content-Type', /^text\/turtle/)
      .expect('Vary', /Accept/);
    const store = new N3.Store(new N3.Parser().parse(res.text));
    expect(store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${SH}ValidationReport`, null)).to.have.length(1);
  });

  it('Accept: application/ld+json gives the W3C report as JSON-LD', async () => {
    const res = await request(app)
      .post('/validate?profile=dcat-ap-3')
      .set('Content-Type', 'text/turtle')
      .set('Accept', 'application/ld+json')
      .send(turtle('invalid-two-publishers.ttl'))
      .expect(200)
      .expect('Content-Type', /^application\/ld\+json/);
    expect(res.text).to.include('ValidationReport');
  });

  it('groups a report per dataset up to 1,000 results; a larger one keeps only the flat list and says so', async () => {
    // Datasets with a title and a description only: each misses every recommended property (several warnings).
    const doc = (n: number) =>
      `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n` +
      Array.from({ length: n }, (_, i) => `<https://ex.org/d${i}> a dcat:Dataset ; dct:title "D${i}"@sv ; dct:description "B"@sv .`).join('\n');
    const small = await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(doc(10)).expect(200);
    expect(small.headers['validation-report-grouped']).to.equal(undefined);
    expect(small.body.datasets.length).to.be.greaterThan(1);
    const perDataset = (small.body.results as unknown[]).length / 10;
    const large = await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send(doc(Math.ceil(1001 / perDataset))).expect(200);
    expect((large.body.results as unknown[]).length).to.be.greaterThan(GROUPED_RESULTS_LIMIT);
    expect(large.body).not.to.have.property('datasets');
    expect(large.headers['validation-report-grouped']).to.match(/^omitted; results=\d+; limit=1000$/);
  });

  it('400 without a profile or with an unknown one, naming the known profiles', async () => {
    for (const url of ['/validate', '/validate?profile=', '/validate?profile=dcat-ap-9']) {
      const res = await request(app).post(url).set('Content-Type', 'text/turtle').send(turtle('valid-minimal.ttl')).expect(400);
      expect(res.body.detail, url).to.include('dcat-ap-3').and.to.include('dcat-ap-se');
      expect(res.body.profiles).to.deep.equal(PROFILES.map((p) => p.id));
    }
  });

  it('other request errors: 415, 400 with the line, 413, 406, 405', async () => {
    await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/plain').send('x').expect(415);
    const bad = await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').send('<a> <b> .\n').expect(400);
    expect(bad.body.line).to.equal(1);
    await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'application/n-triples').send(Buffer.alloc(300_000, 32)).expect(413);
    await request(app).post('/validate?profile=dcat-ap-3').set('Content-Type', 'text/turtle').set('Accept', 'image/png').send(turtle('valid-minimal.ttl')).expect(406);
    await request(app).get('/validate?profile=dcat-ap-3').expect(405);
  });

  it('relative IRIs resolve against the catalogue named by ?catalog=', async () => {
    const doc = '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<datasets/x> a dcat:Dataset .\n';
    const res = await request(app).post('/validate?profile=dcat-ap-3&catalog=boras').set('Content-Type', 'text/turtle').send(doc).expect(200);
    const focus = (res.body as JsonReport).results.map((r) => r.focusNode);
    expect(focus).to.include('http://localhost:3030/catalogs/boras/datasets/x');
  });

  describe('through the real server', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(async () => {
      await server?.stop();
    });

    it('GET /profiles and POST /validate answer; nothing is stored', async () => {
      const profiles = await fetch(`${server.url}/profiles`);
      expect(profiles.status).to.equal(200);
      expect(((await profiles.json()) as { id: string }[]).find((p) => p.id === 'dcat-ap-3')).to.deep.include({ title: 'DCAT-AP 3.0.1', version: '3.0.1' });
      const shapes = await fetch(`${server.url}/profiles/dcat-ap-3/shapes`, { headers: { Accept: 'text/turtle' } });
      expect(shapes.status).to.equal(200);
      expect(await shapes.text()).to.include('sh:NodeShape');
      const res = await fetch(`${server.url}/validate?profile=dcat-ap-3`, { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body: turtle('invalid-bad-datatype.ttl') });
      expect(res.status).to.equal(200);
      const report = (await res.json()) as JsonReport;
      expect(report.conforms).to.equal(false);
      expect(report.results.filter((r) => r.severity === 'Violation').map((r) => r.value)).to.deep.equal(['yesterday']);
      const count = await fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK { GRAPH ?g { <http://localhost:3030/catalogs/goteborg/datasets/badplatser> ?p ?o } }')}`, {
        headers: { Accept: 'application/sparql-results+json' },
      });
      expect(((await count.json()) as { boolean: boolean }).boolean).to.equal(false);
    });
  });
});
