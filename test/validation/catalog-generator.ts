/**
 * Generated DCAT-AP 3 catalogues for validation tests and the validation benchmark. Each dataset looks like what a
 * municipality publishes: titles and descriptions in Swedish and English, keywords, an EU data theme, the shared
 * publisher, its own vCard contact point (a blank node), spatial and temporal coverage, and two distributions with
 * access URL, format, licence, byte size and availability. The output conforms to `dcat-ap-3` with no warnings, so
 * any result a test sees comes from the change it made.
 */
export const CATALOG_IRI = 'http://localhost:3030/catalogs/bench';
export const PUBLISHER_IRI = 'http://dataportal.se/organisation/SE2120001355';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EU = 'http://publications.europa.eu/resource/authority/';
const THEMES = ['ENVI', 'TRAN', 'EDUC', 'HEAL', 'SOCI', 'ECON', 'GOVE', 'REGI'];
const FORMATS = [
  ['CSV', 'text/csv'],
  ['JSON', 'application/json'],
  ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['GEOJSON', 'application/geo+json'],
] as const;
const KEYWORDS = ['bad', 'skola', 'trafik', 'luft', 'vatten', 'parker', 'budget', 'befolkning', 'cykel', 'bibliotek'];

export function datasetIri(i: number, base = CATALOG_IRI): string {
  return `${base}/datasets/d${i}`;
}

const iri = (value: string) => `<${value}>`;
const lit = (value: string, lang: string) => `${JSON.stringify(value)}@${lang}`;
const typed = (value: string, datatype: string) => `${JSON.stringify(value)}^^<${datatype}>`;
const line = (s: string, p: string, o: string) => `${s} ${p} ${o} .\n`;

export interface DatasetOptions {
  /** A version number mixed into the description, so a "changed" dataset differs from the original. */
  revision?: number;
  /** Leave out dct:title (a violation) to see that a broken change is caught. */
  withoutTitle?: boolean;
  base?: string;
}

