/** Conforming DCAT-AP 3 catalogs of any size, for tests: one organisation, n datasets with a distribution each. */
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
  const lines = [
    '@prefix dcat: <http://www.w3.org/ns/dcat#> .',
    '@prefix dct: <http://purl.org/dc/terms/> .',
    '@prefix foaf: <http://xmlns.com/foaf/0.1/> .',
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
    `<${spec.catalogIri}> a dcat:Catalog ; dct:title "${spec.name} datakatalog"@sv ; dct:description "Öppna data från ${spec.name}."@sv ;`,
    `  dct:publisher <${publisher}>${spec.datasets ? ' ;' : ' .'}`,
  ];
  if (spec.datasets) lines.push(`  dcat:dataset ${Array.from({ length: spec.datasets }, (_, i) => `<${datasetIri(i)}>`).join(', ')} .`);
  lines.push(`<${publisher}> a foaf:Organization ; foaf:name "${spec.name}"@sv .`);
  for (let i = 0; i < spec.datasets; i++) {
    lines.push(
      `<${datasetIri(i)}> a dcat:Dataset ; dct:title "Datamängd ${i}"@sv ; dct:description "Beskrivning av datamängd ${i} från ${spec.name}."@sv ;`,
      `  dct:publisher <${publisher}> ; dct:issued "2024-01-${String((i % 28) + 1).padStart(2, '0')}"^^xsd:date ;${spec.extra ? ` ${spec.extra(i)} ;` : ''}`,
      `  dcat:distribution <${datasetIri(i)}/csv> .`,
      `<${datasetIri(i)}/csv> a dcat:Distribution ; dcat:accessURL <https://example.org/${spec.orgnr}/${i}.csv> ; dcat:byteSize "${1000 + i}"^^xsd:nonNegativeInteger .`,
    );
  }
  return lines.join('\n') + '\n';
}
