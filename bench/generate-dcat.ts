import fs from 'node:fs';
import path from 'node:path';

/**
 * Deterministic DCAT-AP-like test data: one named graph per organisation catalog, written as one N-Triples file per
 * graph. Files are written in ~1 MiB pieces, so no string ever holds more than a slice of the data.
 */

export const BASE = 'https://dataportal-vast.example';
export const WRITE_GRAPH = `${BASE}/bench/writes`;

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/';
const FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';

/** Triples per dataset, counting the catalog's dcat:dataset link to it. */
export const TRIPLES_PER_DATASET = 31;
const PUBLISHERS_PER_CATALOG = 10;
/** Catalog description plus its publishers. */
const HEADER_TRIPLES = 4 + PUBLISHERS_PER_CATALOG * 2;
const GENERATOR_VERSION = 1;

/** Swedish/English word pairs for titles, descriptions and keywords. */
const WORDS: [string, string][] = [
  ['vatten', 'water'], ['luftkvalitet', 'air quality'], ['kollektivtrafik', 'public transport'], ['befolkning', 'population'],
  ['skola', 'school'], ['förskola', 'preschool'], ['vård', 'health care'], ['tandvård', 'dental care'],
  ['cykelvägar', 'cycle paths'], ['parkering', 'parking'], ['avfall', 'waste'], ['återvinning', 'recycling'],
  ['energi', 'energy'], ['elförbrukning', 'electricity use'], ['bygglov', 'building permits'], ['detaljplaner', 'zoning plans'],
  ['naturreservat', 'nature reserves'], ['badplatser', 'bathing sites'], ['vattenkvalitet', 'water quality'], ['buller', 'noise'],
  ['trafikolyckor', 'traffic accidents'], ['vägarbeten', 'road works'], ['bibliotek', 'libraries'], ['kultur', 'culture'],
  ['idrottsanläggningar', 'sports facilities'], ['lekplatser', 'playgrounds'], ['äldreomsorg', 'elderly care'], ['bostäder', 'housing'],
  ['arbetsmarknad', 'labour market'], ['näringsliv', 'business'], ['turism', 'tourism'], ['budget', 'budget'],
  ['upphandling', 'procurement'], ['valresultat', 'election results'], ['väder', 'weather'], ['nederbörd', 'precipitation'],
  ['grundvatten', 'groundwater'], ['skog', 'forest'], ['jordbruk', 'agriculture'], ['fiske', 'fishing'],
  ['kulturarv', 'cultural heritage'], ['fornlämningar', 'ancient monuments'], ['adresser', 'addresses'], ['fastigheter', 'properties'],
  ['ortofoto', 'orthophotos'], ['höjddata', 'elevation data'], ['laddstolpar', 'charging points'], ['hållplatser', 'bus stops'],
  ['färdtjänst', 'mobility service'], ['snöröjning', 'snow clearing'], ['belysning', 'street lighting'], ['träd', 'trees'],
  ['pollen', 'pollen'], ['smittskydd', 'infection control'], ['vaccinationer', 'vaccinations'], ['väntetider', 'waiting times'],
  ['kommunfullmäktige', 'municipal council'], ['protokoll', 'minutes'], ['statistik', 'statistics'], ['inkomster', 'income'],
];
const PLACES = [
  'Göteborg', 'Borås', 'Trollhättan', 'Skövde', 'Uddevalla', 'Alingsås', 'Lidköping', 'Vänersborg', 'Kungälv', 'Mölndal',
  'Lerum', 'Partille', 'Falköping', 'Mariestad', 'Ulricehamn', 'Strömstad', 'Kungsbacka', 'Stenungsund', 'Åmål', 'Tidaholm',
];
const THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'];
const FREQUENCIES = ['ANNUAL', 'MONTHLY', 'WEEKLY', 'DAILY', 'QUARTERLY', 'IRREG'];
const FORMATS = ['CSV', 'JSON', 'XML', 'GEOJSON', 'XLSX', 'PDF'];
const LICENSES = ['http://creativecommons.org/publicdomain/zero/1.0/', 'http://creativecommons.org/licenses/by/4.0/'];

