/**
 * The index a validation thread keeps of a catalogue (CatalogValidator, ValidationTask.catalogKey): a text that
 * extends the last validated one is parsed only from where that one ended. Every answer must equal what a
 * validator without kept indexes gives for the same text and previous digests.
 */
import { expect } from 'chai';
import { CatalogValidator, type CatalogValidation, type DatasetDigests } from '../../src/validation/catalog-validator.js';
import { catalogNTriples, datasetIri, datasetNTriples, CATALOG_IRI } from './catalog-generator.js';
import { DPV } from './support.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';

describe('validation of appended triples (a POST) against a kept index', function () {
  this.timeout(120_000);
  let cached: CatalogValidator;
  let oracle: CatalogValidator;
  let text: string;
  let digests: DatasetDigests;

  before(async () => {
    cached = new CatalogValidator({ threads: 1 });
    oracle = new CatalogValidator({ threads: 1, cacheTriples: 0 });
    text = catalogNTriples(100);
    digests = (await cached.validate('dcat-ap-3', text)).digests;
  });
  after(async () => {
    await cached.close();
    await oracle.close();
  });

  let viaAddition = false;

  /** Validate `text + addition` both ways; accept it (as the writer would store it) when it conforms. */
  async function append(addition: string): Promise<CatalogValidation> {
    const next = text + addition;
    const fast = viaAddition ? await cached.validateAddition('dcat-ap-3', text, addition, digests) : await cached.validate('dcat-ap-3', next, digests);
    const slow = await oracle.validate('dcat-ap-3', next, digests);
    expect(slow.path).to.equal('full');
    expect(fast.report, 'the same report').to.deep.equal(slow.report);
    expect(fast.digests, 'the same digests').to.deep.equal(slow.digests);
    expect(fast.validatedDatasets).to.equal(slow.validatedDatasets);
    expect(fast.datasets).to.equal(slow.datasets);
    if (fast.report.conforms) {
      text = next;
      digests = fast.digests;
    }
    return fast;
  }

  it('the same text again: unchanged, nothing validated', async () => {
    const again = await cached.validate('dcat-ap-3', text, digests);
    expect(again.path).to.equal('unchanged');
    expect(again.validatedDatasets).to.equal(0);
    expect(again.report.conforms).to.equal(true);
  });

  it('a new dataset: appended, only it validated', async () => {
    const result = await append(datasetNTriples(100));
    expect(result.path).to.equal('append');
    expect(result.validatedDatasets).to.equal(1);
    expect(result.datasets).to.equal(101);
  });

  it('a new keyword on an existing dataset', async () => {
    const result = await append(`<${datasetIri(4)}> <${DCAT}keyword> "ny"@sv .\n`);
    expect(result.path).to.equal('append');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('a broken new dataset is refused; the next good append is still right', async () => {
    const broken = await append(datasetNTriples(101, { withoutTitle: true }));
    expect(broken.report.conforms).to.equal(false);
    expect(broken.report.results.filter((r) => r.severity === 'Violation').map((r) => [r.focusNode, r.shape])).to.deep.equal([[datasetIri(101), `${DPV}Dataset-dct_title`]]);
    const good = await append(datasetNTriples(102));
    expect(good.report.conforms).to.equal(true);
    expect(good.validatedDatasets).to.equal(1);
  });

  it('a second title on an existing dataset keeps its digest moving', async () => {
    const result = await append(`<${datasetIri(5)}> <${DCT}title> "Andra titeln"@sv .\n`);
    expect(result.path).to.equal('append');
    expect(result.report.conforms).to.equal(true);
  });

  it('a new series and a member pointing to it: the series is validated with the member', async () => {
    const series = `<${CATALOG_IRI}/series/s1>`;
    const addition = [
      `<${CATALOG_IRI}> <${DCAT}dataset> ${series} .`,
      `${series} ${RDF_TYPE} <${DCAT}DatasetSeries> .`,
      `${series} <${DCT}title> "Serie"@sv .`,
      `${series} <${DCT}description> "En serie"@sv .`,
      `${series} <${DCT}publisher> <http://dataportal.se/organisation/SE2120001355> .`,
      `${series} <${DCT}spatial> <https://sws.geonames.org/2711537/> .`,
      `${series} <${DCAT}contactPoint> _:seriecontact .`,
      `_:seriecontact ${RDF_TYPE} <http://www.w3.org/2006/vcard/ns#Organization> .`,
      '',
    ].join('\n');
    const alone = await append(addition);
    expect(alone.report.results.map((r) => r.shape)).to.include(`${DPV}DatasetSeries-inverse_dcat_inSeries-recommended`);
    const member = await append(`<${datasetIri(6)}> <${DCAT}inSeries> ${series} .\n`);
    expect(member.path).to.equal('append');
    expect(member.report.results.map((r) => r.shape)).to.not.include(`${DPV}DatasetSeries-inverse_dcat_inSeries-recommended`);
    expect(member.validatedDatasets).to.equal(2);
  });

  it('a new shared agent (a new publisher): everything validated again', async () => {
    const other = '<http://dataportal.se/organisation/SE2321000131>';
    const result = await append(`${other} ${RDF_TYPE} <http://xmlns.com/foaf/0.1/Organization> .\n${other} <http://xmlns.com/foaf/0.1/name> "Borås Stad"@sv .\n`);
    expect(result.validatedDatasets).to.equal(result.datasets);
  });

  it('a new type on an existing node: the partition is recomputed', async () => {
    const result = await append(`<${datasetIri(7)}/csv> ${RDF_TYPE} <http://www.w3.org/ns/dcat#Resource> .\n`);
    expect(result.path).to.equal('append');
  });

  it('a link into another dataset’s blank node: the partition is recomputed', async () => {
    const result = await append(`<${datasetIri(8)}> <${DCAT}contactPoint> _:contact9 .\n`);
    expect(result.report.conforms).to.equal(true);
  });

  it('duplicates of existing lines only: nothing validated', async () => {
    const result = await append(text.split('\n').slice(0, 5).join('\n') + '\n');
    expect(result.validatedDatasets).to.equal(0);
  });

  it('a text that does not extend the kept one is parsed whole', async () => {
    const shorter = text.split('\n').filter((l) => !l.includes(`<${DCAT}keyword> "ny"@sv`)).join('\n');
    const result = await cached.validate('dcat-ap-3', shorter, digests);
    expect(result.path).to.equal('full');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('thirty random additions in a row give what a full validation gives', async () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let next = 200;
    const additions: (() => string)[] = [
      () => datasetNTriples(next++),
      () => `<${datasetIri(random(100))}> <${DCAT}keyword> "k${random(1000)}"@sv .\n`,
      () => {
        const i = random(100);
        return `<${datasetIri(i)}> <${DCAT}contactPoint> _:extra${i}x${random(1000)} .\n`;
      },
      () => `<${CATALOG_IRI}> <${DCAT}dataset> <${datasetIri(random(100))}> .\n`,
      () => {
        const i = random(100);
        const d = `<${datasetIri(i)}/extra${random(1000)}>`;
        return `<${datasetIri(i)}> <${DCAT}distribution> ${d} .\n${d} ${RDF_TYPE} <${DCAT}Distribution> .\n${d} <${DCAT}accessURL> <https://example.org/x> .\n`;
      },
      () => `<${datasetIri(random(100))}> <${DCT}relation> <${datasetIri(random(100))}> .\n`,
      () => `_:contact${random(100)} <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:x${random(1000)}@example.org> .\n`,
      () => `<${datasetIri(random(100))}/csv> ${RDF_TYPE} <${DCAT}Resource> .\n`,
      () => `<${CATALOG_IRI}> <${DCT}modified> "2025-0${1 + random(9)}-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n`,
      () => `<${datasetIri(random(100))}> <${DCT}issued> "inte ett datum" .\n`,
    ];
    const paths = new Set<string>();
    for (let round = 0; round < 30; round++) {
      const result = await append(additions[random(additions.length)]!());
      paths.add(result.path);
    }
    expect([...paths]).to.include('append');
  });

  it('validateAddition(stored, addition, digests): the same answers without handing over the stored text', async () => {
    viaAddition = true;
    try {
      const one = await append(datasetNTriples(500));
      expect(one.path).to.equal('append');
      expect(one.validatedDatasets).to.equal(1);
      const broken = await append(datasetNTriples(501, { withoutTitle: true }));
      expect(broken.report.conforms).to.equal(false);
      const again = await append(datasetNTriples(502));
      expect(again.report.conforms).to.equal(true);
      const more = await append(`<${datasetIri(3)}> <${DCAT}keyword> "mer"@sv .\n`);
      expect(more.path).to.equal('append');
      // Digests not returned by this validator (e.g. a copy): it falls back to the whole text.
      const copy = JSON.parse(JSON.stringify(digests)) as DatasetDigests;
      const fallback = await cached.validateAddition('dcat-ap-3', text, datasetNTriples(503), copy);
      expect(fallback.validatedDatasets).to.equal(1);
    } finally {
      viaAddition = false;
    }
  });

  it('after a split first validation the index is kept too (results come with the digests)', async () => {
    const split = new CatalogValidator({ threads: 2, splitFrom: 10 });
    try {
      const noKeywords = `<${datasetIri(2)}> <${DCAT}keyword>`;
      const warned = catalogNTriples(60).split('\n').filter((l) => !l.startsWith(noKeywords)).join('\n');
      const first = await split.validate('dcat-ap-3', warned);
      expect(first.threads).to.equal(2);
      expect(first.report.results.map((r) => r.focusNode)).to.deep.equal([datasetIri(2)]);
      const posted = datasetNTriples(60);
      const next = await split.validateAddition('dcat-ap-3', warned, posted, first.digests);
      const oracleResult = await oracle.validate('dcat-ap-3', warned + posted, first.digests);
      expect(next.path).to.equal('append');
      expect(next.report).to.deep.equal(oracleResult.report);
      expect(next.digests).to.deep.equal(oracleResult.digests);
      expect(next.report.results.map((r) => r.focusNode), 'the warning of dataset 2 is carried over').to.deep.equal([datasetIri(2)]);
    } finally {
      await split.close();
    }
  });
});

