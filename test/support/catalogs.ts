/**
 * Conforming DCAT-AP-SE catalogs (the default profile; so DCAT-AP 3 too) of any size, for tests: one organisation, n
 * datasets with a distribution each. Minimal descriptions made with the demo region's building blocks (`src/demo/`),
 * written as Turtle: what DCAT-AP-SE makes mandatory beyond DCAT-AP 3 is the catalogue licence (CC0), the publisher's
 * type and the distribution's format.
 */
import { describeCatalog, describeDataset, describePublisher, sv } from '../../src/demo/dataset-description.js';
import { writeTurtle, type Description } from '../../src/demo/rdf-text.js';
import { FILE_TYPES, LICENCES, PUBLISHER_TYPES } from '../../src/demo/vocab-picks.js';

export interface CatalogSpec {
  /** Organisation number without hyphen, e.g. 2120001355 (Göteborg). */
  orgnr: string;
  name: string;
  catalogIri: string;
  datasetBase: string;
  datasets: number;
  /** Extra Turtle appended to every dataset's description (e.g. a changed title). */
  extra?: (i: number) => string;
}

export function publisherIri(orgnr: string): string {
  return `http://dataportal.se/organisation/SE${orgnr}`;
}

export function makeCatalog(spec: CatalogSpec): string {
  const publisher = publisherIri(spec.orgnr);
  const datasetIri = (i: number) => `${spec.datasetBase}/dataset-${i}`;
  const indexes = Array.from({ length: spec.datasets }, (_, i) => i);
  const descriptions: Description[] = [
    describeCatalog({
      iri: spec.catalogIri,
      titles: [sv(`${spec.name} datakatalog`)],
      descriptions: [sv(`Öppna data från ${spec.name}.`)],
      publisher,
      licence: LICENCES.CC0,
      datasets: indexes.map(datasetIri),
    }),
    describePublisher({ iri: publisher, name: sv(spec.name), type: PUBLISHER_TYPES.kommun }),
  ];
  for (const i of indexes) {
    descriptions.push(
      ...describeDataset({
        iri: datasetIri(i),
        titles: [sv(`Datamängd ${i}`)],
        descriptions: [sv(`Beskrivning av datamängd ${i} från ${spec.name}.`)],
        publisher,
        issued: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
        distributions: [{ iri: `${datasetIri(i)}/csv`, accessUrl: `https://example.org/${spec.orgnr}/${i}.csv`, fileType: FILE_TYPES.CSV, formatOnly: true, byteSize: 1000 + i }],
      }),
    );
  }
  // The caller's Turtle is its own statement about the dataset: Turtle lets a subject be described in several.
  const extra = spec.extra ? indexes.map((i) => `<${datasetIri(i)}> ${spec.extra!(i)} .\n`).join('') : '';
  return writeTurtle(descriptions) + extra;
}
