import { expect } from 'chai';
import { CatalogValidator } from '../../src/validation/catalog-validator.js';
import { UnknownProfileError } from '../../src/validation/profiles.js';
import type { ValidationResult } from '../../src/validation/report.js';
import { catalogNTriples, datasetIri, datasetNTriples, CATALOG_IRI } from './catalog-generator.js';
import { DPV, SH, fixture } from './support.js';

const GOTEBORG = 'http://localhost:3030/catalogs/goteborg';
const BADPLATSER = `${GOTEBORG}/datasets/badplatser`;

const violations = (results: ValidationResult[]) => results.filter((r) => r.severity === 'Violation');
const warnings = (results: ValidationResult[]) => results.filter((r) => r.severity === 'Warning');

describe('CatalogValidator', function () {
  this.timeout(120_000);
  let validator: CatalogValidator;

  before(async () => {
    validator = new CatalogValidator({ threads: 2 });
    await validator.ready();
  });
  after(() => validator.close());

  describe('fixtures (test/fixtures/catalogs/README.md)', () => {
    const invalid: [string, { focusNode: string; path: string; value: string | null; component: string; shape: string }, number][] = [
      ['invalid-missing-title.ttl', { focusNode: BADPLATSER, path: 'http://purl.org/dc/terms/title', value: null, component: `${SH}MinCountConstraintComponent`, shape: `${DPV}Dataset-dct_title` }, 18],
      [
        'invalid-distribution-no-accessurl.ttl',
        { focusNode: `${BADPLATSER}/csv`, path: 'http://www.w3.org/ns/dcat#accessURL', value: null, component: `${SH}MinCountConstraintComponent`, shape: `${DPV}Distribution-dcat_accessURL` },
        18,
      ],
      ['invalid-bad-datatype.ttl', { focusNode: BADPLATSER, path: 'http://purl.org/dc/terms/issued', value: 'yesterday', component: `${SH}NodeConstraintComponent`, shape: `${DPV}Dataset-dct_issued-value` }, 18],
      ['invalid-two-publishers.ttl', { focusNode: GOTEBORG, path: 'http://purl.org/dc/terms/publisher', value: null, component: `${SH}MaxCountConstraintComponent`, shape: `${DPV}Catalog-dct_publisher` }, 19],
    ];
    for (const [file, expected, warningCount] of invalid) {
      it(`${file}: exactly its one violation, ${warningCount} warnings, conforms=false`, async () => {
        const { report } = await validator.validate('dcat-ap-3', await fixture(file));
        expect(report.conforms).to.equal(false);
        const found = violations(report.results);
        expect(found, JSON.stringify(found, null, 2)).to.have.length(1);
        expect(found[0]).to.include(expected);
        expect(found[0]!.message).to.be.a('string').and.not.equal('');
        expect(found[0]!.messageSv).to.be.a('string').and.not.equal('');
        expect(warnings(report.results)).to.have.length(warningCount);
      });
    }

    it('valid-minimal.ttl conforms with 18 warnings (warnings never block)', async () => {
      const { report } = await validator.validate('dcat-ap-3', await fixture('valid-minimal.ttl'));
      expect(violations(report.results)).to.deep.equal([]);
      expect(warnings(report.results)).to.have.length(18);
      expect(report.conforms).to.equal(true);
    });

    it('valid-full.ttl conforms with no results at all', async () => {
      const { report, datasets } = await validator.validate('dcat-ap-3', await fixture('valid-full.ttl'));
      expect(report.results, JSON.stringify(report.results, null, 2)).to.deep.equal([]);
      expect(report.conforms).to.equal(true);
      expect(datasets).to.equal(4); // badplatser, the series and its two members
    });

    it('results name the dataset a blank node or distribution belongs to', async () => {
      const { report } = await validator.validate('dcat-ap-3', await fixture('invalid-distribution-no-accessurl.ttl'));
      expect(violations(report.results)[0]!.dataset).to.equal(BADPLATSER);
      const catalogWarning = report.results.find((r) => r.focusNode === GOTEBORG);
      expect(catalogWarning, 'a warning on the catalogue').to.exist;
      expect(catalogWarning!.dataset).to.equal(undefined);
    });
  });

  it('refuses an unknown profile', async () => {
    let error: unknown;
    try {
      await validator.validate('dcat-ap-99', '');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UnknownProfileError);
    expect((error as Error).message).to.include('dcat-ap-3');
  });

  it('an empty document has nothing to violate', async () => {
    const { report, datasets } = await validator.validate('dcat-ap-3', '');
    expect(report).to.deep.equal({ conforms: true, results: [] });
    expect(datasets).to.equal(0);
  });

  describe('incremental validation (a generated catalogue of 200 datasets)', () => {
    const COUNT = 200;
    let base: string;
    let first: Awaited<ReturnType<CatalogValidator['validate']>>;

    before(async () => {
      base = catalogNTriples(COUNT);
      first = await validator.validate('dcat-ap-3', base);
    });

    it('a first validation validates every dataset; the generated catalogue has no results', () => {
      expect(first.validatedDatasets).to.equal(COUNT);
      expect(first.datasets).to.equal(COUNT);
      expect(first.report).to.deep.equal({ conforms: true, results: [] });
      expect(Object.keys(first.digests.datasets)).to.have.length(COUNT);
      expect(first.digests.shared).to.match(/^[0-9a-f]{64}$/);
    });

    it('the same catalogue again: 0 datasets validated, still conforms, same digests', async () => {
      const again = await validator.validate('dcat-ap-3', base, first.digests);
      expect(again.validatedDatasets).to.equal(0);
      expect(again.report.conforms).to.equal(true);
      expect(again.digests).to.deep.equal(first.digests);
    });

    it('blank-node labels do not count as changes (a new parse mints new labels)', async () => {
      const relabelled = base.replace(/_:contact/g, '_:kontakt').replace(/_:period/g, '_:period-x');
      const again = await validator.validate('dcat-ap-3', relabelled, first.digests);
      expect(again.validatedDatasets).to.equal(0);
      expect(again.digests.datasets).to.deep.equal(first.digests.datasets);
    });

    it('lines in another order are the same catalogue', async () => {
      const shuffled = base.split('\n').reverse().join('\n');
      const again = await validator.validate('dcat-ap-3', shuffled, first.digests);
      expect(again.validatedDatasets).to.equal(0);
    });

    it('one changed dataset: only that one is validated', async () => {
      const changed = catalogNTriples(COUNT, { datasets: { 17: { revision: 2 } } });
      const result = await validator.validate('dcat-ap-3', changed, first.digests);
      expect(result.validatedDatasets).to.equal(1);
      expect(result.report.conforms).to.equal(true);
      const differing = Object.keys(first.digests.datasets).filter((d) => first.digests.datasets[d] !== result.digests.datasets[d]);
      expect(differing).to.deep.equal([datasetIri(17)]);
      expect(result.digests.shared).to.equal(first.digests.shared);
    });

    it('a broken change is caught, with the dataset named', async () => {
      const broken = catalogNTriples(COUNT, { datasets: { 42: { withoutTitle: true } } });
      const result = await validator.validate('dcat-ap-3', broken, first.digests);
      expect(result.validatedDatasets).to.equal(1);
      expect(result.report.conforms).to.equal(false);
      const found = violations(result.report.results);
      expect(found).to.have.length(1);
      expect(found[0]).to.include({ focusNode: datasetIri(42), shape: `${DPV}Dataset-dct_title`, dataset: datasetIri(42) });
    });

    it('a change in a blank node of a dataset (its contact point) changes only that dataset', async () => {
      const changed = base.replace('_:contact9 <http://www.w3.org/2006/vcard/ns#fn> "Förvaltning 9"@sv', '_:contact9 <http://www.w3.org/2006/vcard/ns#fn> "Förvaltning nio"@sv');
      expect(changed).to.not.equal(base);
      const result = await validator.validate('dcat-ap-3', changed, first.digests);
      expect(result.validatedDatasets).to.equal(1);
      const differing = Object.keys(first.digests.datasets).filter((d) => first.digests.datasets[d] !== result.digests.datasets[d]);
      expect(differing).to.deep.equal([datasetIri(9)]);
    });

    it('a broken distribution (a dataset-owned node, not the dataset itself) is caught', async () => {
      const dist = `<${datasetIri(5)}/json>`; // FORMATS[(5 + 0) % 4]
      const broken = base
        .split('\n')
        .filter((line) => !(line.startsWith(dist) && line.includes('accessURL')))
        .join('\n');
      const result = await validator.validate('dcat-ap-3', broken, first.digests);
      expect(result.validatedDatasets).to.equal(1);
      expect(violations(result.report.results).map((r) => [r.focusNode, r.shape])).to.deep.equal([[`${datasetIri(5)}/json`, `${DPV}Distribution-dcat_accessURL`]]);
    });

    it('a new dataset (a POST): only it is validated; the catalogue node is checked again', async () => {
      const plus = base + datasetNTriples(COUNT);
      const result = await validator.validate('dcat-ap-3', plus, first.digests);
      expect(result.validatedDatasets).to.equal(1);
      expect(result.datasets).to.equal(COUNT + 1);
      expect(result.report.conforms).to.equal(true);
      expect(result.digests.shared, 'the catalogue link belongs to the new dataset').to.equal(first.digests.shared);
    });

    it('a new dataset linked from the catalogue but not typed is a violation on the (shared) catalogue node', async () => {
      const untyped = `${base}<${CATALOG_IRI}> <http://www.w3.org/ns/dcat#dataset> <${CATALOG_IRI}/datasets/nowhere> .\n`;
      const result = await validator.validate('dcat-ap-3', untyped, first.digests);
      expect(result.validatedDatasets, 'the shared part changed: everything').to.equal(COUNT);
      expect(violations(result.report.results).map((r) => [r.focusNode, r.shape])).to.deep.equal([[CATALOG_IRI, `${DPV}Catalog-dcat_dataset-class`]]);
    });

    it('a removed dataset: nothing left to validate, its digest is gone', async () => {
      const lines = base.split('\n');
      const gone = `<${datasetIri(3)}>`;
      const without = lines.filter((l) => !l.includes(gone) && !l.includes(`<${datasetIri(3)}/`) && !l.includes('_:contact3 ') && !l.includes('_:period3 ')).join('\n');
      const result = await validator.validate('dcat-ap-3', without, first.digests);
      expect(result.validatedDatasets).to.equal(0);
      expect(result.datasets).to.equal(COUNT - 1);
      expect(result.digests.datasets).to.not.have.property(datasetIri(3));
      expect(result.report.conforms).to.equal(true);
    });

    it('a changed catalogue title (shared) validates every dataset', async () => {
      const retitled = catalogNTriples(COUNT, { title: 'Ny titel' });
      const result = await validator.validate('dcat-ap-3', retitled, first.digests);
      expect(result.validatedDatasets).to.equal(COUNT);
      expect(result.digests.shared).to.not.equal(first.digests.shared);
      expect(result.digests.datasets).to.deep.equal(first.digests.datasets);
    });

    it('warnings of unchanged datasets are carried over from the previous validation', async () => {
      // Dataset 7 without keywords: a warning (recommended property), not a violation.
      const noKeywords = base
        .split('\n')
        .filter((l) => !(l.startsWith(`<${datasetIri(7)}>`) && l.includes('#keyword>')))
        .join('\n');
      const withWarning = await validator.validate('dcat-ap-3', noKeywords);
      const warned = warnings(withWarning.report.results);
      expect(warned.map((r) => [r.focusNode, r.shape])).to.deep.equal([[datasetIri(7), `${DPV}Dataset-dcat_keyword-recommended`]]);
      // Change dataset 8 only: 7 is not validated again, but its warning is still in the report.
      const next = noKeywords.replace('Beskrivning av datamängd 8.', 'Beskrivning av datamängd 8, ändrad.');
      const later = await validator.validate('dcat-ap-3', next, withWarning.digests);
      expect(later.validatedDatasets).to.equal(1);
      expect(warnings(later.report.results).map((r) => r.focusNode)).to.deep.equal([datasetIri(7)]);
      expect(later.report.conforms).to.equal(true);
    });
  });

  describe('parallel validation', () => {
    it('splitting over threads gives the same report as one thread', async () => {
      const one = new CatalogValidator({ threads: 1 });
      const two = new CatalogValidator({ threads: 2, splitFrom: 10 });
      try {
        const broken = catalogNTriples(60, { datasets: { 3: { withoutTitle: true }, 31: { withoutTitle: true } } }).replace(
          `<${datasetIri(50)}> <http://purl.org/dc/terms/issued> "20`,
          `<${datasetIri(50)}> <http://purl.org/dc/terms/issued> "igår-20`,
        );
        const a = await one.validate('dcat-ap-3', broken);
        const b = await two.validate('dcat-ap-3', broken);
        expect(a.threads).to.equal(1);
        expect(b.threads).to.equal(2);
        expect(b.report).to.deep.equal(a.report);
        expect(b.digests).to.deep.equal(a.digests);
        expect(violations(b.report.results).map((r) => r.focusNode)).to.deep.equal([datasetIri(3), datasetIri(31), datasetIri(50)]);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
});
