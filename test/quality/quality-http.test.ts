import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { put, select, update } from '../support/http.js';
import { publisherIri } from '../support/catalogs.js';
import { indexReady } from '../support/dataset-index.js';

const EU = 'http://publications.europa.eu/resource/authority/';
const DATASET = 'https://data.goteborg.example/dataset/skolenheter';

/**
 * One dataset with keyword, theme, access rights, publisher and modified; one distribution with an https accessURL,
 * the EU CSV format and an EU licence. By hand: findability 30 + 30 = 60; accessibility: accessURL 50; interoperability:
 * format 20 + from vocabulary 10 + non-proprietary 20 + machine-readable 20 + DCAT-AP compliance 30 = 100;
 * reusability: licence 20 + EU licence 10 + access rights 10 + EU access right 5 + publisher 10 = 55;
 * contextuality: modified 5. Total 270 (good). `issued` adds the date of issue: 275.
 */
function catalog(issued: boolean): string {
  const publisher = `<${publisherIri('2120001355')}>`;
  return `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://data.goteborg.example/catalog> a dcat:Catalog ; dct:title "Göteborgs Stad öppna data"@sv ;
  dct:description "Datakatalog."@sv ; dct:publisher ${publisher} ; dcat:dataset <${DATASET}> .
${publisher} a foaf:Organization ; foaf:name "Göteborgs Stad"@sv .
<${DATASET}> a dcat:Dataset ; dct:title "Skolenheter"@sv ; dct:description "Alla skolor."@sv ;
  dct:publisher ${publisher} ; dcat:keyword "utbildning"@sv ; dcat:theme <${EU}data-theme/EDUC> ;
  dct:accessRights <${EU}access-right/PUBLIC> ; dct:modified "2024-05-01"^^xsd:date ;${issued ? ' dct:issued "2020-01-01"^^xsd:date ;' : ''}
  dcat:distribution <${DATASET}/csv> .
<${DATASET}/csv> a dcat:Distribution ; dcat:accessURL <https://files.goteborg.example/skolenheter.csv> ;
  dct:format <${EU}file-type/CSV> ; dct:license <${EU}licence/CC_BY_4_0> .
`;
}

interface QualityJson {
  catalog: string;
  score: number;
  rating: string;
  datasetCount: number;
  dcatApCompliant: boolean;
  note: string;
  pending: boolean;
  dimensions: { dimension: string; points: number }[];
  indicators: { id: string; met: number; points: number; networkChecked: boolean }[];
  datasets: { iri: string; score: number; rating: string; indicators: Record<string, number> }[];
}

async function quality(server: TestServer): Promise<QualityJson> {
  const res = await fetch(`${server.url}/catalogs/goteborg/quality`, { headers: { Accept: 'application/json' } });
  expect(res.status).to.equal(200);
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  return (await res.json()) as QualityJson;
}

const scoreQuery = `PREFIX dqv: <http://www.w3.org/ns/dqv#>
SELECT ?g ?value WHERE { GRAPH ?g { ?m a dqv:QualityMeasurement ; dqv:computedOn <${DATASET}> ;
  dqv:isMeasurementOf <https://w3id.org/dataportal-vast/mqa#score> ; dqv:value ?value } }`;

