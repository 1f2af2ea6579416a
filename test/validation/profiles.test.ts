import { expect } from 'chai';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkProfiles, findProfile, layer, loadProfiles, PROFILES, requireProfile, UnknownProfileError } from '../../src/validation/profiles.js';
import { loadProfile } from '../../src/validation/loaded-profile.js';
import { compileShapes, ShapesError } from '../../src/validation/shapes-compiler.js';

const shapes = (turtle: string): Quad[] =>
  new N3.Parser().parse(`@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n${turtle}`) as Quad[];

describe('validation profiles', () => {
  it('dcat-ap-3 is listed with its shape files and background ontology', () => {
    const profile = findProfile('dcat-ap-3')!;
    expect(profile).to.include({ id: 'dcat-ap-3', title: 'DCAT-AP 3.0.1', version: '3.0.1' });
    expect(profile.shapeFiles.map((f) => f.split('/').slice(-2).join('/'))).to.deep.equal([
      'dcat-ap-3/deprecated.ttl',
      'dcat-ap-3/ranges.ttl',
      'dcat-ap-3/recommended.ttl',
      'dcat-ap-3/shapes.ttl',
      'dcat-ap-3/vocabularies.ttl',
      'dcat-ap-3/vocabulary-lists.ttl',
    ]);
    expect(profile.backgroundFiles.map((f) => f.split('/').pop())).to.deep.equal(['dcat-ap-background.ttl']);
    expect(profile.layers).to.deep.equal(['dcat-ap-3']);
  });

  it('an unknown id is undefined for findProfile and an error naming the known ones for requireProfile', () => {
    expect(findProfile('dcat-ap-7')).to.equal(undefined);
    expect(() => requireProfile('dcat-ap-7')).to.throw(UnknownProfileError, /dcat-ap-3/);
  });

  it('a layer stacks its files on its base, base first', () => {
    const base = requireProfile('dcat-ap-3');
    const national = layer(base, { id: 'national', title: 'National', version: '1', shapeFiles: ['/x/national.ttl'], layerShapeFiles: ['/x/national.ttl'], backgroundFiles: ['/x/more.ttl'] });
    expect(national.shapeFiles).to.deep.equal([...base.shapeFiles, '/x/national.ttl']);
    expect(national.backgroundFiles).to.deep.equal([...base.backgroundFiles, '/x/more.ttl']);
    expect(national.layers).to.deep.equal(['dcat-ap-3', 'national']);
    expect(base.shapeFiles).to.have.length(6); // the base is not changed
  });

  it('are read from the folders of shapes/: a profile.json each, stacked on its base whatever the folder order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-profiles-'));
    const folder = (id: string, manifest: object, files: string[]) => {
      fs.mkdirSync(path.join(dir, id));
      fs.writeFileSync(path.join(dir, id, 'profile.json'), JSON.stringify(manifest));
      for (const f of files) fs.writeFileSync(path.join(dir, id, f), '');
    };
    try {
      folder('a-national', { title: 'National', version: '2', base: 'z-base', background: ['more.ttl'] }, ['n.ttl']);
      folder('z-base', { title: 'Base', version: '1' }, ['b2.ttl', 'b1.ttl']);
      fs.mkdirSync(path.join(dir, 'not-a-profile'));
      const [national, base] = loadProfiles(dir);
      expect(base).to.include({ id: 'z-base', title: 'Base', version: '1' });
      expect(base!.base).to.equal(undefined);
      expect(base!.shapeFiles.map((f) => path.basename(f))).to.deep.equal(['b1.ttl', 'b2.ttl']);
      expect(national).to.include({ id: 'a-national', base: 'z-base' });
      expect(national!.layers).to.deep.equal(['z-base', 'a-national']);
      expect(national!.shapeFiles.map((f) => path.basename(f))).to.deep.equal(['b1.ttl', 'b2.ttl', 'n.ttl']);
      expect(national!.layerShapeFiles.map((f) => path.basename(f))).to.deep.equal(['n.ttl']);
      expect(national!.backgroundFiles.map((f) => path.basename(f))).to.deep.equal(['more.ttl']);
      folder('loop', { title: 'Loop', version: '1', base: 'loop' }, []);
      expect(() => loadProfiles(dir)).to.throw(/in a circle: loop → loop/);
      fs.rmSync(path.join(dir, 'loop'), { recursive: true });
      folder('orphan', { title: 'Orphan', version: '1', base: 'nowhere' }, []);
      expect(() => loadProfiles(dir)).to.throw(/orphan builds on unknown profile nowhere/);
      fs.writeFileSync(path.join(dir, 'orphan', 'profile.json'), '{"title": 1}');
      expect(() => loadProfiles(dir)).to.throw(/"title" and "version" are required/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the start-up check finds missing files, duplicate ids and unknown bases', () => {
    expect(() => checkProfiles()).to.not.throw();
    const base = requireProfile('dcat-ap-3');
    const broken = layer(base, { id: 'dcat-ap-3', title: 'x', version: '1', shapeFiles: ['/nowhere/x.ttl'], layerShapeFiles: ['/nowhere/x.ttl'], backgroundFiles: [] });
    expect(() => checkProfiles([broken])).to.throw(/missing file \/nowhere\/x.ttl/);
    expect(() => checkProfiles([base, base])).to.throw(/duplicate profile id dcat-ap-3/);
    const orphan = layer(base, { id: 'national', title: 'x', version: '1', shapeFiles: [], layerShapeFiles: [], backgroundFiles: [] });
    expect(() => checkProfiles([orphan])).to.throw(/builds on unknown profile dcat-ap-3/);
  });

  it('every profile compiles; every shape that reports has an English and a Swedish message', () => {
    for (const profile of PROFILES) {
      const loaded = loadProfile(profile.id);
      expect(loaded.compiled.roots.length, profile.id).to.be.greaterThan(0);
      for (const shape of loaded.compiled.shapes) {
        // Anonymous members of sh:or / sh:node lists only answer "conforms?"; their referrer's message is reported.
        if (shape.id.startsWith('_:')) continue;
        if (shape.id.endsWith('TemporalLiteral')) continue;
        expect(shape.messages.en, `${shape.id} @en`).to.be.a('string');
        expect(shape.messages.sv, `${shape.id} @sv`).to.be.a('string');
      }
    }
  });
});

describe('shapes compiler refuses what would silently not run', () => {
  it('SHACL-SPARQL constraints', () => {
    expect(() => compileShapes(shapes('ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] .'))).to.throw(ShapesError, /sh:sparql/);
  });
  it('SPARQL-based targets', () => {
    expect(() => compileShapes(shapes('ex:S sh:target [ a ex:T ] ; sh:nodeKind sh:IRI .'))).to.throw(ShapesError, /sh:target/);
  });
  it('unknown SHACL terms such as the official files’ sh:shape', () => {
    expect(() => compileShapes(shapes('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:shape ex:T ] .'))).to.throw(ShapesError, /sh:shape/);
  });
  it('minCount on a node shape', () => {
    expect(() => compileShapes(shapes('ex:S sh:targetClass ex:C ; sh:minCount 1 .'))).to.throw(ShapesError, /only allowed on property shapes/);
  });
  it('an invalid regular expression', () => {
    expect(() => compileShapes(shapes('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern "(" ] .'))).to.throw(ShapesError, /invalid sh:pattern/);
  });
  it('but accepts them on request, for comparing engines on third-party shapes', () => {
    expect(compileShapes(shapes('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:shape ex:T ; sh:minCount 1 ] .'), { unknownTerms: 'ignore' }).roots).to.have.length(1);
  });
});