/** The N-Triples describing dataset `i`: 30 triples plus its catalogue link. */
export function datasetNTriples(i: number, options: DatasetOptions = {}): string {
  const base = options.base ?? CATALOG_IRI;
  const d = iri(datasetIri(i, base));
  const theme = THEMES[i % THEMES.length]!;
  const contact = `_:contact${i}`;
  const period = `_:period${i}`;
  const revision = options.revision ? ` (version ${options.revision})` : '';
  let out = '';
  out += line(iri(base), iri(`${DCAT}dataset`), d);
  out += line(d, RDF_TYPE, iri(`${DCAT}Dataset`));
  if (!options.withoutTitle) {
    out += line(d, iri(`${DCT}title`), lit(`Datamängd ${i}`, 'sv'));
    out += line(d, iri(`${DCT}title`), lit(`Dataset ${i}`, 'en'));
  }
  out += line(d, iri(`${DCT}description`), lit(`Beskrivning av datamängd ${i}${revision}.`, 'sv'));
  out += line(d, iri(`${DCT}description`), lit(`Description of dataset ${i}${revision}.`, 'en'));
  for (let k = 0; k < 3; k++) out += line(d, iri(`${DCAT}keyword`), lit(KEYWORDS[(i + k) % KEYWORDS.length]!, 'sv'));
  out += line(d, iri(`${DCAT}theme`), iri(`${EU}data-theme/${theme}`));
  out += line(d, iri(`${DCT}publisher`), iri(PUBLISHER_IRI));
  out += line(d, iri(`${DCT}issued`), typed(`20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, `${XSD}date`));
  out += line(d, iri(`${DCT}spatial`), iri('https://sws.geonames.org/2711537/'));
  out += line(d, iri(`${DCAT}contactPoint`), contact);
  out += line(contact, RDF_TYPE, iri(`${VCARD}Organization`));
  out += line(contact, iri(`${VCARD}fn`), lit(`Förvaltning ${i % 40}`, 'sv'));
  out += line(contact, iri(`${VCARD}hasEmail`), iri(`mailto:data${i % 40}@example.org`));
  out += line(d, iri(`${DCT}temporal`), period);
  out += line(period, RDF_TYPE, iri(`${DCT}PeriodOfTime`));
  out += line(period, iri(`${DCAT}startDate`), typed(`${2000 + (i % 20)}-01-01`, `${XSD}date`));
  out += line(period, iri(`${DCAT}endDate`), typed(`${2020 + (i % 5)}-12-31`, `${XSD}date`));
  for (let k = 0; k < 2; k++) {
    const [format, mediaType] = FORMATS[(i + k) % FORMATS.length]!;
    const dist = iri(`${datasetIri(i, base)}/${format.toLowerCase()}`);
    out += line(d, iri(`${DCAT}distribution`), dist);
    out += line(dist, RDF_TYPE, iri(`${DCAT}Distribution`));
    out += line(dist, iri(`${DCAT}accessURL`), iri(`https://example.org/data/d${i}.${format.toLowerCase()}`));
    out += line(dist, iri(`${DCT}format`), iri(`${EU}file-type/${format}`));
    out += line(dist, iri(`${DCAT}mediaType`), iri(`http://www.iana.org/assignments/media-types/${mediaType}`));
    out += line(dist, iri(`${DCT}license`), iri('http://creativecommons.org/licenses/by/4.0/'));
    out += line(dist, iri(`${DCAT}byteSize`), typed(String(1000 + i * 7 + k), `${XSD}nonNegativeInteger`));
    out += line(dist, iri(`${DCT}description`), lit(`${format}-fil`, 'sv'));
    out += line(dist, iri('http://data.europa.eu/r5r/availability'), iri(`${EU}planned-availability/STABLE`));
  }
  return out;
}

/** The catalogue node, its publisher and the licence document: what every dataset shares. */
export function sharedNTriples(options: { title?: string; base?: string } = {}): string {
  const base = options.base ?? CATALOG_IRI;
  const c = iri(base);
  const publisher = iri(PUBLISHER_IRI);
  const licence = iri('http://creativecommons.org/licenses/by/4.0/');
  let out = '';
  out += line(c, RDF_TYPE, iri(`${DCAT}Catalog`));
  out += line(c, iri(`${DCT}title`), lit(options.title ?? 'Benchmarkkatalog', 'sv'));
  out += line(c, iri(`${DCT}description`), lit('En genererad katalog för mätningar.', 'sv'));
  out += line(c, iri(`${DCT}publisher`), publisher);
  out += line(c, iri(`${FOAF}homepage`), iri('https://example.org/oppna-data'));
  out += line(c, iri(`${DCT}language`), iri(`${EU}language/SWE`));
  out += line(c, iri(`${DCT}license`), iri('http://creativecommons.org/publicdomain/zero/1.0/'));
  out += line(c, iri(`${DCT}issued`), typed('2020-05-01', `${XSD}date`));
  out += line(c, iri(`${DCT}modified`), typed('2025-01-31', `${XSD}date`));
  out += line(c, iri(`${DCT}spatial`), iri('https://sws.geonames.org/2711537/'));
  out += line(c, iri(`${DCAT}themeTaxonomy`), iri(`${EU}data-theme`));
  out += line(publisher, RDF_TYPE, iri(`${FOAF}Organization`));
  out += line(publisher, iri(`${FOAF}name`), lit('Göteborgs Stad', 'sv'));
  out += line(publisher, iri(`${DCT}type`), iri('http://purl.org/adms/publishertype/LocalAuthority'));
  out += line(licence, RDF_TYPE, iri(`${DCT}LicenseDocument`));
  out += line(licence, iri(`${DCT}type`), iri('http://purl.org/adms/licencetype/Attribution'));
  return out;
}

export interface CatalogOptions {
  title?: string;
  /** Per dataset index: options for that dataset (a revision, a broken variant). */
  datasets?: Record<number, DatasetOptions>;
  base?: string;
}

/** A whole catalogue of `count` datasets as N-Triples (about 31 lines per dataset plus 16 shared lines). */
export function catalogNTriples(count: number, options: CatalogOptions = {}): string {
  const parts = [sharedNTriples({ title: options.title, base: options.base })];
  for (let i = 0; i < count; i++) parts.push(datasetNTriples(i, { base: options.base, ...options.datasets?.[i] }));
  return parts.join('');
}
