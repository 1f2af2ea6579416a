/**
 * The compiled engine (src/validation/shapes-compiler.ts + shacl-evaluator.ts) must give exactly the results of
 * rdf-validate-shacl 0.6.5 — same focus node, path, value, severity, source shape and constraint component — on our
 * profile and on third-party shapes. rdf-validate-shacl runs with maxNodeChecks 0 (see reference-engine.ts).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { comparable, referenceValidate, ReferenceValidator, type ComparableResult } from '../../src/validation/reference-engine.js';
import { runValidationTask, validateNTriples } from '../../src/validation/validate-task.js';
import { loadProfile, termKey } from '../../src/validation/loaded-profile.js';
import { compileShapes } from '../../src/validation/shapes-compiler.js';
import { PROFILES } from '../../src/validation/profiles.js';
import { catalogNTriples, datasetIri, CATALOG_IRI, PUBLISHER_IRI } from './catalog-generator.js';
import { FIXTURES, SHARED_REFERENCE, ntriplesOf } from './support.js';
import { applyCase, turtleToNTriples } from './profile-cases.js';
import * as geodcat from './geodcat-ap-cases.js';
import * as statdcat from './statdcat-ap-cases.js';

const key = (r: ComparableResult) => [r.focusNode, r.path, r.value, r.severity, r.shape, r.component].join(' | ');

function expectSame(mine: ComparableResult[], reference: ComparableResult[], what: string): void {
  const a = new Set(mine.map(key));
  const b = new Set(reference.map(key));
  const onlyMine = [...a].filter((x) => !b.has(x));
  const onlyReference = [...b].filter((x) => !a.has(x));
  expect({ onlyMine, onlyReference }, what).to.deep.equal({ onlyMine: [], onlyReference: [] });
}

/** The compiled engine's results, after checking that rdf-validate-shacl gives the same. */
async function compareOnProfile(profileId: string, ntriples: string, what: string): Promise<ComparableResult[]> {
  const mine = comparable(runValidationTask({ profileId, ntriples, chunk: { index: 0, count: 1 } }).results);
  expectSame(mine, await referenceValidate(profileId, ntriples), `${profileId}: ${what}`);
  return mine;
}

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const d = (i: number) => `<${datasetIri(i)}>`;
const dist = (i: number) => `<${datasetIri(i)}/${['csv', 'json', 'xlsx', 'geojson'][i % 4]}>`;

/**
 * Breakages of a generated catalogue, each aimed at a different constraint component; the third element, when given,
 * is the profile layer whose rules the breakage is aimed at (profiles without that layer may see nothing change).
 */
