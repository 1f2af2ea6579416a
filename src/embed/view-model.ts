import type { PageLanguage } from '../http/html-pages.js';

/**
 * What `/embed/{organisation}` shows: one page of an organisation's datasets matching `q`. The route fills it from
 * an `EmbedDatasets` source: the dataset index (`index-datasets.ts`).
 */
export interface EmbedViewModel {
  organisation: { id: string; name: string };
  q: string;
  lang: PageLanguage;
  total: number;
  results: EmbedDataset[];
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface EmbedDataset {
  iri: string;
  title: string;
  description: string;
  /** dct:modified (or dct:issued) as written: an xsd:date or xsd:dateTime lexical form; null when neither is given. */
  modified: string | null;
  /** Where a person reads about the dataset (its landing page, or the portal's page); null links to the IRI. */
  url: string | null;
}

export interface EmbedQuery {
  organisation: string;
  q: string;
  lang: PageLanguage;
  page: number;
  pageSize: number;
}

/** One page of an organisation's datasets; the total counts all matches, not only the page. */
export interface EmbedDatasets {
  find(query: EmbedQuery): Promise<{ total: number; results: EmbedDataset[] }>;
}

export const EMBED_PAGE_SIZE = 10;
/** Pages past this are refused: a deep OFFSET costs the store, and nobody pages through 10,000 datasets by hand. */
export const EMBED_MAX_PAGE = 1000;
export const EMBED_MAX_QUERY_LENGTH = 200;