describe('MQA quality over HTTP', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    // A DCAT-AP 3 catalog: the compliance indicator counts for any profile stacked on it, the default DCAT-AP-SE too.
    const res = await put(`${server.url}/catalogs/goteborg?profile=dcat-ap-3`, catalog(false));
    expect(res.status, await res.text()).to.be.oneOf([200, 201]);
    await indexReady(server);
  });
  after(async () => server?.kill());

  it('answers the catalog’s score, dimensions and datasets as JSON, scored as added up by hand', async () => {
    const json = await quality(server);
    expect(json).to.include({ catalog: 'goteborg', score: 270, rating: 'good', datasetCount: 1, dcatApCompliant: true, pending: false });
    expect(Object.fromEntries(json.dimensions.map((d) => [d.dimension, d.points]))).to.deep.equal({ findability: 60, accessibility: 50, interoperability: 100, reusability: 55, contextuality: 5 });
    expect(json.datasets.map((d) => [d.iri, d.score])).to.deep.equal([[DATASET, 270]]);
    expect(json.indicators.find((i) => i.id === 'accessUrlAccessibility')).to.include({ networkChecked: false, points: 50 });
    expect(json.note).to.match(/metadata alone/);
  });

  it('puts the measurements in a DQV graph of their own that /sparql answers', async () => {
    const rows = (await select(server.url, scoreQuery)).results.bindings;
    expect(rows.map((r) => Number(r.value!.value))).to.deep.equal([270]);
    expect(rows[0]!.g!.value).to.match(/\/quality\/goteborg$/);
  });

  it('recomputes after a write: adding dct:issued adds the 5 points of date of issue, in JSON and in the DQV graph', async () => {
    const res = await put(`${server.url}/catalogs/goteborg`, catalog(true));
    expect(res.status, await res.text()).to.be.oneOf([200, 204]);
    await indexReady(server);
    const json = await quality(server);
    expect(json.score).to.equal(275);
    expect(json.datasets[0]!.indicators.dateOfIssue).to.equal(5);
    const rows = (await select(server.url, scoreQuery)).results.bindings;
    expect(rows.map((r) => Number(r.value!.value))).to.deep.equal([275]);
  });

  it('serves a page for people in Swedish and English, and the DQV graph as Turtle', async () => {
    const sv = await fetch(`${server.url}/catalogs/goteborg/quality`, { headers: { Accept: 'text/html', 'Accept-Language': 'sv' } });
    expect(sv.status).to.equal(200);
    const svHtml = await sv.text();
    expect(svHtml).to.include('Metadatakvalitet').and.include('Upptäckbarhet').and.include('lang="sv"');
    const en = await fetch(`${server.url}/catalogs/goteborg/quality.html?lang=en`);
    const enHtml = await en.text();
    expect(enHtml).to.include('Metadata quality').and.include('Findability').and.include('Skolenheter');
    const ttl = await fetch(`${server.url}/catalogs/goteborg/quality.ttl`);
    expect(ttl.status).to.equal(200);
    expect(await ttl.text()).to.include('QualityMeasurement');
  });

  it('shows the score on the catalog page and the dataset page', async () => {
    const catalogPage = await (await fetch(`${server.url}/catalogs/goteborg`, { headers: { Accept: 'text/html', 'Accept-Language': 'en' } })).text();
    expect(catalogPage).to.include('275 of 405').and.include('/catalogs/goteborg/quality');
    const datasetPage = await (await fetch(`${server.url}/resource?iri=${encodeURIComponent(DATASET)}`, { headers: { Accept: 'text/html', 'Accept-Language': 'sv' } })).text();
    expect(datasetPage).to.include('275 av 405');
  });

  it('answers 404 for an unknown catalog and 400 for a bad page size, naming the parameter', async () => {
    expect((await fetch(`${server.url}/catalogs/nosuch/quality.json`)).status).to.equal(404);
    const bad = await fetch(`${server.url}/catalogs/goteborg/quality.json?pageSize=0`);
    expect(bad.status).to.equal(400);
    expect(await bad.text()).to.include('pageSize');
  });

  it('refuses graph-store writes to a quality graph, and rebuilds it after a SPARQL Update that deletes it', async () => {
    const rows = (await select(server.url, scoreQuery)).results.bindings;
    const iri = rows[0]!.g!.value;
    const refused = await put(`${server.url}/store?graph=${encodeURIComponent(iri)}`, '<urn:a> <urn:b> <urn:c> .', 'application/n-triples');
    expect(refused.status).to.equal(403);
    expect(await refused.text()).to.include('quality');
    const dropped = await update(server.url, `DROP GRAPH <${iri}>`);
    expect(dropped.status).to.equal(204);
    await indexReady(server);
    const after = (await select(server.url, scoreQuery)).results.bindings;
    expect(after.map((r) => Number(r.value!.value))).to.deep.equal([275]);
  });

  it('keeps the quality across a restart, and the first write after it leaves one score per dataset, the new one', async () => {
    await server.stop();
    server = await server.restart();
    await indexReady(server);
    expect((await quality(server)).score).to.equal(275);
    const res = await put(`${server.url}/catalogs/goteborg`, catalog(false));
    expect(res.status, await res.text()).to.be.oneOf([200, 204]);
    await indexReady(server);
    expect((await quality(server)).score).to.equal(270);
    const rows = (await select(server.url, scoreQuery)).results.bindings;
    expect(rows.map((r) => Number(r.value!.value))).to.deep.equal([270]);
  });
});