const MUTATIONS: [string, (lines: string[]) => string[], string?][] = [
  ['missing title (minCount)', (l) => l.filter((x) => !(x.startsWith(d(1)) && x.includes(`${DCT}title`)))],
  ['IRI as title (nodeKind)', (l) => [...l, `${d(2)} <${DCT}title> <http://example.org/title> .`]],
  ['impossible date (sh:node, sh:or, sh:pattern)', (l) => [...l, `${d(3)} <${DCT}modified> "2024-13-45"^^<${XSD}date> .`]],
  ['negative and malformed byte sizes (sh:or, sh:datatype, sh:minInclusive)', (l) => [...l, `${dist(4)} <${DCAT}byteSize> "-5"^^<${XSD}integer> .`, `${dist(16)} <${DCAT}byteSize> "abc"^^<${XSD}nonNegativeInteger> .`]],
  ['format as a literal (nodeKind, pattern)', (l) => [...l, `${dist(5)} <${DCT}format> "text/csv" .`]],
  ['publisher typed dct:Agent only (sh:class, shared node)', (l) => l.map((x) => x.replace(`<${PUBLISHER_IRI}> ${RDF_TYPE} <http://xmlns.com/foaf/0.1/Organization>`, `<${PUBLISHER_IRI}> ${RDF_TYPE} <${DCT}Agent>`))],
  ['untyped contact point (sh:class on a blank node)', (l) => l.filter((x) => !x.startsWith('_:contact6 ' + RDF_TYPE))],
  ['no EU theme (qualifiedValueShape, warning)', (l) => l.map((x) => (x.startsWith(d(7)) && x.includes('#theme>') ? `${d(7)} <${DCAT}theme> <http://example.org/themes/water> .` : x))],
  ['deprecated dct:hasVersion (maxCount 0, warning)', (l) => [...l, `${d(8)} <${DCT}hasVersion> <http://example.org/v2> .`]],
  ['two publishers (maxCount)', (l) => [...l, `${d(9)} <${DCT}publisher> <http://example.org/other> .`]],
  [
    'series with and without members (inverse path, sh:or class)',
    (l) => [
      ...l.map((x) => x.replace(`${d(10)} ${RDF_TYPE} <${DCAT}Dataset>`, `${d(10)} ${RDF_TYPE} <${DCAT}DatasetSeries>`)),
      `${d(11)} <${DCAT}inSeries> ${d(10)} .`,
      `${d(12)} <${DCAT}inSeries> ${d(13)} .`,
    ],
  ],
  ['access URL as a literal', (l) => [...l, `${dist(14)} <${DCAT}accessURL> "https://example.org/x" .`]],
  ['distribution pointing to a literal', (l) => [...l, `${d(15)} <${DCAT}distribution> "nowhere" .`]],
  ['catalogue links an undescribed dataset', (l) => [...l, `<${CATALOG_IRI}> <${DCAT}dataset> <${CATALOG_IRI}/datasets/ghost> .`]],
  ['old ADMS status (sh:not, warning)', (l) => [...l, `${dist(17)} <http://www.w3.org/ns/adms#status> <http://purl.org/adms/status/Completed> .`]],
  ['media type outside IANA', (l) => [...l, `${dist(18)} <${DCAT}mediaType> <http://example.org/media/csv> .`]],
  [
    'codes outside their lists (sh:in over named lists; sh:or with sh:not and sh:flags for theme and licence)',
    (l) => [
      ...l,
      `${dist(20)} <${DCT}format> <http://publications.europa.eu/resource/authority/file-type/CSVX> .`,
      `${d(21)} <${DCAT}theme> <https://publications.europa.eu/resource/authority/data-theme/tran> .`,
      `${d(21)} <${DCT}language> <http://publications.europa.eu/resource/authority/language/SWEDISH> .`,
      `${d(22)} <http://data.europa.eu/r5r/hvdCategory> <http://data.europa.eu/bna/c_00000000> .`,
      `${dist(22)} <${DCT}license> <http://publications.europa.eu/resource/authority/licence/CC_BY_5_0> .`,
      `${dist(23)} <http://www.w3.org/ns/adms#status> <http://publications.europa.eu/resource/authority/distribution-status/DONE> .`,
    ],
  ],
  ['language-tagged date and untyped period', (l) => [...l.filter((x) => !x.startsWith(`_:period19 ${RDF_TYPE}`)), `${d(19)} <${DCT}issued> "2020-01-01"@sv .`]],
  // Aimed at what DCAT-AP-SE adds: sh:in, sh:or of node kind and pattern, sh:not, rdf:langString, qualified counts on
  // rdf:type, sh:targetObjectsOf, sh:alternativePath, sh:deactivated base shapes, node-level sh:or with sh:hasValue.
  ['IANA literal format and CC licence over https (sh:or, sh:in, deactivated base rules)', (l) => [...l.filter((x) => !(x.startsWith(dist(20)) && x.includes(`${DCT}format`))), `${dist(20)} <${DCT}format> "text/csv" .`, `${dist(21)} <${DCT}license> <https://creativecommons.org/licenses/by/4.0/> .`], 'dcat-ap-se'],
  ['untagged title, tagged identifier, year-month date (datatype, sh:not)', (l) => [...l, `${d(22)} <${DCT}title> "Datamängd" .`, `${d(22)} <${DCT}identifier> "d22"@sv .`, `${d(22)} <${DCT}modified> "2020-05"^^<${XSD}gYearMonth> .`], 'dcat-ap-se'],
  ['contact point typed twice, email as a literal (qualifiedValueShape, targetObjectsOf)', (l) => [...l, `_:contact23 ${RDF_TYPE} <http://www.w3.org/2006/vcard/ns#Individual> .`, `_:contact24 <http://www.w3.org/2006/vcard/ns#hasEmail> "x@example.org" .`], 'dcat-ap-se'],
  ['publisher without type, catalogue licence CC BY (sh:in on a shared node)', (l) => l.filter((x) => !(x.startsWith(`<${PUBLISHER_IRI}> <${DCT}type>`))).map((x) => (x.startsWith(`<${CATALOG_IRI}> <${DCT}license>`) ? `<${CATALOG_IRI}> <${DCT}license> <http://creativecommons.org/licenses/by/4.0/> .` : x)), 'dcat-ap-se'],
  ['HVD dataset without category, a catalogue record (node-level sh:or with sh:hasValue, sh:not)', (l) => [...l, `${d(25)} <http://data.europa.eu/r5r/applicableLegislation> <http://data.europa.eu/eli/reg_impl/2023/138/oj> .`, `<${CATALOG_IRI}> <${DCAT}record> <${CATALOG_IRI}/records/1> .`, `<${CATALOG_IRI}/records/1> ${RDF_TYPE} <${DCAT}CatalogRecord> .`], 'dcat-ap-se'],
];

