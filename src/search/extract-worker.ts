import { extractSummaries, type ExtractedSummary, type ExtractRequest } from './extract.js';

/** Piscina task: a 10,000-dataset catalog is ~300k triples, seconds of parsing that must not stall requests. */
export default function extract(request: ExtractRequest): ExtractedSummary[] {
  return extractSummaries(request);
}
