import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import { queryMix, type BenchQuery } from '../queries.js';
import { catalogPageQuery, HOME_QUERY, searchQuery } from '../portal-queries.js';

const JSON_RESULTS = 'application/sparql-results+json';
/** The real portal queries (DIGG, GovData, NKOD, FDK) are reference material, read where the team keeps them. */
export const REFERENCE_QUERIES = path.join(packageRoot(), '..', 'shared', 'reference', 'queries');

/**
 * The portal query mix at scale: the store bench's read queries, the SPARQL a portal built on /sparql would run
 * for its home page, a search with facets and a catalog page, and the real queries other portals publish as examples
 * (when ../shared/reference is present). Each in the format a portal would ask for.
 */
export function scaleQueryMix(sampleDataset: string, catalogGraph: string): { queries: BenchQuery[]; skipped?: string } {
  const queries: BenchQuery[] = [
    ...queryMix(sampleDataset),
    { name: 'portal home (counts, latest, per catalog)', sparql: HOME_QUERY, resultsFormat: 'json', accept: JSON_RESULTS },
    { name: 'portal search "skol" with 5 facets', sparql: searchQuery({ words: ['skol'] }, 'title'), resultsFormat: 'json', accept: JSON_RESULTS },
    { name: 'portal search in one catalog by theme', sparql: searchQuery({ graph: catalogGraph, theme: 'http://publications.europa.eu/resource/authority/data-theme/EDUC' }, 'modified'), resultsFormat: 'json', accept: JSON_RESULTS },
    { name: 'catalog page 100 at offset 1,000 (CONSTRUCT)', sparql: catalogPageQuery(1_000, 100), resultsFormat: 'nt', accept: 'application/n-triples' },
  ];
  if (!fs.existsSync(REFERENCE_QUERIES)) {
    return { queries, skipped: `real portal queries skipped: ${REFERENCE_QUERIES} is absent` };
  }
  for (const portal of fs.readdirSync(REFERENCE_QUERIES).sort()) {
    const dir = path.join(REFERENCE_QUERIES, portal);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.rq')).sort()) {
      const sparql = fs.readFileSync(path.join(dir, file), 'utf8');
      const form = queryForm(sparql);
      queries.push({
        name: `${portal}/${file}`,
        sparql,
        resultsFormat: form === 'graph' ? 'nt' : 'json',
        accept: form === 'graph' ? 'application/n-triples' : JSON_RESULTS,
      });
    }
  }
  return { queries };
}

/** Whether a query gives a graph (CONSTRUCT, DESCRIBE) or results: the first keyword after comments and prologue. */
function queryForm(sparql: string): 'graph' | 'results' {
  const body = sparql.replace(/#[^\n]*/g, '').replace(/\b(PREFIX|BASE)\b[^\n]*/gi, '');
  const keyword = /\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b/i.exec(body)?.[1]?.toUpperCase();
  return keyword === 'CONSTRUCT' || keyword === 'DESCRIBE' ? 'graph' : 'results';
}
