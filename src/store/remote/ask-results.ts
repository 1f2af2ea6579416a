import { StoreError } from '../store-error.js';

/**
 * Virtuoso 7.2.5 answers ASK as a one-row SELECT (`__ASK_RETVAL` = 1 or 0) in every results format, not as the
 * boolean result the SPARQL formats define (and with no row at all when it is false over an empty dataset). Its JSON answer is read and the boolean written here.
 */
export function askAnswer(json: unknown): boolean {
  const answer = json as { boolean?: boolean; results?: { bindings?: Record<string, { value: string }>[] } };
  if (typeof answer.boolean === 'boolean') return answer.boolean;
  const bindings = answer.results?.bindings;
  // No row at all is its "false" when the dataset is empty.
  if (Array.isArray(bindings) && bindings.length === 0) return false;
  const value = bindings?.[0]?.['__ASK_RETVAL']?.value;
  if (value === undefined) throw new StoreError('failed', 'The remote store answered an ASK query with neither a boolean nor __ASK_RETVAL');
  return value === '1' || value === 'true';
}

export function writeAskResult(answer: boolean, mediaType: string): string {
  switch (mediaType) {
    case 'application/sparql-results+json':
      return JSON.stringify({ head: {}, boolean: answer });
    case 'application/sparql-results+xml':
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>${answer}</boolean></sparql>\n`;
    case 'text/csv':
    case 'text/tab-separated-values':
      return `${answer}`;
    default:
      throw new StoreError('unsupported', `An ASK result cannot be written as ${mediaType}`);
  }
}