export interface GraphFile {
  graph: string;
  file: string;
  quads: number;
  bytes: number;
  datasets: number;
}

export interface GeneratedData {
  version: number;
  requestedQuads: number;
  catalogs: number;
  quads: number;
  datasets: number;
  bytes: number;
  files: GraphFile[];
}

export const catalogGraph = (c: number) => `${BASE}/catalog/org-${pad(c, 3)}`;
export const datasetIri = (c: number, d: number) => `${BASE}/org-${pad(c, 3)}/dataset/${pad(d, 6)}`;
const publisherIri = (c: number, p: number) => `${BASE}/org-${pad(c, 3)}/publisher/${pad(p, 2)}`;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iri = (value: string) => `<${value}>`;
const text = (value: string, lang: string) => `${JSON.stringify(value)}@${lang}`;
const typed = (value: string, datatype: string) => `"${value}"^^<${XSD}${datatype}>`;
const triple = (s: string, p: string, o: string) => `${s} ${p} ${o} .\n`;

/** Datasets per catalog so that the total comes close to the requested number of quads. */
export function plan(requestedQuads: number, catalogs: number): number[] {
  const datasets = Math.max(catalogs, Math.round((requestedQuads - catalogs * HEADER_TRIPLES) / TRIPLES_PER_DATASET));
  return Array.from({ length: catalogs }, (_, c) => Math.floor(datasets / catalogs) + (c < datasets % catalogs ? 1 : 0));
}

function catalogHeader(c: number): string {
  const catalog = iri(`${BASE}/org-${pad(c, 3)}/catalog`);
  const place = PLACES[c % PLACES.length]!;
  let out = triple(catalog, RDF_TYPE, iri(`${DCAT}Catalog`));
  out += triple(catalog, iri(`${DCT}title`), text(`Öppna data från organisation ${c} i ${place}`, 'sv'));
  out += triple(catalog, iri(`${DCT}title`), text(`Open data from organisation ${c} in ${place}`, 'en'));
  out += triple(catalog, iri(`${DCT}publisher`), iri(publisherIri(c, 0)));
  for (let p = 0; p < PUBLISHERS_PER_CATALOG; p++) {
    out += triple(iri(publisherIri(c, p)), RDF_TYPE, iri(`${FOAF}Organization`));
    out += triple(iri(publisherIri(c, p)), iri(`${FOAF}name`), text(`Förvaltning ${p} i organisation ${c}`, 'sv'));
  }
  return out;
}

