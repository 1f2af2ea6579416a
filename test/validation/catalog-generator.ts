/**
 * Generated DCAT-AP 3 catalogues for validation tests and the validation benchmark. Each dataset looks like what a
 * municipality publishes: titles and descriptions in Swedish and English, keywords, an EU data theme, the shared
 * publisher, its own vCard contact point (a blank node), spatial and temporal coverage, and two distributions with
 * access URL, format, licence, byte size and availability. The output conforms to `dcat-ap-3` with no warnings, so
 * any result a test sees comes from the change it made.
 *
 * Described with the demo region's building blocks (`src/demo/`); what is particular here is that everything follows
 * from the dataset number, with no random stream, and that blank nodes are labelled `_:contact{i}` and `_:period{i}`,
 * so tests can edit a dataset's lines by label.
 */
import { describeCatalog, describeDataset, describeLicence, describePublisher, en, sv } from '../../src/demo/dataset-description.js';
import { NS, iri, writeNTriples, type Description } from '../../src/demo/rdf-text.js';
import { AVAILABILITY_STABLE, FILE_TYPES, GEONAMES_GOTEBORG, LANGUAGE_SWE, LICENCES, LICENCE_TYPES, PUBLISHER_TYPES, THEME_TAXONOMY, themeIri, type FileTypeKey, type ThemeCode } from '../../src/demo/vocab-picks.js';

export const CATALOG_IRI = 'http://localhost:3030/catalogs/bench';
export const PUBLISHER_IRI = 'http://dataportal.se/organisation/SE2120001355';

const THEMES: ThemeCode[] = ['ENVI', 'TRAN', 'EDUC', 'HEAL', 'SOCI', 'ECON', 'GOVE', 'REGI'];
const FORMATS: FileTypeKey[] = ['CSV', 'JSON', 'XLSX', 'GEOJSON'];
const KEYWORDS = ['bad', 'skola', 'trafik', 'luft', 'vatten', 'parker', 'budget', 'befolkning', 'cykel', 'bibliotek'];

export function datasetIri(i: number, base = CATALOG_IRI): string {
  return `${base}/datasets/d${i}`;
}

export interface DatasetOptions {
  /** A version number mixed into the description, so a "changed" dataset differs from the original. */
  revision?: number;
  /** Leave out dct:title (a violation) to see that a broken change is caught. */
  withoutTitle?: boolean;
  base?: string;
}

/** The N-Triples describing dataset `i`: 38 triples plus its catalogue link. */
export function datasetNTriples(i: number, options: DatasetOptions = {}): string {
  const base = options.base ?? CATALOG_IRI;
  const dataset = datasetIri(i, base);
  const revision = options.revision ? ` (version ${options.revision})` : '';
  const link: Description = { iri: base, properties: [[`${NS.dcat}dataset`, iri(dataset)]] };
  const described = describeDataset({
    iri: dataset,
    titles: options.withoutTitle ? [] : [sv(`Datamängd ${i}`), en(`Dataset ${i}`)],
    descriptions: [sv(`Beskrivning av datamängd ${i}${revision}.`), en(`Description of dataset ${i}${revision}.`)],
    keywords: [0, 1, 2].map((k) => sv(KEYWORDS[(i + k) % KEYWORDS.length]!)),
    themes: [themeIri(THEMES[i % THEMES.length]!)],
    publisher: PUBLISHER_IRI,
    issued: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
    spatial: [GEONAMES_GOTEBORG],
    contactPoint: { name: sv(`Förvaltning ${i % 40}`), email: `data${i % 40}@example.org`, label: `contact${i}` },
    temporal: { start: `${2000 + (i % 20)}-01-01`, end: `${2020 + (i % 5)}-12-31`, label: `period${i}` },
    distributions: [0, 1].map((k) => {
      const key = FORMATS[(i + k) % FORMATS.length]!;
      const file = FILE_TYPES[key];
      return {
        iri: `${dataset}/${key.toLowerCase()}`,
        description: sv(`${key}-fil`),
        accessUrl: `https://example.org/data/d${i}.${file.extension}`,
        fileType: file,
        licence: LICENCES.CC_BY,
        byteSize: 1000 + i * 7 + k,
        availability: AVAILABILITY_STABLE,
      };
    }),
  });
  return writeNTriples([link, ...described]);
}

/** The catalogue node, its publisher and the licence document: what every dataset shares. */
export function sharedNTriples(options: { title?: string; base?: string } = {}): string {
  const base = options.base ?? CATALOG_IRI;
  return writeNTriples([
    describeCatalog({
      iri: base,
      titles: [sv(options.title ?? 'Benchmarkkatalog')],
      descriptions: [sv('En genererad katalog för mätningar.')],
      publisher: PUBLISHER_IRI,
      homepage: 'https://example.org/oppna-data',
      languages: [LANGUAGE_SWE],
      licence: LICENCES.CC0,
      issued: '2020-05-01',
      modified: '2025-01-31',
      spatial: [GEONAMES_GOTEBORG],
      themeTaxonomy: THEME_TAXONOMY,
      datasets: [],
    }),
    describePublisher({ iri: PUBLISHER_IRI, name: sv('Göteborgs Stad'), type: PUBLISHER_TYPES.kommun }),
    describeLicence(LICENCES.CC_BY, LICENCE_TYPES.attribution),
  ]);
}

export interface CatalogOptions {
  title?: string;
  /** Per dataset index: options for that dataset (a revision, a broken variant). */
  datasets?: Record<number, DatasetOptions>;
  base?: string;
}

/** A whole catalogue of `count` datasets as N-Triples (39 lines per dataset plus 16 shared lines). */
export function catalogNTriples(count: number, options: CatalogOptions = {}): string {
  const parts = [sharedNTriples({ title: options.title, base: options.base })];
  for (let i = 0; i < count; i++) parts.push(datasetNTriples(i, { base: options.base, ...options.datasets?.[i] }));
  return parts.join('');
}
