/**
 * The DCAT-AP-SE 3.0.1 profile (shapes/dcat-ap-se/): a complete Swedish catalogue passes with no result at all, each
 * rule family is broken once and reported as expected (shape, severity, focus node, path), and DIGG's own examples
 * get the verdict the fact sheet (/work/shared/spec/dcat-ap-se.md) explains.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { CatalogValidator } from '../../src/validation/catalog-validator.js';
import type { ValidationResult } from '../../src/validation/report.js';
import { findProfile } from '../../src/validation/profiles.js';
import { DPV, REPO_ROOT, SHARED_REFERENCE, ntriplesOf } from './support.js';

const SE = 'urn:dataportal-vast:shapes:dcat-ap-se:';
const G = 'http://localhost:3030/catalogs/goteborg';
const BAD = `${G}/datasets/badplatser`;
const CSV = `${BAD}/csv`;
const LUFT = `${G}/datasets/luftkvalitet-2024`;
const SERIES = `${G}/series/luftkvalitet`;
const SERVICE = `${G}/services/luftkvalitet-api`;
const CONTACT = `${G}/contacts/miljoforvaltningen`;
const PUB = 'http://dataportal.se/organisation/SE2120001355';

const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};
const RDF_TYPE = `${NS.rdf}type`;
const VALID = path.join(REPO_ROOT, 'test', 'fixtures', 'dcat-ap-se', 'valid-complete.ttl');

/** Edits of the N-Triples lines of valid-complete.ttl. */
type Edit = (lines: string[]) => string[];
const drop = (subject: string, predicate: string): Edit => (lines) => lines.filter((l) => !l.startsWith(`<${subject}> <${predicate}> `));
const add = (...extra: string[]): Edit => (lines) => [...lines, ...extra];
const set = (subject: string, predicate: string, object: string): Edit => (lines) => [...drop(subject, predicate)(lines), `<${subject}> <${predicate}> ${object} .`];
const both = (...edits: Edit[]): Edit => (lines) => edits.reduce((l, e) => e(l), lines);
const iri = (value: string) => `<${value}>`;

interface Expected {
  severity: 'Violation' | 'Warning';
  shape: string;
  /** A plain IRI, or `_:` for "some blank node". */
  focusNode: string;
  path: string | null;
  value?: string | null;
}