describe('compiled engine = rdf-validate-shacl', function () {
  this.timeout(300_000);
  const base = catalogNTriples(40).trimEnd().split('\n');

  // Every profile of shapes/, each with its whole stack (a layer's deactivations included).
  for (const { id: profileId, layers } of PROFILES) {
    describe(`${profileId} on a generated catalogue with one breakage at a time`, () => {
      let unbroken: string[] = [];
      it('unbroken: the same results from both (none under dcat-ap-3, which the generator is written for)', async () => {
        unbroken = (await compareOnProfile(profileId, `${base.join('\n')}\n`, 'unbroken')).map(key).sort();
        if (profileId === 'dcat-ap-3') expect(unbroken).to.deep.equal([]);
      });
      for (const [name, mutate, aimedAt] of MUTATIONS) {
        it(name, async () => {
          const results = await compareOnProfile(profileId, `${mutate(base).join('\n')}\n`, name);
          if (aimedAt === undefined || layers.includes(aimedAt)) expect(results.map(key).sort(), 'the breakage changes the results').not.to.deep.equal(unbroken);
        });
      }
      it('all breakages together', async () => {
        const all = MUTATIONS.reduce((lines, [, mutate]) => mutate(lines), base);
        await compareOnProfile(profileId, `${all.join('\n')}\n`, 'all');
      });
    });

    describe(`${profileId} on the fixtures`, () => {
      for (const folder of [FIXTURES, path.join(FIXTURES, '..', 'dcat-ap-se')]) {
        for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ttl'))) {
          it(`${path.basename(folder)}/${file}`, async () => {
            await compareOnProfile(profileId, await ntriplesOf(path.join(folder, file)), file);
          });
        }
      }
    });
  }

  // The layers add sh:pattern with flags and a 3 KB regular expression (WKT), sh:or over sh:not and sh:node, nested
  // property shapes inside sh:or (the "typed if described" ranges), and their own background files.
  const layers = [
    { id: 'geodcat-ap', valid: geodcat.VALID, variants: [...geodcat.BROKEN, ...geodcat.ACCEPTED] },
    { id: 'statdcat-ap', valid: statdcat.VALID, variants: statdcat.BROKEN },
  ];
  for (const layer of layers) {
    describe(`${layer.id} (a layer on dcat-ap-3)`, () => {
      it('its example and every broken and accepted variant of it', async () => {
        let results = (await compareOnProfile(layer.id, await turtleToNTriples(layer.valid), 'example')).length;
        for (const variant of layer.variants) results += (await compareOnProfile(layer.id, await turtleToNTriples(applyCase(layer.valid, variant)), variant.name)).length;
        expect(results, 'every broken variant gives results').to.be.at.least(layer.variants.filter((v) => 'expected' in v).length);
      });
      it('the generated catalogue with all dcat-ap-3 breakages together', async () => {
        const all = MUTATIONS.reduce((lines, [, mutate]) => mutate(lines), base);
        expect((await compareOnProfile(layer.id, `${all.join('\n')}\n`, 'all')).length).to.be.greaterThan(10);
      });
    });
  }

  describe('on real catalogues and official shapes (../shared/reference)', function () {
    const catalogs = referenceCatalogs();
    before(function () {
      if (catalogs.length === 0) this.skip();
    });

    it('geodcat-ap on the official GeoDCAT-AP examples', async function () {
      const examples = path.join(SHARED_REFERENCE, 'geodcat-ap/3.0.0-draft-2024-02/examples');
      if (!fs.existsSync(examples)) this.skip();
      let results = 0;
      for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.ttl'))) {
        const nt = await documentNTriples(path.join(examples, file), 'text/turtle');
        if (nt !== undefined) results += (await compareOnProfile('geodcat-ap', nt, file)).length;
      }
      expect(results).to.be.greaterThan(20);
    });

    for (const { id: profileId } of PROFILES) {
      it(`${profileId} on ${catalogs.length} published catalogues and SEMIC examples`, async () => {
        let results = 0;
        for (const [file, format] of catalogs) {
          const nt = await documentNTriples(file, format);
          if (nt !== undefined) results += (await compareOnProfile(profileId, nt, file)).length;
        }
        expect(results).to.be.greaterThan(100);
      });
    }

    const officialShapes = [
      ['DCAT-AP 3.0.1 html/shacl (shapes, range, recommended, vocabularies, deprecated)', 'dcat-ap/3.0.1/html/shacl', ['shapes.ttl', 'range.ttl', 'shapes_recommended.ttl', 'mdr-vocabularies.shape.ttl', 'deprecateduris.ttl']],
      ['DCAT-AP 3.0.0 HVD full', 'dcat-ap/3.0.0-hvd/html', ['hvd-SHACL-full.ttl']],
      ['GeoDCAT-AP 3.0.0 generated', 'geodcat-ap/3.0.0-generated/shacl', ['geodcat-ap-SHACL.ttl']],
      ['GeoDCAT-AP 2.0.0', 'geodcat-ap/2.0.0', ['geodcat-ap.shacl.ttl']],
      ['StatDCAT-AP 3.0.0 draft', 'statdcat-ap/3.0.0-draft-generated/shacl', ['statdcatap-SHACL.ttl']],
      ['DCAT-AP 2.1.1 shapes', 'dcat-ap/2.1.1', ['dcat-ap_2.1.1_shacl_shapes.ttl']],
    ] as const;
    for (const [name, folder, files] of officialShapes) {
      it(`${name} on the same catalogues`, async function () {
        const paths = files.map((f) => path.join(SHARED_REFERENCE, folder, f));
        if (!paths.every((p) => fs.existsSync(p))) this.skip();
        const quads = paths.flatMap((p) => new N3.Parser({ baseIRI: `file://${p}` }).parse(fs.readFileSync(p, 'utf8')) as Quad[]);
        const background = loadProfile('dcat-ap-3').backgroundQuads;
        const compiled = compileShapes(quads, { unknownTerms: 'ignore' });
        const reference = new ReferenceValidator(quads, background);
        const backgroundKeys = background.map((q): [string, string, string] => [termKey(q.subject, 'bg'), termKey(q.predicate, 'bg'), termKey(q.object, 'bg')]);
        for (const [file, format] of catalogs) {
          const nt = await documentNTriples(file, format);
          if (nt === undefined) continue;
          expectSame(comparable(validateNTriples(compiled, backgroundKeys, nt)), await reference.validate(nt), `${name}: ${file}`);
        }
      });
    }
  });
});

/** Documents under ../shared/reference that are catalogues or SEMIC examples (not shapes, contexts or vocabularies). */
function referenceCatalogs(): [string, string][] {
  const roots = ['dcat', 'dcat-ap/3.0.1/html/examples', 'dcat-ap/3.0.0/html/examples'].map((r) => path.join(SHARED_REFERENCE, r));
  const found: [string, string][] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'large') walk(full);
        continue;
      }
      const format = { '.ttl': 'text/turtle', '.rdf': 'application/rdf+xml', '.nt': 'application/n-triples', '.jsonld': 'application/ld+json' }[path.extname(entry.name)];
      if (format && !entry.name.includes('context')) found.push([full, format]);
    }
  };
  roots.forEach(walk);
  return found.sort();
}

/** N-Triples of a reference document, or undefined for the few that do not parse (known defects, remote contexts). */
async function documentNTriples(file: string, mediaType: string): Promise<string | undefined> {
  try {
    return await ntriplesOf(file, mediaType, 'http://example.org/base/');
  } catch {
    return undefined;
  }
}
