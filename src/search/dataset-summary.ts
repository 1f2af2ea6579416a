import type { DatasetQuality } from '../quality/quality.js';

/**
 * What the portal knows of one dataset (or dataset series) of a public catalog without asking the store: extracted
 * from the catalog's graph after every write that touches it, kept in memory and on disk by the dataset index.
 * Pages, /search, the paged /catalog and the embed widget all read these.
 */
export interface DatasetSummary {
  iri: string;
  type: 'Dataset' | 'DatasetSeries';
  /** The catalog id (the graph is `{BASE_URL}/catalogs/{catalog}`). */
  catalog: string;
  /** The organisation id that owns the catalog. */
  organisation: string;
  /** Language tag → text (`''` for an untagged literal); one value per language. */
  title: LangValues;
  description: LangValues;
  keywords: { value: string; lang: string }[];
  /** IRIs of dcat:theme. */
  themes: string[];
  /** dct:format of the distributions (an IRI, or a literal's text); dcat:mediaType where a distribution has no format. */
  formats: string[];
  /** dct:license IRIs of the distributions (and of the dataset, where given). */
  licenses: string[];
  /** dct:accessRights IRIs. */
  accessRights: string[];
  /** dct:modified as written (xsd:date or xsd:dateTime), else dct:issued; null when neither is given. */
  modified: string | null;
  /** ISO dateTime when this server last saw the description change (what `modified_since` filters on). */
  changed: string;
  distributions: number;
  /** A fingerprint of the description: an unchanged dataset keeps `changed` when its catalog is written again. */
  hash: string;
  /** The MQA score of the description (src/quality): kept here so it is computed after each write, off the request path. */
  quality: DatasetQuality;
}

export type LangValues = Record<string, string>;

/** The facets of /search, in the order pages show them. */
export const FACETS = ['organisation', 'theme', 'format', 'license', 'accessRights'] as const;
export type FacetName = (typeof FACETS)[number];

export interface FacetValue {
  /** What a filter takes: an organisation id, an EU code (TRAN, CSV, PUBLIC) or an IRI. */
  value: string;
  label: string;
  count: number;
}

export interface SearchQuery {
  /** Free text; empty lists everything that passes the filters. */
  q: string;
  /** Values within one facet are alternatives (OR); facets combine with AND. */
  filters: Partial<Record<FacetName, string[]>>;
  sort: 'relevance' | 'modified';
  /** 1-based. */
  page: number;
  pageSize: number;
  /** The language of labels and of the text preferred for titles. */
  lang: 'sv' | 'en';
}

export interface SearchResult {
  total: number;
  results: DatasetSummary[];
  /**
   * Counts among the datasets that match the query and every filter; a facet with a filter of its own is counted
   * without it (disjunctive faceting), so another of its values can still be added.
   */
  facets: Record<FacetName, FacetValue[]>;
}