/** One breakage per rule family; the result it must produce (other results may come with it). */
const CASES: [string, Edit, Expected][] = [
  // Mandatory properties and cardinalities (shapes.ttl)
  ['catalogue without licence', drop(G, `${NS.dct}license`), { severity: 'Violation', shape: `${SE}Catalog-dct_license`, focusNode: G, path: `${NS.dct}license` }],
  ['catalogue without datasets', drop(G, `${NS.dcat}dataset`), { severity: 'Violation', shape: `${SE}Catalog-dcat_dataset`, focusNode: G, path: `${NS.dcat}dataset` }],
  ['dataset without publisher', drop(BAD, `${NS.dct}publisher`), { severity: 'Violation', shape: `${SE}Dataset-dct_publisher`, focusNode: BAD, path: `${NS.dct}publisher` }],
  ['series without publisher', drop(SERIES, `${NS.dct}publisher`), { severity: 'Violation', shape: `${SE}DatasetSeries-dct_publisher`, focusNode: SERIES, path: `${NS.dct}publisher` }],
  ['distribution without format', drop(CSV, `${NS.dct}format`), { severity: 'Violation', shape: `${SE}Distribution-dct_format`, focusNode: CSV, path: `${NS.dct}format` }],
  ['distribution with two access URLs', add(`<${CSV}> <${NS.dcat}accessURL> <https://goteborg.se/oppna-data/annan.csv> .`), { severity: 'Violation', shape: `${SE}Distribution-dcat_accessURL-max`, focusNode: CSV, path: `${NS.dcat}accessURL` }],
  ['data service without format', drop(SERVICE, `${NS.dct}format`), { severity: 'Violation', shape: `${SE}DataService-dct_format`, focusNode: SERVICE, path: `${NS.dct}format` }],
  ['agent without dct:type (mandatory since 3.0.1)', drop(PUB, `${NS.dct}type`), { severity: 'Violation', shape: `${SE}Agent-dct_type`, focusNode: PUB, path: `${NS.dct}type` }],
  [
    'a catalogue record',
    add(`<${G}> <${NS.dcat}record> <${G}/records/badplatser> .`, `<${G}/records/badplatser> <${RDF_TYPE}> <${NS.dcat}CatalogRecord> .`, `<${G}/records/badplatser> <${NS.foaf}primaryTopic> <${BAD}> .`, `<${G}/records/badplatser> <${NS.dct}modified> "2025-01-01"^^<${NS.xsd}date> .`),
    { severity: 'Violation', shape: `${SE}CatalogRecord-rdf_type-forbidden`, focusNode: `${G}/records/badplatser`, path: RDF_TYPE, value: `${NS.dcat}CatalogRecord` },
  ],
  ['a dcat:record link', add(`<${G}> <${NS.dcat}record> <${G}/records/badplatser> .`), { severity: 'Violation', shape: `${SE}Catalog-dcat_record-forbidden`, focusNode: G, path: `${NS.dcat}record` }],
  // IRIs for what dataportal.se harvests
  [
    'a blank-node publisher',
    both(set(BAD, `${NS.dct}publisher`, '_:pub'), add(`_:pub <${RDF_TYPE}> <${NS.foaf}Organization> .`, `_:pub <${NS.foaf}name> "Göteborgs Stad"@sv .`, `_:pub <${NS.dct}type> <http://purl.org/adms/publishertype/LocalAuthority> .`)),
    { severity: 'Violation', shape: `${SE}Publisher-iri`, focusNode: '_:', path: null },
  ],
  [
    'a blank-node dataset',
    add(`<${G}> <${NS.dcat}dataset> _:ds .`, `_:ds <${RDF_TYPE}> <${NS.dcat}Dataset> .`, `_:ds <${NS.dct}title> "Utan IRI"@sv .`, `_:ds <${NS.dct}description> "Saknar IRI."@sv .`, `_:ds <${NS.dct}publisher> <${PUB}> .`),
    { severity: 'Violation', shape: `${SE}Dataset-iri`, focusNode: '_:', path: null },
  ],
  [
    'a publisher IRI not from the organisation number',
    both(set(BAD, `${NS.dct}publisher`, '<https://goteborg.se/#organisation>'), add(`<https://goteborg.se/#organisation> <${RDF_TYPE}> <${NS.foaf}Organization> .`, `<https://goteborg.se/#organisation> <${NS.foaf}name> "Göteborgs Stad"@sv .`, `<https://goteborg.se/#organisation> <${NS.dct}type> <http://purl.org/adms/publishertype/LocalAuthority> .`)),
    { severity: 'Warning', shape: `${SE}Publisher-dataportal_iri`, focusNode: 'https://goteborg.se/#organisation', path: null },
  ],
  // Contact points
  ['contact point without vCard type', drop(CONTACT, RDF_TYPE), { severity: 'Violation', shape: `${SE}ContactPoint-rdf_type`, focusNode: CONTACT, path: RDF_TYPE }],
  ['contact point both individual and organisation', add(`<${CONTACT}> <${RDF_TYPE}> <${NS.vcard}Individual> .`), { severity: 'Violation', shape: `${SE}ContactPoint-rdf_type`, focusNode: CONTACT, path: RDF_TYPE }],
  ['contact point without name', drop(CONTACT, `${NS.vcard}fn`), { severity: 'Violation', shape: `${SE}ContactPoint-vcard_fn`, focusNode: CONTACT, path: `${NS.vcard}fn` }],
  ['contact point without email', drop(CONTACT, `${NS.vcard}hasEmail`), { severity: 'Violation', shape: `${SE}ContactPoint-vcard_hasEmail`, focusNode: CONTACT, path: `${NS.vcard}hasEmail` }],
  ['contact email as a literal', set(CONTACT, `${NS.vcard}hasEmail`, '"miljo@goteborg.se"'), { severity: 'Violation', shape: `${SE}ContactPoint-vcard_hasEmail-value`, focusNode: CONTACT, path: `${NS.vcard}hasEmail`, value: 'miljo@goteborg.se' }],
  ['contact point without telephone', drop(CONTACT, `${NS.vcard}hasTelephone`), { severity: 'Warning', shape: `${SE}ContactPoint-vcard_hasTelephone-recommended`, focusNode: CONTACT, path: `${NS.vcard}hasTelephone` }],
  // Literal kinds (values.ttl)
  ['title without language tag', set(BAD, `${NS.dct}title`, '"Badplatser"'), { severity: 'Violation', shape: `${SE}Dataset-dct_title-language`, focusNode: BAD, path: `${NS.dct}title`, value: 'Badplatser' }],
  ['keyword without language tag', add(`<${BAD}> <${NS.dcat}keyword> "strand" .`), { severity: 'Violation', shape: `${SE}Dataset-dcat_keyword-language`, focusNode: BAD, path: `${NS.dcat}keyword`, value: 'strand' }],
  ['agent name without language tag', set(PUB, `${NS.foaf}name`, '"Göteborgs Stad"'), { severity: 'Violation', shape: `${SE}Agent-foaf_name-language`, focusNode: PUB, path: `${NS.foaf}name`, value: 'Göteborgs Stad' }],
  ['identifier with a language tag', set(BAD, `${NS.dct}identifier`, '"badplatser"@sv'), { severity: 'Violation', shape: `${SE}Dataset-dct_identifier-plain`, focusNode: BAD, path: `${NS.dct}identifier`, value: 'badplatser' }],
  ['a year-month date (DCAT-AP allows it, DCAT-AP-SE not)', set(BAD, `${NS.dct}issued`, `"2019-05"^^<${NS.xsd}gYearMonth>`), { severity: 'Violation', shape: `${SE}Dataset-dct_issued-date`, focusNode: BAD, path: `${NS.dct}issued`, value: '2019-05' }],
  ['format literal that is no media type', set(CSV, `${NS.dct}format`, '"CSV"'), { severity: 'Violation', shape: `${SE}Distribution-dct_format-value`, focusNode: CSV, path: `${NS.dct}format`, value: 'CSV' }],
  ['format IRI outside the EU file types', set(CSV, `${NS.dct}format`, '<http://example.org/formats/csv>'), { severity: 'Violation', shape: `${SE}Distribution-dct_format-value`, focusNode: CSV, path: `${NS.dct}format`, value: 'http://example.org/formats/csv' }],
  ['data service format literal with a language tag', set(SERVICE, `${NS.dct}format`, '"application/json"@en'), { severity: 'Violation', shape: `${SE}DataService-dct_format-value`, focusNode: SERVICE, path: `${NS.dct}format`, value: 'application/json' }],
  // Value lists (vocabularies.ttl)
  ['catalogue licence other than CC0', set(G, `${NS.dct}license`, iri('http://creativecommons.org/licenses/by/4.0/')), { severity: 'Violation', shape: `${SE}Catalog-dct_license-vocabulary`, focusNode: G, path: `${NS.dct}license`, value: 'http://creativecommons.org/licenses/by/4.0/' }],
  ['CC licence over https', set(CSV, `${NS.dct}license`, iri('https://creativecommons.org/licenses/by/4.0/')), { severity: 'Violation', shape: `${SE}Distribution-dct_license-vocabulary`, focusNode: CSV, path: `${NS.dct}license`, value: 'https://creativecommons.org/licenses/by/4.0/' }],
  ['CC licence without trailing slash', set(CSV, `${NS.dct}license`, iri('http://creativecommons.org/licenses/by/4.0')), { severity: 'Violation', shape: `${SE}Distribution-dct_license-vocabulary`, focusNode: CSV, path: `${NS.dct}license`, value: 'http://creativecommons.org/licenses/by/4.0' }],
  ['CC licence of an old version', set(SERVICE, `${NS.dct}license`, iri('http://creativecommons.org/licenses/by/2.5/')), { severity: 'Violation', shape: `${SE}DataService-dct_license-vocabulary`, focusNode: SERVICE, path: `${NS.dct}license`, value: 'http://creativecommons.org/licenses/by/2.5/' }],
  ['another licence not described', set(CSV, `${NS.dct}license`, iri('https://data.norge.no/nlod/no/2.0')), { severity: 'Warning', shape: `${SE}Distribution-dct_license-described`, focusNode: CSV, path: `${NS.dct}license`, value: 'https://data.norge.no/nlod/no/2.0' }],
  ['agent type outside ADMS', set(PUB, `${NS.dct}type`, iri('http://example.org/kommun')), { severity: 'Violation', shape: `${SE}Agent-dct_type-vocabulary`, focusNode: PUB, path: `${NS.dct}type`, value: 'http://example.org/kommun' }],
  ['data service type other than REST or RPC', set(SERVICE, `${NS.dct}type`, iri('http://www.wikidata.org/entity/Q220499')), { severity: 'Violation', shape: `${SE}DataService-dct_type-vocabulary`, focusNode: SERVICE, path: `${NS.dct}type`, value: 'http://www.wikidata.org/entity/Q220499' }],
  ['a frequency outside both lists', set(BAD, `${NS.dct}accrualPeriodicity`, iri('http://purl.org/cld/freq/hourly')), { severity: 'Violation', shape: `${SE}Dataset-dct_accrualPeriodicity-vocabulary`, focusNode: BAD, path: `${NS.dct}accrualPeriodicity`, value: 'http://purl.org/cld/freq/hourly' }],
  // Recommended (recommended.ttl)
  ['dataset without dct:conformsTo', drop(BAD, `${NS.dct}conformsTo`), { severity: 'Warning', shape: `${SE}Dataset-dct_conformsTo-recommended`, focusNode: BAD, path: `${NS.dct}conformsTo` }],
  ['dataset without access rights', drop(BAD, `${NS.dct}accessRights`), { severity: 'Warning', shape: `${SE}Dataset-dct_accessRights-recommended`, focusNode: BAD, path: `${NS.dct}accessRights` }],
  ['agent without organisation number', drop(PUB, `${NS.dct}identifier`), { severity: 'Warning', shape: `${SE}Agent-dct_identifier-recommended`, focusNode: PUB, path: `${NS.dct}identifier` }],
  ['a series inside a series', add(`<${SERIES}> <${NS.dcat}inSeries> <${G}/series/annan> .`), { severity: 'Warning', shape: `${SE}DatasetSeries-dcat_inSeries-nested`, focusNode: SERIES, path: `${NS.dcat}inSeries` }],
  // High-value datasets (hvd.ttl)
  ['HVD dataset without category', drop(LUFT, `${NS.dcatap}hvdCategory`), { severity: 'Violation', shape: `${SE}Dataset-hvdCategory-required`, focusNode: LUFT, path: null }],
  ['HVD data service without category', drop(SERVICE, `${NS.dcatap}hvdCategory`), { severity: 'Violation', shape: `${SE}DataService-hvdCategory-required`, focusNode: SERVICE, path: null }],
  ['HVD category outside the EU list', set(LUFT, `${NS.dcatap}hvdCategory`, iri('http://example.org/hvd/miljo')), { severity: 'Violation', shape: `${SE}Dataset-dcatap_hvdCategory-vocabulary`, focusNode: LUFT, path: `${NS.dcatap}hvdCategory`, value: 'http://example.org/hvd/miljo' }],
  ['applicable legislation other than the HVD regulation', set(LUFT, `${NS.dcatap}applicableLegislation`, iri('http://data.europa.eu/eli/reg/2016/679/oj')), { severity: 'Violation', shape: `${SE}Dataset-dcatap_applicableLegislation-vocabulary`, focusNode: LUFT, path: `${NS.dcatap}applicableLegislation`, value: 'http://data.europa.eu/eli/reg/2016/679/oj' }],
  ['HVD dataset without distribution', drop(LUFT, `${NS.dcat}distribution`), { severity: 'Warning', shape: `${SE}Dataset-hvd-distribution`, focusNode: LUFT, path: null }],
  ['HVD data service without quality-of-service page', drop(SERVICE, `${NS.foaf}page`), { severity: 'Warning', shape: `${SE}DataService-hvd-foaf_page`, focusNode: SERVICE, path: null }],
];

