import fs from 'node:fs';
import path from 'node:path';
import type { Organisations } from '../../src/organisations/organisations.js';
import { DEMO_SEED, planCatalogSizes, streamCatalogNTriples } from '../../src/demo/region-generator.js';

/** One organisation's generated catalog on disk, as N-Triples, ready to PUT to `/catalogs/{id}`. */
export interface CatalogFile {
  id: string;
  file: string;
  triples: number;
  bytes: number;
  datasets: string[];
}

/**
 * Every organisation's catalog written to `dir`, one file each, in ~1 MiB pieces so no string holds a whole catalog
 * of the EU scale. Untimed: generating is the bench's work, not the server's.
 */
export function writeCatalogFiles(dir: string, organisations: Organisations, datasets: number, baseUrl: string): CatalogFile[] {
  fs.mkdirSync(dir, { recursive: true });
  const list = organisations.all();
  const sizes = planCatalogSizes(list, datasets, DEMO_SEED);
  return list.map((org, index) => {
    const file = path.join(dir, `${org.id}.nt`);
    const fd = fs.openSync(file, 'w');
    let bytes = 0;
    try {
      const written = streamCatalogNTriples(org, { seed: DEMO_SEED, baseUrl, size: sizes[index]!, index, publisherIri: organisations.publisherIri(org) }, (piece) => {
        bytes += fs.writeSync(fd, piece);
      });
      return { id: org.id, file, triples: written.triples, bytes, datasets: written.datasets };
    } finally {
      fs.closeSync(fd);
    }
  });
}

const MODIFIED = '<http://purl.org/dc/terms/modified>';

/**
 * The catalog with `share` of its datasets revised (at least one): each chosen dataset's `dct:modified` moves to
 * `revisedOn`, what a publisher's nightly export changes. Returns the new text and how many datasets changed.
 */
export function reviseCatalog(catalog: CatalogFile, share: number, revisedOn: string, round: number): { text: Buffer<ArrayBuffer>; changed: number } {
  const every = Math.max(1, Math.round(1 / share));
  const chosen = new Set(catalog.datasets.filter((_, i) => (i + round) % every === 0).map((iri) => `<${iri}> ${MODIFIED} `));
  let changed = 0;
  const lines = fs.readFileSync(catalog.file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cut = line.indexOf(`> ${MODIFIED} `);
    if (cut < 0 || !chosen.has(line.slice(0, cut + MODIFIED.length + 3))) continue;
    lines[i] = line.replace(/"[^"]*"(\^\^<[^>]+>)/, `"${revisedOn}"$1`);
    changed++;
  }
  return { text: Buffer.from(lines.join('\n'), 'utf8'), changed };
}
