import { catalogQualityReport, type CatalogQualityReport } from '../../src/quality/catalog-report.js';
import { INDICATORS } from '../../src/quality/indicators.js';
import { datasetResult } from '../../src/quality/quality.js';
import type { Organisation } from '../../src/organisations/organisations.js';
import { FACETS, type DatasetSummary, type FacetName, type FacetValue } from '../../src/search/dataset-summary.js';
import type { Lang } from '../../src/portal/messages.js';
import type {
  CatalogModel,
  DatasetModel,
  DistributionModel,
  HomeModel,
  OrganisationModel,
  SearchModel,
} from '../../src/portal/view-models.js';
import { describeCatalog, describeDataset, describeDistribution } from '../../src/portal/describe-view.js';

export const BASE = 'http://127.0.0.1:3030';
export const EU = 'http://publications.europa.eu/resource/authority/';

/** A title a publisher could send: the page must show it as text, never run it. */
export const HOSTILE_TITLE = 'Laddstolpar <script>alert("x")</script> & "mer"';

const LABELS: Record<string, Record<Lang, string>> = {
  [`${EU}data-theme/TRAN`]: { sv: 'Transport', en: 'Transport' },
  [`${EU}data-theme/EDUC`]: { sv: 'Utbildning, kultur och sport', en: 'Education, culture and sport' },
  [`${EU}file-type/CSV`]: { sv: 'CSV', en: 'CSV' },
  [`${EU}file-type/JSON`]: { sv: 'JSON', en: 'JSON' },
  [`${EU}access-right/PUBLIC`]: { sv: 'Offentlig', en: 'Public' },
  'http://creativecommons.org/publicdomain/zero/1.0/': { sv: 'CC0 1.0', en: 'CC0 1.0' },
};

export function label(iri: string, lang: Lang): string | undefined {
  return LABELS[iri]?.[lang];
}

export const GOTEBORG: Organisation = {
  id: 'goteborg',
  name: 'Göteborgs Stad',
  type: 'kommun',
  municipalityCode: '1480',
  organisationNumber: '212000-1355',
  population: 607882,
  populationYear: 2024,
  webDomain: 'goteborg.se',
  subRegion: 'Göteborgsregionen',
};

export const organisations = {
  get(id: string) {
    return id === 'goteborg' ? GOTEBORG : id === 'boras' ? { name: 'Borås Stad' } : undefined;
  },
};

export function summary(n: number, overrides: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    iri: `${BASE}/catalogs/goteborg/datasets/${n}`,
    type: 'Dataset',
    catalog: 'goteborg',
    organisation: 'goteborg',
    title: { sv: `Datamängd ${n}`, en: `Dataset ${n}` },
    description: { sv: `Beskrivning av datamängd ${n} med fakta om staden.` },
    keywords: [{ value: 'fakta', lang: 'sv' }],
    themes: [`${EU}data-theme/TRAN`],
    formats: [`${EU}file-type/CSV`],
    licenses: ['http://creativecommons.org/publicdomain/zero/1.0/'],
    accessRights: [`${EU}access-right/PUBLIC`],
    modified: `2025-0${(n % 9) + 1}-15`,
    changed: '2026-11-30T10:00:00Z',
    distributions: 1,
    hash: `h${n}`,
    quality: { met: [], score: 0 },
    ...overrides,
  };
}

export const LATEST: DatasetSummary[] = [
  summary(1, { title: { sv: HOSTILE_TITLE } }),
  summary(2, { title: { en: 'School units in Borås' }, description: { en: 'Every school unit, with address.' }, organisation: 'boras', catalog: 'boras' }),
  summary(3, { iri: 'https://data.example.se/dataset/3', type: 'DatasetSeries' }),
];

export function homeModel(): HomeModel {
  return {
    figures: { datasets: 2043, catalogs: 52, organisations: 50, distributions: 4711 },
    latest: LATEST,
    organisations: [
      { id: 'goteborg', name: 'Göteborgs Stad', datasets: 312 },
      { id: 'boras', name: 'Borås Stad', datasets: 41 },
    ],
  };
}

