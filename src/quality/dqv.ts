import { createHash } from 'node:crypto';
import { catalogGraph } from '../catalogs/catalog-id.js';
import { DQV, MQA, RDF_TYPE, xsd } from '../rdf/vocabulary.js';
import type { DatasetSummary } from '../search/dataset-summary.js';
import { DIMENSIONS, INDICATORS } from './indicators.js';
import { catalogResult } from './quality.js';

const DECIMAL = xsd('decimal');

/** The named graph holding a catalog's quality measurements: `{BASE_URL}/quality/{catalog}`. */
export const qualityGraph = (baseUrl: string, catalog: string) => `${baseUrl}/quality/${catalog}`;
export const QUALITY_MOUNT = '/quality/';

/**
 * A dataset's score as one DQV measurement, four triples. Only the total per dataset: 10,000 datasets are 40,000
 * triples, which the store takes in well under a second; the per-indicator figures of each dataset are in the JSON
 * of /catalogs/{id}/quality and are readable from the catalog graph itself with SPARQL.
 */
export function datasetMeasurement(baseUrl: string, summary: DatasetSummary): string {
  const id = createHash('sha256').update(summary.iri).digest('hex').slice(0, 24);
  return measurement(`${qualityGraph(baseUrl, summary.catalog)}/datasets/${id}`, summary.iri, `${MQA}score`, summary.quality.score);
}

/**
 * The catalog's measurements (computed on the catalog's graph, `{BASE_URL}/catalogs/{id}`, the catalog as this
 * server publishes it): the score, each dimension's points and each indicator's share.
 */
export function catalogMeasurements(baseUrl: string, catalog: string, summaries: DatasetSummary[]): string {
  const result = catalogResult(catalog, summaries.map((s) => s.quality));
  const on = catalogGraph(baseUrl, catalog);
  const at = (metric: string) => `${qualityGraph(baseUrl, catalog)}/catalog/${metric}`;
  const lines = [measurement(at('score'), on, `${MQA}score`, result.score), measurement(at('datasets'), on, `${MQA}datasetCount`, result.datasetCount)];
  for (const d of result.dimensions) lines.push(measurement(at(d.dimension), on, `${MQA}${d.dimension}`, d.points));
  for (const i of result.indicators) lines.push(measurement(at(i.id), on, `${MQA}${i.id}`, i.met));
  return lines.join('');
}

function measurement(iri: string, on: string, metric: string, value: number): string {
  const s = `<${iri}>`;
  return (
    `${s} <${RDF_TYPE}> <${DQV}QualityMeasurement> .\n` +
    `${s} <${DQV}computedOn> <${on}> .\n` +
    `${s} <${DQV}isMeasurementOf> <${metric}> .\n` +
    // String(n) of a two-decimal number is the canonical xsd:decimal form the store keeps, so removal finds it.
    `${s} <${DQV}value> "${String(value)}"^^<${DECIMAL}> .\n`
  );
}

/** Every metric IRI this module writes (the vocabulary test checks each is defined in ontologies/quality-mqa.ttl). */
export const METRICS = [`${MQA}score`, `${MQA}datasetCount`, ...DIMENSIONS.map((d) => `${MQA}${d}`), ...INDICATORS.map((i) => `${MQA}${i.id}`)];
