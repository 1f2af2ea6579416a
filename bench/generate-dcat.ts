import fs from 'node:fs';
import path from 'node:path';
import { Organisations, type Organisation } from '../src/organisations/organisations.js';
import { DEMO_SEED, planCatalogSizes, streamCatalogNTriples } from '../src/demo/region-generator.js';

/**
 * The store benchmark's data: the demo region (`src/demo/region-generator.ts`) scaled to the requested number of
 * quads, one named graph per organisation catalog, written as one N-Triples file per graph. Files are written in
 * ~1 MiB pieces, so no string ever holds more than a slice of the data.
 */

export const BASE = 'https://dataportal-vast.example';
export const WRITE_GRAPH = `${BASE}/bench/writes`;

/**
 * Triples per dataset on average, measured on the demo region (2,180,949 triples for 50,000 datasets): how many
 * datasets to ask for. The quads actually written are counted.
 */
export const TRIPLES_PER_DATASET = 43.6;
const GENERATOR_VERSION = 2;

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
  /** A dataset every run has (the region's first): what the one-dataset queries ask for. */
  sampleDataset: string;
  files: GraphFile[];
}

/**
 * The organisations the catalogs belong to: the region's 50 in the order of the data file; past 50 they repeat as
 * `{id}-2`, `{id}-3`, … with datasets of their own, so any --catalogs is a region of that many publishers.
 */
export function benchOrganisations(catalogs: number, organisations: Organisations): { org: Organisation; publisherIri: string }[] {
  const all = organisations.all();
  return Array.from({ length: catalogs }, (_, c) => {
    const org = all[c % all.length]!;
    const round = Math.floor(c / all.length);
    const publisherIri = organisations.publisherIri(org);
    return round === 0 ? { org, publisherIri } : { org: { ...org, id: `${org.id}-${round + 1}`, name: `${org.name} ${round + 1}` }, publisherIri };
  });
}

/** Write one catalog graph to `file`, flushing about every MiB. */
function writeCatalog(file: string, org: Organisation, publisherIri: string, index: number, size: number): GraphFile & { first: string } {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    const written = streamCatalogNTriples(org, { seed: DEMO_SEED, baseUrl: BASE, size, index, publisherIri }, (piece) => {
      bytes += fs.writeSync(fd, piece);
    });
    return { graph: `${BASE}/catalogs/${org.id}`, file, quads: written.triples, bytes, datasets: written.datasets.length, first: written.datasets[0]! };
  } finally {
    fs.closeSync(fd);
  }
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
  const publishers = benchOrganisations(catalogs, Organisations.load(BASE));
  const datasets = Math.max(catalogs, Math.round(requestedQuads / TRIPLES_PER_DATASET));
  const sizes = planCatalogSizes(
    publishers.map((p) => p.org),
    datasets,
    DEMO_SEED,
  );
  const written = publishers.map(({ org, publisherIri }, c) => writeCatalog(path.join(dir, `${org.id}.nt`), org, publisherIri, c, sizes[c]!));
  const files = written.map(({ first: _, ...file }) => file);
  const data: GeneratedData = {
    version: GENERATOR_VERSION,
    requestedQuads,
    catalogs,
    quads: files.reduce((n, f) => n + f.quads, 0),
    datasets: files.reduce((n, f) => n + f.datasets, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    sampleDataset: written[0]!.first,
    files,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(data, null, 1));
  return { ...data, reused: false };
}