const matches = (r: ValidationResult, e: Expected) =>
  r.severity === e.severity && r.shape === e.shape && r.path === e.path && (e.focusNode === '_:' ? r.focusNode.startsWith('_:') : r.focusNode === e.focusNode) && (e.value === undefined || r.value === e.value);

/** [severity, shape, focus] of the violations, sorted: what the DIGG example tests compare. */
const violationsOf = (results: ValidationResult[]) =>
  results
    .filter((r) => r.severity === 'Violation')
    .map((r) => [r.shape, r.focusNode].join(' '))
    .sort();

describe('DCAT-AP-SE 3.0.1 profile', function () {
  this.timeout(120_000);
  let validator: CatalogValidator;
  let valid: string[];

  before(async () => {
    validator = new CatalogValidator({ threads: 1 });
    await validator.ready();
    valid = (await ntriplesOf(VALID)).trimEnd().split('\n');
  });
  after(() => validator.close());

  const validate = async (lines: string[], profile = 'dcat-ap-se') => (await validator.validate(profile, `${lines.join('\n')}\n`)).report;

  it('is a layer on dcat-ap-3 named DCAT-AP-SE 3.0.1', () => {
    const profile = findProfile('dcat-ap-se')!;
    expect(profile).to.include({ title: 'DCAT-AP-SE 3.0.1', version: '3.0.1', base: 'dcat-ap-3' });
    expect(profile.layers).to.deep.equal(['dcat-ap-3', 'dcat-ap-se']);
    expect(profile.shapeFiles.slice(0, findProfile('dcat-ap-3')!.shapeFiles.length)).to.deep.equal(findProfile('dcat-ap-3')!.shapeFiles);
  });

  it('every DCAT-AP-SE shape has an IRI under urn:dataportal-vast:shapes:dcat-ap-se: and messages in English and Swedish', () => {
    const text = findProfile('dcat-ap-se')!.layerShapeFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const shapes = [...text.matchAll(/^dpse:(\S+)\n\s+a sh:(Node|Property)Shape ;/gm)].map((m) => m[1]!);
    expect(shapes.length).to.be.greaterThan(100);
    for (const block of text.split(/\n\n(?=dpse:)/).filter((b) => b.startsWith('dpse:'))) {
      const name = block.split('\n')[0];
      expect(block, name).to.match(/sh:message "(?:[^"\\]|\\.)+"@en,\n\s+"(?:[^"\\]|\\.)+"@sv \./);
      // Node shapes that only group property shapes report nothing themselves; everything else says how serious it is.
      if (!/\n    sh:property\n/.test(block)) expect(block, name).to.match(/sh:severity sh:(Violation|Warning)/);
    }
  });

  it('a complete Swedish catalogue gets no result at all: IANA literal formats, http:// CC licences, Dublin Core frequency', async () => {
    const report = await validate(valid);
    expect(report.results, JSON.stringify(report.results, null, 2)).to.deep.equal([]);
    expect(report.conforms).to.equal(true);
  });

  it('the same catalogue under dcat-ap-3 fails on what DCAT-AP-SE allows (literal format, Dublin Core frequency)', async () => {
    const report = await validate(valid, 'dcat-ap-3');
    const shapes = new Set(report.results.filter((r) => r.severity === 'Violation').map((r) => r.shape));
    expect([...shapes].sort()).to.deep.equal(
      ['DataService-dct_format-value', 'DataService-dct_format-vocabulary', 'Dataset-dct_accrualPeriodicity-vocabulary', 'Distribution-dct_format-value', 'Distribution-dct_format-vocabulary'].map((s) => `${DPV}${s}`),
    );
  });

  for (const [name, edit, expected] of CASES) {
    it(`${name}: ${expected.severity} ${expected.shape.replace(SE, 'dpse:')}`, async () => {
      const report = await validate(edit(valid));
      const found = report.results.filter((r) => matches(r, expected));
      // One result, or one per constraint of the shape the value breaks (a literal email is neither an IRI nor mailto:).
      expect(found, JSON.stringify(report.results, null, 2)).to.have.length.within(1, 2);
      expect(new Set(found.map((r) => r.component)).size, 'no result twice').to.equal(found.length);
      expect(found[0]!.message).to.be.a('string').and.not.equal('');
      expect(found[0]!.messageSv).to.be.a('string').and.not.equal('');
      if (expected.severity === 'Warning') expect(report.conforms, 'a warning never blocks').to.equal(true);
      else expect(report.conforms).to.equal(false);
    });
  }

  it('the base rules DCAT-AP-SE replaces stay silent (sh:deactivated), the others still run', async () => {
    const broken = both(set(CSV, `${NS.dct}format`, '"text/csv"'), drop(BAD, `${NS.dct}title`), drop(PUB, `${NS.dct}type`), drop(BAD, `${NS.dcat}distribution`))(valid);
    const shapes = (await validate(broken)).results.map((r) => r.shape);
    for (const off of ['Distribution-dct_format-value', 'Distribution-dct_format-vocabulary', 'Agent-dct_type-recommended', 'Dataset-dcat_distribution-recommended']) {
      expect(shapes, off).not.to.include(`${DPV}${off}`);
    }
    expect(shapes).to.include(`${DPV}Dataset-dct_title`);
    expect(shapes).to.include(`${SE}Agent-dct_type`);
  });

  it('an HVD dataset is recognised only by the regulation IRI: without it, no category is asked for', async () => {
    const report = await validate(both(drop(LUFT, `${NS.dcatap}applicableLegislation`), drop(LUFT, `${NS.dcatap}hvdCategory`))(valid));
    expect(report.results.filter((r) => r.focusNode === LUFT)).to.deep.equal([]);
  });

  describe("DIGG's examples (../shared/reference)", () => {
    const examples = path.join(SHARED_REFERENCE, 'dcat-ap-se', 'exempel');
    const se = path.join(SHARED_REFERENCE, 'dcat', 'se');
    before(function () {
      if (!fs.existsSync(examples) || !fs.existsSync(se)) {
        console.log(`      skipped: ${examples} or ${se} is absent (the shared reference files are not part of this repository)`);
        this.skip();
      }
    });

    /**
     * obligatoriskt.ttl ("mandatory fields") was written for DCAT-AP-SE 2 and shows primary classes only. Against 3.0.1:
     * - the publisher has no dct:type: Agent dct:type became mandatory in 3.0.1 (fact sheet §1);
     * - foaf:name "Exampel organization" has no language tag (§2, §5: names are language-tagged literals);
     * - the distribution and the data service give no dct:format, mandatory for both in DCAT-AP-SE (§2, §4).
     * Its catalogue licence is CC0 and its contact point a complete vcard:Organization: those pass.
     */
    const MANDATORY_VERDICT = [
      `${SE}Agent-dct_type https://example.com/publisher1`,
      `${SE}Agent-foaf_name-language https://example.com/publisher1`,
      `${SE}DataService-dct_format https://example.com/dataservice1`,
      `${SE}Distribution-dct_format https://example.com/distribution1`,
    ].sort();
    /**
     * rekommenderat.ttl ("recommended fields"), also from version 2:
     * - dcatap:availability uses the DCAT-AP 2 values http://data.europa.eu/r5r/availability/experimental, which
     *   DCAT-AP 3 replaced by the EU planned-availability list (the base rule applies, twice);
     * - foaf:name without language tag, as above; the data service has no dct:format, as above.
     * Its literal dct:format "text/csv" and "application/json" pass: that is the Swedish way, and the base file-type
     * rule that rejects them under dcat-ap-3 (fact sheet §9) is switched off in this profile.
     */
    const RECOMMENDED_VERDICT = [
      `${DPV}Distribution-dcatap_availability-vocabulary https://example.com/distribution1`,
      `${DPV}Distribution-dcatap_availability-vocabulary https://example.com/distribution2`,
      `${SE}Agent-foaf_name-language https://example.com/publisher1`,
      `${SE}DataService-dct_format https://example.com/dataservice1`,
    ].sort();

    const cases: [string, string, string, string[]][] = [
      ['exempel/obligatoriskt.ttl', path.join(examples, 'obligatoriskt.ttl'), 'text/turtle', MANDATORY_VERDICT],
      ['exempel/rekommenderat.ttl', path.join(examples, 'rekommenderat.ttl'), 'text/turtle', RECOMMENDED_VERDICT],
      ['dcat/se/digg-dcat-ap-se_obligatoriskt.rdf (the same example in RDF/XML)', path.join(se, 'digg-dcat-ap-se_obligatoriskt.rdf'), 'application/rdf+xml', MANDATORY_VERDICT],
      ['dcat/se/digg-dcat-ap-se_rekommenderat.rdf (the same example in RDF/XML)', path.join(se, 'digg-dcat-ap-se_rekommenderat.rdf'), 'application/rdf+xml', RECOMMENDED_VERDICT],
    ];
    for (const [name, file, mediaType, verdict] of cases) {
      it(`${name}: exactly the violations the fact sheet explains`, async () => {
        const ntriples = await ntriplesOf(file, mediaType);
        const { report } = await validator.validate('dcat-ap-se', ntriples);
        expect(violationsOf(report.results)).to.deep.equal(verdict);
        expect(report.conforms).to.equal(false);
      });
    }

    it('obligatoriskt.ttl conforms to dcat-ap-3 (fact sheet §9, shapes.ttl): its violations are all Swedish rules', async () => {
      const { report } = await validator.validate('dcat-ap-3', await ntriplesOf(path.join(examples, 'obligatoriskt.ttl')));
      expect(violationsOf(report.results)).to.deep.equal([]);
    });

    it('rekommenderat.ttl under dcat-ap-3 fails on its literal dct:format, which DCAT-AP-SE accepts', async () => {
      const { report } = await validator.validate('dcat-ap-3', await ntriplesOf(path.join(examples, 'rekommenderat.ttl')));
      const literalFormat = report.results.filter((r) => r.shape === `${DPV}Distribution-dct_format-value`).map((r) => r.value);
      expect(literalFormat.sort()).to.deep.equal(['application/json', 'text/csv']);
    });
  });
});
