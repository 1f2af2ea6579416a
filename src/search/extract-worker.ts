import { extractSummaries, type ExtractRequest } from './extract.js';
import { describeDatasets } from './description-text.js';
import type { ExtractedCatalog } from './extract-pool.js';
import { afterTask } from '../memory/pooled-thread.js';

/** Piscina task: a 10,000-dataset catalog is ~300k triples, seconds of parsing that must not stall requests. */
export default function extract(request: ExtractRequest): ExtractedCatalog {
  try {
    const summaries = extractSummaries(request);
    return { summaries, texts: describeDatasets(request.ntriples, summaries.map((s) => s.iri)) };
  } finally {
    afterTask();
  }
}
