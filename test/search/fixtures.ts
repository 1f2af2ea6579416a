import { expect } from 'chai';
import { publisherIri } from '../support/catalogs.js';
import { admin, type TestServer } from '../support/server.js';

/**
 * Small catalogs for the search tests, written by hand until the project's demo generator lands: Swedish and English
 * titles, EU themes, formats, licences and access rights, dates with a tie and a dataset without one.
 */
export const EU = 'http://publications.europa.eu/resource/authority/';

export interface DatasetFixture {
  slug: string;
  title: Record<string, string>;
  description: Record<string, string>;
  keywords?: string[];
  themes?: string[];
  /** One distribution per format code. */
  formats: string[];
  license?: string;
  accessRights?: string;
  modified?: string;
}

export interface CatalogFixture {
  id: string;
  orgnr: string;
  name: string;
  datasets: DatasetFixture[];
}

export const datasetIri = (catalog: string, slug: string) => `https://data.${catalog}.example/dataset/${slug}`;

const literal = (text: string, lang: string) => `${JSON.stringify(text)}${lang ? `@${lang}` : ''}`;
const langLiterals = (values: Record<string, string>) => Object.entries(values).map(([lang, text]) => literal(text, lang)).join(', ');

export function catalogTurtle(fixture: CatalogFixture): string {
  const publisher = `<${publisherIri(fixture.orgnr)}>`;
  const lines = [
    '@prefix dcat: <http://www.w3.org/ns/dcat#> .',
    '@prefix dct: <http://purl.org/dc/terms/> .',
    '@prefix foaf: <http://xmlns.com/foaf/0.1/> .',
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
    `<https://data.${fixture.id}.example/catalog> a dcat:Catalog ; dct:title "${fixture.name} öppna data"@sv ;`,
    // DCAT-AP-SE (the default profile) requires the CC0 catalogue licence and the publisher's ADMS type.
    `  dct:description "Datakatalog för ${fixture.name}."@sv ; dct:publisher ${publisher} ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/>`,
    fixture.datasets.length ? `  ; dcat:dataset ${fixture.datasets.map((d) => `<${datasetIri(fixture.id, d.slug)}>`).join(', ')} .` : '  .',
    `${publisher} a foaf:Organization ; foaf:name "${fixture.name}"@sv ; dct:type <http://purl.org/adms/publishertype/LocalAuthority> .`,
  ];
  for (const d of fixture.datasets) {
    const iri = datasetIri(fixture.id, d.slug);
    const props = [
      `dct:title ${langLiterals(d.title)}`,
      `dct:description ${langLiterals(d.description)}`,
      `dct:publisher ${publisher}`,
      ...(d.keywords?.length ? [`dcat:keyword ${d.keywords.map((k) => literal(k, 'sv')).join(', ')}`] : []),
      ...(d.themes?.length ? [`dcat:theme ${d.themes.map((t) => `<${EU}data-theme/${t}>`).join(', ')}`] : []),
      ...(d.accessRights ? [`dct:accessRights <${EU}access-right/${d.accessRights}>`] : []),
      ...(d.modified ? [`dct:modified ${JSON.stringify(d.modified)}^^xsd:${d.modified.includes('T') ? 'dateTime' : 'date'}`] : []),
      ...(d.formats.length ? [`dcat:distribution ${d.formats.map((f) => `<${iri}/${f.toLowerCase()}>`).join(', ')}`] : []),
    ];
    lines.push(`<${iri}> a dcat:Dataset ;\n  ${props.join(' ;\n  ')} .`);
    for (const format of d.formats) {
      lines.push(
        `<${iri}/${format.toLowerCase()}> a dcat:Distribution ; dcat:accessURL <https://files.${fixture.id}.example/${d.slug}.${format.toLowerCase()}> ;`,
        `  dct:format <${EU}file-type/${format}>${d.license ? ` ; dct:license <${EU}licence/${d.license}>` : ''} .`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

export const GOTEBORG: CatalogFixture = {
  id: 'goteborg',
  orgnr: '2120001355',
  name: 'Göteborgs Stad',
  datasets: [
    {
      slug: 'skolenheter',
      title: { sv: 'Skolenheter i Göteborg', en: 'School units in Gothenburg' },
      description: { sv: 'Alla grundskolor och gymnasieskolor med adress.', en: 'Every primary and upper secondary school with its address.' },
      keywords: ['utbildning'],
      themes: ['EDUC'],
      formats: ['CSV', 'JSON'],
      license: 'CC_BY_4_0',
      accessRights: 'PUBLIC',
      modified: '2024-05-01',
    },
    {
      slug: 'laddstolpar',
      title: { sv: 'Laddstolpar för elbilar' },
      description: { sv: 'Publika laddplatser med effekt och kontakttyp.' },
      keywords: ['elbil', 'laddinfrastruktur'],
      themes: ['TRAN', 'ENER'],
      formats: ['CSV'],
      license: 'CC0',
      accessRights: 'PUBLIC',
      modified: '2025-01-10',
    },
    {
      slug: 'mal-och-resultat',
      title: { sv: 'Mål och resultat för nämnderna' },
      description: { sv: 'Nämndernas uppföljning av verksamhetsplanen.' },
      themes: ['GOVE'],
      formats: ['XLSX'],
      license: 'CC_BY_4_0',
      modified: '2023-02-01',
    },
    {
      slug: 'livsmedelskontroll',
      title: { sv: 'Livsmedelskontroller av caféer och restauranger' },
      description: { sv: 'Resultat av kontroller på Café Husaren och andra serveringar.' },
      themes: ['HEAL'],
      formats: ['JSON'],
      license: 'CC_BY_4_0',
      accessRights: 'PUBLIC',
      modified: '2024-05-01',
    },
    {
      slug: 'air-quality',
      title: { en: 'Air quality measurements' },
      description: { en: 'Hourly readings of nitrogen dioxide and particles at the city monitoring stations.' },
      themes: ['ENVI'],
      formats: ['CSV'],
      license: 'CC_BY_4_0',
      accessRights: 'PUBLIC',
      modified: '2022-11-15',
    },
  ],
};

export const BORAS: CatalogFixture = {
  id: 'boras',
  orgnr: '2120001561',
  name: 'Borås Stad',
  datasets: [
    {
      slug: 'skolor',
      title: { sv: 'Skolor och förskolor i Borås' },
      description: { sv: 'Kommunala och fristående skolor.' },
      themes: ['EDUC'],
      formats: ['CSV'],
      license: 'CC_BY_4_0',
      accessRights: 'PUBLIC',
      modified: '2025-03-03',
    },
    {
      slug: 'skolmaltider',
      title: { sv: 'Måltider i skolan' },
      description: { sv: 'Veckans matsedel i kommunens skolor.' },
      themes: ['EDUC', 'HEAL'],
      formats: ['XML'],
      accessRights: 'RESTRICTED',
    },
    {
      slug: 'leverantorsreskontra',
      title: { sv: 'Leverantörsreskontra', en: 'Supplier ledger' },
      description: { sv: 'Utbetalningar till leverantörer per månad.', en: 'Payments to suppliers per month.' },
      themes: ['ECON'],
      formats: ['CSV', 'XLSX'],
      license: 'CC0',
      accessRights: 'PUBLIC',
      modified: '2021-06-30T10:00:00Z',
    },
  ],
};

export async function publish(server: TestServer, fixture: CatalogFixture): Promise<void> {
  const res = await fetch(`${server.url}/catalogs/${fixture.id}`, { method: 'PUT', body: catalogTurtle(fixture), headers: { ...admin, 'Content-Type': 'text/turtle' } });
  expect([201, 204], await res.text()).to.include(res.status);
}

export { indexReady, type IndexStatus } from '../support/dataset-index.js';

export interface SearchJson {
  total: number;
  results: { iri: string; title: string; description: string; publisher: string; modified: string | null; catalog: string; organisation: string; url: string }[];
  facets: Record<string, { value: string; label: string; count: number }[]>;
}

export async function search(server: TestServer, params: string): Promise<SearchJson> {
  const res = await fetch(`${server.url}/search?${params}`, { headers: { Accept: 'application/json' } });
  const text = await res.text();
  expect(res.status, text).to.equal(200);
  return JSON.parse(text) as SearchJson;
}
