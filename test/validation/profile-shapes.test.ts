/**
 * /profiles/{id} and /profiles/{id}/shapes: a profile's merged shapes, in the syntaxes the server writes, are the
 * triples of every shape file of its stack.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { expect } from 'chai';
import N3 from 'n3';
import { pino } from 'pino';
import type { AppContext } from '../../src/context.js';
import { readConfig } from '../../src/config.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { profileEndpoint, profileShapesEndpoint } from '../../src/validation/profile-routes.js';
import { PROFILES } from '../../src/validation/profiles.js';
import { parse } from '../support/rdf.js';

const SH = 'http://www.w3.org/ns/shacl#';

describe('profile shapes', () => {
  let app: express.Express;
  before(() => {
    const config = readConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-profiles-')) });
    const ctx = { config, log: pino({ level: 'silent' }) } as unknown as AppContext;
    app = express();
    app.get('/profiles/:id/shapes{.:ext}', profileShapesEndpoint(ctx));
    app.get('/profiles/:id', profileEndpoint(ctx));
    app.use(errorHandler(ctx.log));
  });

  it("serves every profile's shapes as Turtle: the triples of all its layers' files", async () => {
    for (const profile of PROFILES) {
      const res = await request(app).get(`/profiles/${profile.id}/shapes`).set('Accept', 'text/turtle').expect(200).expect('Content-Type', /^text\/turtle/);
      const served = parse(res.text, 'ttl');
      // One parser per file, as the validator reads them: blank nodes of different files are different nodes.
      const fromFiles = profile.shapeFiles.flatMap((file) => new N3.Parser().parse(fs.readFileSync(file, 'utf8')));
      const distinct = (quads: N3.Quad[]) => new Set(new N3.Writer({ format: 'N-Triples' }).quadsToString(quads).split('\n').filter(Boolean)).size;
      expect(served.length, profile.id).to.equal(distinct(fromFiles));
      const shapes = new Set(served.filter((q) => q.predicate.value === `${SH}targetClass`).map((q) => q.subject.value));
      expect(shapes.size, `${profile.id}: node shapes`).to.be.greaterThan(10);
    }
  });

  it('as JSON-LD, N-Triples and RDF/XML too, by Accept or suffix, with the same triples', async () => {
    const turtle = parse((await request(app).get('/profiles/dcat-ap-3/shapes.ttl').expect(200)).text, 'ttl');
    const jsonld = await request(app).get('/profiles/dcat-ap-3/shapes').set('Accept', 'application/ld+json').expect(200).expect('Content-Type', /^application\/ld\+json/);
    expect(JSON.parse(jsonld.text)).to.have.property('@context');
    const nt = parse((await request(app).get('/profiles/dcat-ap-3/shapes.nt').expect(200)).text, 'nt');
    const rdf = parse((await request(app).get('/profiles/dcat-ap-3/shapes.rdf').expect(200)).text, 'rdf');
    expect(nt.length).to.equal(turtle.length);
    expect(rdf.length).to.equal(turtle.length);
    const title = nt.filter((q) => q.subject.value === 'urn:dataportal-vast:shapes:dcat-ap-3:Dataset-dct_title');
    expect(title.map((q) => q.predicate.value)).to.include(`${SH}message`);
  });

  it('describes one profile as JSON, and answers 404 naming the profiles for an unknown one', async () => {
    const one = await request(app).get('/profiles/dcat-ap-3').expect(200);
    expect(one.body).to.deep.include({ id: 'dcat-ap-3', base: null });
    const missing = await request(app).get('/profiles/dcat-ap-9/shapes').expect(404);
    expect(missing.body.detail).to.match(/dcat-ap-9.*dcat-ap-3/);
    await request(app).get('/profiles/dcat-ap-9').expect(404);
  });
});
