import type { Rating } from '../quality/indicators.js';
/**
 * What the portal's pages are rendered from: plain objects, independent of where the data comes from. Dataset lists
 * are the index's `DatasetSummary`; single resources are what `describe-view.ts` builds from their N-Triples. Texts
 * keep every language given (`LangValues`); the renderer picks one for the page and marks the others with `lang`.
 */
import type { Organisation } from '../organisations/organisations.js';
import type { GroupedReport } from '../validation/report-groups.js';
import type { DatasetSummary, LangValues, SearchQuery, SearchResult } from '../search/dataset-summary.js';

export type { DatasetSummary, LangValues, SearchQuery, SearchResult };

/** One page of a longer list; `page` is 1-based. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RegionFigures {
  datasets: number;
  catalogs: number;
  organisations: number;
  distributions: number;
}

export interface OrganisationCount {
  id: string;
  name: string;
  datasets: number;
}

export interface HomeModel {
  figures: RegionFigures;
  /** Newest first; the home page shows them all, so send about ten. */
  latest: DatasetSummary[];
  /** Organisations that publish, in the order to show them. */
  organisations: OrganisationCount[];
}

export interface CatalogSummary {
  id: string;
  title: LangValues;
  datasets: number;
  /** When the server last saw the catalog change (ISO dateTime), null if never. */
  modified: string | null;
}

export interface OrganisationModel {
  organisation: Organisation;
  catalogs: CatalogSummary[];
  datasets: Paged<DatasetSummary>;
  /** The text searched for within the organisation, if any ('' for none). */
  q: string;
}

/** The catalog's validation against its profile as last written; the report is at /catalogs/{id}/validation. */
export interface ValidationStatus {
  conforms: boolean;
  violations: number;
  warnings: number;
}

export interface CatalogModel {
  /** The catalog id: `/catalogs/{id}` and its graph. */
  id: string;
  catalog: CatalogView;
  /** The validation profile id (`dcat-ap-3`). */
  profile: string;
  datasetCount: number;
  /** When the server last saw the catalog change (ISO dateTime). */
  lastChange: string | null;
  validation: ValidationStatus | null;
  datasets: Paged<DatasetSummary>;
  /** The catalog's MQA score (mean of its datasets'), when the index holds it. */
  quality?: QualitySummary;
}

/** A score as dataset and catalog pages show it, linking to /catalogs/{id}/quality. */
export interface QualitySummary {
  score: number;
  maxPoints: number;
  rating: Rating;
}

export interface DatasetModel {
  dataset: DatasetView;
  /** The catalog the dataset is published in. */
  catalog: { id: string; title: LangValues } | null;
  validation: ValidationStatus | null;
  quality?: QualitySummary;
}

export interface DistributionModel {
  distribution: DistributionView;
  /** The dataset the distribution belongs to. */
  dataset: { iri: string; title: LangValues } | null;
}

export interface SearchModel {
  query: SearchQuery;
  result: SearchResult;
}

export interface ErrorModel {
  status: number;
  /** Shown below the explanation; must be safe to show anyone (never a stack trace). */
  detail?: string;
}

/**
 * A value that is an IRI (a concept, a licence document, a place) or only text (a literal where an IRI belongs, or
 * a blank node with a label). `label` is what the description itself says; the renderer prefers a vocabulary label.
 */
export interface TermView {
  iri?: string;
  label: LangValues;
}

export interface AgentView {
  iri?: string;
  name: LangValues;
  homepage?: string;
  email?: string;
}

export interface ContactView {
  iri?: string;
  name: LangValues;
  /** Without `mailto:`. */
  email?: string;
  url?: string;
  phone?: string;
}

/** A dct:PeriodOfTime; either end may be open. */
export interface PeriodView {
  start?: string;
  end?: string;
}

export interface DistributionView {
  /** Undefined for a blank-node distribution (it has no page of its own). */
  iri?: string;
  title: LangValues;
  description: LangValues;
  format?: TermView;
  mediaType?: TermView;
  accessUrls: string[];
  downloadUrls: string[];
  license?: TermView;
  accessRights?: TermView;
  byteSize?: number;
  issued?: string;
  modified?: string;
  conformsTo: TermView[];
  languages: TermView[];
}

export interface DatasetView {
  iri: string;
  type: 'Dataset' | 'DatasetSeries';
  title: LangValues;
  description: LangValues;
  publisher?: AgentView;
  themes: TermView[];
  keywords: { value: string; lang: string }[];
  distributions: DistributionView[];
  /** dct:license of the dataset itself and of its distributions, each once. */
  licenses: TermView[];
  accessRights?: TermView;
  contactPoints: ContactView[];
  temporal: PeriodView[];
  spatial: TermView[];
  issued?: string;
  modified?: string;
  landingPages: string[];
  languages: TermView[];
  frequency?: TermView;
  conformsTo: TermView[];
}

export interface CatalogView {
  iri: string;
  title: LangValues;
  description: LangValues;
  publisher?: AgentView;
  homepage?: string;
  license?: TermView;
  languages: TermView[];
  issued?: string;
  modified?: string;
}

/**
 * A validation report page: the report grouped for the page's language (validation/report-groups.ts), the groups
 * of one page of it, and where it came from — a stored catalog (its groups link to the dataset pages) or a dry run.
 */
export interface ValidationModel {
  grouped: GroupedReport;
  /** The stored catalog the report is of; absent for a dry run. */
  catalog?: { id: string; title?: LangValues };
  /** A dry run: the uploaded file's name, or undefined for pasted text or a request body. */
  source?: string;
  /** Show only this dataset's findings (`?dataset=`, the link from a dataset's page). */
  dataset?: string;
  page: number;
  pageSize: number;
}

/** The dry-run form, empty or shown again with what was sent and why it failed. */
export interface ValidateFormModel {
  profiles: { id: string; title: string }[];
  profile?: string;
  syntax?: string;
  text?: string;
  error?: { status: number; message: string; detail?: string };
}
