import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { negotiate } from '../http/negotiate.js';
import { pickText } from './dataset-index.js';
import type { SearchQuery, SearchResult } from './dataset-summary.js';
import { parseSearchQuery } from './search-query.js';

/** What /search offers: JSON first (scripts, the embed widget), the portal's page for browsers. */
const SEARCH_TYPES = ['application/json', 'text/html'];

/** The seam for every view of /search: the parsed query and its result, whatever the representation. */
export function runSearch(ctx: Pick<AppContext, 'datasets'>, req: Request): { query: SearchQuery; result: SearchResult } {
  const query = parseSearchQuery(req.query as Record<string, unknown>);
  return { query, result: ctx.datasets.search(query) };
}

/**
 * The JSON form of a search result: the contract's shape, plus the catalog and organisation ids and `url`, where the
 * dataset's description is served (its IRI under BASE_URL, else /resource?iri=…).
 */
export function searchJson(ctx: Pick<AppContext, 'organisations' | 'config'>, query: SearchQuery, result: SearchResult) {
  return {
    total: result.total,
    results: result.results.map((d) => ({
      iri: d.iri,
      title: pickText(d.title, query.lang),
      description: pickText(d.description, query.lang),
      publisher: ctx.organisations.get(d.organisation)?.name ?? d.organisation,
      modified: d.modified,
      catalog: d.catalog,
      organisation: d.organisation,
      url: d.iri.startsWith(`${ctx.config.baseUrl}/`) ? d.iri : `${ctx.config.baseUrl}/resource?iri=${encodeURIComponent(d.iri)}`,
    })),
    facets: result.facets,
  };
}

/** GET /search: datasets by text and facets, from the dataset index (never a store query). */
export function searchEndpoint(ctx: AppContext, page: (req: Request, res: Response) => void) {
  return (req: Request, res: Response): void => {
    res.setHeader('Vary', 'Accept');
    if (negotiate(req.headers, SEARCH_TYPES) === 'text/html') return page(req, res);
    const { query, result } = runSearch(ctx, req);
    res.setHeader('Cache-Control', 'no-cache');
    res.json(searchJson(ctx, query, result));
  };
}