/** One dataset with its contact point and two distributions: TRIPLES_PER_DATASET triples. */
function dataset(c: number, d: number, next: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const ds = datasetIri(c, d);
  const s = iri(ds);
  const [a, b] = [pick(WORDS), pick(WORDS)];
  const place = pick(PLACES);
  const year = 2010 + Math.floor(next() * 15);
  const keywords = new Set<string>();
  while (keywords.size < 3) keywords.add(pick(WORDS)[0]);
  const themes = new Set<string>();
  while (themes.size < 2) themes.add(pick(THEMES));
  const issued = `${year}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`;
  const contact = iri(`${ds}#contact`);

  let out = triple(iri(`${BASE}/org-${pad(c, 3)}/catalog`), iri(`${DCAT}dataset`), s);
  out += triple(s, RDF_TYPE, iri(`${DCAT}Dataset`));
  out += triple(s, iri(`${DCT}identifier`), JSON.stringify(`org-${pad(c, 3)}-${pad(d, 6)}`));
  out += triple(s, iri(`${DCT}title`), text(`${cap(a[0])} och ${b[0]} i ${place} ${year} (${d})`, 'sv'));
  out += triple(s, iri(`${DCT}title`), text(`${cap(a[1])} and ${b[1]} in ${place} ${year} (${d})`, 'en'));
  out += triple(s, iri(`${DCT}description`), text(`Uppgifter om ${a[0]} och ${b[0]} i ${place}, insamlade ${year} av organisation ${c}. Uppdateras löpande.`, 'sv'));
  out += triple(s, iri(`${DCT}description`), text(`Data on ${a[1]} and ${b[1]} in ${place}, collected in ${year} by organisation ${c}. Updated regularly.`, 'en'));
  for (const keyword of keywords) out += triple(s, iri(`${DCAT}keyword`), text(keyword, 'sv'));
  for (const theme of themes) out += triple(s, iri(`${DCAT}theme`), iri(`${THEME}${theme}`));
  out += triple(s, iri(`${DCT}publisher`), iri(publisherIri(c, Math.floor(next() * PUBLISHERS_PER_CATALOG))));
  out += triple(s, iri(`${DCAT}contactPoint`), contact);
  out += triple(s, iri(`${DCT}issued`), typed(issued, 'date'));
  out += triple(s, iri(`${DCT}accrualPeriodicity`), iri(`${FREQUENCY}${pick(FREQUENCIES)}`));
  out += triple(contact, RDF_TYPE, iri(`${VCARD}Organization`));
  out += triple(contact, iri(`${VCARD}fn`), JSON.stringify(`Dataenheten, organisation ${c}`));
  out += triple(contact, iri(`${VCARD}hasEmail`), iri(`mailto:data@org-${pad(c, 3)}.example`));
  for (let k = 1; k <= 2; k++) {
    const dist = iri(`${ds}/distribution/${k}`);
    const format = pick(FORMATS);
    out += triple(s, iri(`${DCAT}distribution`), dist);
    out += triple(dist, RDF_TYPE, iri(`${DCAT}Distribution`));
    out += triple(dist, iri(`${DCAT}accessURL`), iri(`https://files.org-${pad(c, 3)}.example/${pad(d, 6)}/${k}.${format.toLowerCase()}`));
    out += triple(dist, iri(`${DCT}format`), iri(`${FILE_TYPE}${format}`));
    out += triple(dist, iri(`${DCAT}byteSize`), typed(String(1000 + Math.floor(next() * 5_000_000)), 'nonNegativeInteger'));
    out += triple(dist, iri(`${DCT}license`), iri(pick(LICENSES)));
  }
  return out;
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Write one catalog graph to `file`, flushing about every MiB. */
function writeCatalog(file: string, c: number, datasets: number): GraphFile {
  const next = random(0x5eed + c);
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let buffer = catalogHeader(c);
  const flush = () => {
    bytes += fs.writeSync(fd, buffer);
    buffer = '';
  };
  try {
    for (let d = 0; d < datasets; d++) {
      buffer += dataset(c, d, next);
      if (buffer.length > 1 << 20) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return { graph: catalogGraph(c), file, quads: HEADER_TRIPLES + datasets * TRIPLES_PER_DATASET, bytes, datasets };
}

/**
 * Generate (or reuse, when the same parameters were generated before) the data set under `dir`.
 * Returns the list of graph files; `manifest.json` is written last, so a half-written directory is never reused.
 */
export function generateDcat(dir: string, requestedQuads: number, catalogs: number): GeneratedData & { reused: boolean } {
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const previous = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as GeneratedData;
    const intact = previous.files.every((f) => fs.existsSync(f.file) && fs.statSync(f.file).size === f.bytes);
    if (previous.version === GENERATOR_VERSION && previous.requestedQuads === requestedQuads && previous.catalogs === catalogs && intact) {
      return { ...previous, reused: true };
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = plan(requestedQuads, catalogs).map((datasets, c) => writeCatalog(path.join(dir, `org-${pad(c, 3)}.nt`), c, datasets));
  const data: GeneratedData = {
    version: GENERATOR_VERSION,
    requestedQuads,
    catalogs,
    quads: files.reduce((n, f) => n + f.quads, 0),
    datasets: files.reduce((n, f) => n + f.datasets, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    files,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(data, null, 1));
  return { ...data, reused: false };
}
