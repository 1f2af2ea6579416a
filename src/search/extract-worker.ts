import { extractSummaries, type ExtractRequest } from './extract.js';
import type { DatasetSummary } from './dataset-summary.js';

/** Piscina task: a 10,000-dataset catalog is ~300k triples, seconds of parsing that must not stall requests. */
export default function extract(request: ExtractRequest): DatasetSummary[] {
  return extractSummaries(request);
}