export function organisationModel(page = 2): OrganisationModel {
  return {
    organisation: GOTEBORG,
    catalogs: [
      { id: 'goteborg', title: { sv: 'Göteborgs Stads datakatalog' }, datasets: 290, modified: '2026-11-30T10:00:00Z' },
      { id: 'goteborg-miljo', title: { en: 'Environment catalogue' }, datasets: 22, modified: null },
    ],
    datasets: { items: [summary(21), summary(22)], total: 95, page, pageSize: 20 },
    q: '',
  };
}

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export const DATASET_IRI = `${BASE}/catalogs/goteborg/datasets/laddstolpar`;
export const DISTRIBUTION_IRI = `${BASE}/catalogs/goteborg/datasets/laddstolpar/csv`;
export const CATALOG_IRI = `${BASE}/catalogs/goteborg`;
const PUBLISHER = 'http://dataportal.se/organisation/SE2120001355';

/** A dataset as the linked-data routes hand it over: its triples, blank-node closure and distributions' triples. */
export const DATASET_NT = [
  `<${DATASET_IRI}> <${RDF_TYPE}> <${DCAT}Dataset> .`,
  `<${DATASET_IRI}> <${DCT}title> ${JSON.stringify(HOSTILE_TITLE)}@sv .`,
  `<${DATASET_IRI}> <${DCT}title> "EV charging points"@en .`,
  `<${DATASET_IRI}> <${DCT}description> "Alla publika laddstolpar i Göteborg.\\n\\nUppdateras varje natt."@sv .`,
  `<${DATASET_IRI}> <${DCT}publisher> <${PUBLISHER}> .`,
  `<${PUBLISHER}> <${FOAF}name> "Göteborgs Stad"@sv .`,
  `<${DATASET_IRI}> <${DCAT}theme> <${EU}data-theme/TRAN> .`,
  `<${DATASET_IRI}> <${DCAT}keyword> "laddstolpar"@sv .`,
  `<${DATASET_IRI}> <${DCAT}keyword> "charging"@en .`,
  `<${DATASET_IRI}> <${DCT}accessRights> <${EU}access-right/PUBLIC> .`,
  `<${DATASET_IRI}> <${DCT}issued> "2021-03-01"^^<${XSD}date> .`,
  `<${DATASET_IRI}> <${DCT}modified> "2026-11-02T08:15:00Z"^^<${XSD}dateTime> .`,
  `<${DATASET_IRI}> <${DCT}spatial> <http://publications.europa.eu/resource/authority/place/SWE_GOT> .`,
  `<${DATASET_IRI}> <${DCT}temporal> _:t .`,
  `_:t <${RDF_TYPE}> <${DCT}PeriodOfTime> .`,
  `_:t <${DCAT}startDate> "2021-01-01"^^<${XSD}date> .`,
  `<${DATASET_IRI}> <${DCAT}contactPoint> _:c .`,
  `_:c <${RDF_TYPE}> <${VCARD}Organization> .`,
  `_:c <${VCARD}fn> "Trafikkontoret"@sv .`,
  `_:c <${VCARD}hasEmail> <mailto:trafik@goteborg.se> .`,
  `<${DATASET_IRI}> <${DCAT}distribution> <${DISTRIBUTION_IRI}> .`,
  `<${DATASET_IRI}> <${DCAT}distribution> _:d2 .`,
  `<${DISTRIBUTION_IRI}> <${RDF_TYPE}> <${DCAT}Distribution> .`,
  `<${DISTRIBUTION_IRI}> <${DCT}title> "Laddstolpar som CSV"@sv .`,
  `<${DISTRIBUTION_IRI}> <${DCT}format> <${EU}file-type/CSV> .`,
  `<${DISTRIBUTION_IRI}> <${DCAT}accessURL> <https://data.goteborg.se/laddstolpar> .`,
  `<${DISTRIBUTION_IRI}> <${DCAT}downloadURL> <https://data.goteborg.se/laddstolpar.csv> .`,
  `<${DISTRIBUTION_IRI}> <${DCT}license> <http://creativecommons.org/publicdomain/zero/1.0/> .`,
  `<${DISTRIBUTION_IRI}> <${DCAT}byteSize> "1520000"^^<${XSD}nonNegativeInteger> .`,
  `_:d2 <${RDF_TYPE}> <${DCAT}Distribution> .`,
  `_:d2 <${DCT}format> <${EU}file-type/JSON> .`,
  `_:d2 <${DCAT}accessURL> <https://data.goteborg.se/api/laddstolpar> .`,
].join('\n');

