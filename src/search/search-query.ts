import { badRequest } from '../http/errors.js';
import { FACETS, type FacetName, type SearchQuery } from './dataset-summary.js';

export const DEFAULT_SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE_SIZE = 100;
/** Deeper pages than this are no use to a person and cost a sort of the whole match; harvesters page /catalog. */
export const MAX_SEARCH_PAGE = 1000;
const MAX_QUERY_LENGTH = 500;
const MAX_FILTER_VALUES = 50;

type Params = Record<string, unknown>;

/** The /search parameters (`q`, the facet filters, `sort`, `page`, `pageSize`, `lang`); 400 on a bad value. */
export function parseSearchQuery(params: Params, defaultLang: 'sv' | 'en' = 'sv'): SearchQuery {
  const q = single(params, 'q') ?? '';
  if (q.length > MAX_QUERY_LENGTH) throw badRequest(`q is longer than ${MAX_QUERY_LENGTH} characters`, { parameter: 'q', limit: MAX_QUERY_LENGTH });
  const filters: Partial<Record<FacetName, string[]>> = {};
  for (const facet of FACETS) {
    const values = many(params, facet).filter((v) => v !== '');
    if (values.length > MAX_FILTER_VALUES) throw badRequest(`At most ${MAX_FILTER_VALUES} values of ${facet} can be given`, { parameter: facet, limit: MAX_FILTER_VALUES });
    if (values.length) filters[facet] = [...new Set(values)];
  }
  const sort = single(params, 'sort') ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'modified') throw badRequest(`sort must be "relevance" or "modified", got "${sort}"`, { parameter: 'sort', supported: ['relevance', 'modified'] });
  const lang = single(params, 'lang') ?? defaultLang;
  if (lang !== 'sv' && lang !== 'en') throw badRequest(`lang must be "sv" or "en", got "${lang}"`, { parameter: 'lang', supported: ['sv', 'en'] });
  return {
    q,
    filters,
    sort,
    lang,
    page: integer(params, 'page', 1, MAX_SEARCH_PAGE),
    pageSize: integer(params, 'pageSize', DEFAULT_SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE),
  };
}

function many(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw badRequest(`${name} must be given as plain values`, { parameter: name });
}

function single(params: Params, name: string): string | undefined {
  const values = many(params, name);
  if (values.length > 1) throw badRequest(`${name} may be given only once`, { parameter: name });
  return values[0];
}

function integer(params: Params, name: string, fallback: number, max: number): number {
  const raw = single(params, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw badRequest(`${name} must be a whole number from 1 to ${max}, got "${raw}"`, { parameter: name, limit: max });
  }
  return Number(raw);
}