export const CATALOG_NT = [
  `<${CATALOG_IRI}> <${RDF_TYPE}> <${DCAT}Catalog> .`,
  `<${CATALOG_IRI}> <${DCT}title> "Göteborgs Stads datakatalog"@sv .`,
  `<${CATALOG_IRI}> <${DCT}title> "City of Gothenburg data catalogue"@en .`,
  `<${CATALOG_IRI}> <${DCT}description> "Öppna data från Göteborgs Stad."@sv .`,
  `<${CATALOG_IRI}> <${DCT}publisher> <${PUBLISHER}> .`,
  `<${PUBLISHER}> <${FOAF}name> "Göteborgs Stad"@sv .`,
  `<${CATALOG_IRI}> <${FOAF}homepage> <https://goteborg.se/> .`,
].join('\n');

export function datasetModel(): DatasetModel {
  return {
    dataset: describeDataset(DATASET_NT, DATASET_IRI),
    catalog: { id: 'goteborg', title: { sv: 'Göteborgs Stads datakatalog' } },
    validation: { conforms: true, violations: 0, warnings: 2 },
    quality: { score: 275, maxPoints: 405, rating: 'good' },
  };
}

export function distributionModel(): DistributionModel {
  return {
    distribution: describeDistribution(DATASET_NT, DISTRIBUTION_IRI),
    dataset: { iri: DATASET_IRI, title: { en: 'EV charging points' } },
  };
}

export function catalogModel(): CatalogModel {
  return {
    id: 'goteborg',
    catalog: describeCatalog(CATALOG_NT, CATALOG_IRI),
    profile: 'dcat-ap-3',
    datasetCount: 290,
    lastChange: '2026-11-30T10:00:00Z',
    validation: { conforms: false, violations: 3, warnings: 0 },
    datasets: { items: [summary(1), summary(2)], total: 290, page: 1, pageSize: 20 },
    quality: { score: 212.5, maxPoints: 405, rating: 'sufficient' },
  };
}

/** /catalogs/goteborg/quality over 150 datasets (two pages), one of them with a hostile title. */
export function qualityReport(): CatalogQualityReport {
  const met = (share: number) => INDICATORS.map((_, i) => (i % 3 === 0 ? 1 : share));
  const summaries = Array.from({ length: 150 }, (_, n) => {
    const quality = { met: met((n % 5) / 4), score: 0 };
    quality.score = datasetResult(quality).score;
    return summary(n, n === 3 ? { title: { sv: HOSTILE_TITLE } } : { quality });
  });
  const record = { id: 'goteborg', organisation: 'goteborg', profile: 'dcat-ap-3', catalogIri: CATALOG_IRI, datasets: 150, created: '2026-01-01T00:00:00Z', modified: '2026-11-30T10:00:00Z', version: 'x.1', public: true, warnings: [] };
  return catalogQualityReport({ summariesOf: () => summaries }, record, true, { page: 1, pageSize: 100 });
}

function facet(name: FacetName): FacetValue[] {
  switch (name) {
    case 'organisation':
      return [{ value: 'goteborg', label: 'Göteborgs Stad', count: 12 }, { value: 'boras', label: 'Borås Stad', count: 3 }];
    case 'theme':
      return [{ value: 'TRAN', label: 'Transport', count: 15 }];
    case 'format':
      return [{ value: 'CSV', label: 'CSV', count: 14 }, { value: 'JSON', label: 'JSON', count: 6 }];
    case 'license':
      return [{ value: 'http://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0 1.0', count: 15 }];
    case 'accessRights':
      return [{ value: 'PUBLIC', label: 'Offentlig', count: 15 }];
  }
}

export function searchModel(): SearchModel {
  return {
    query: { q: 'laddstolpe', filters: { organisation: ['goteborg'], format: ['CSV'] }, sort: 'relevance', page: 2, pageSize: 10, lang: 'sv' },
    result: {
      total: 15,
      results: [summary(11), summary(12, { title: { sv: HOSTILE_TITLE } })],
      facets: Object.fromEntries(FACETS.map((f) => [f, facet(f)])) as SearchModel['result']['facets'],
    },
  };
}

export const SEARCH_URL = '/search?q=laddstolpe&organisation=goteborg&format=CSV&page=2';
