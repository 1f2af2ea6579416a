import type { CatalogRecord } from '../catalogs/catalog-record.js';
import type { DatasetIndex } from '../search/dataset-index.js';
import type { LangValues } from '../search/dataset-summary.js';
import type { Dimension, Rating } from './indicators.js';
import { catalogResult, datasetResult, type CatalogQuality } from './quality.js';

/** Datasets per page of /catalogs/{id}/quality (JSON and HTML); a 10,000-dataset catalog's whole list is megabytes. */
export const QUALITY_PAGE_SIZE = 100;
export const MAX_QUALITY_PAGE_SIZE = 1000;

/** What the JSON says about indicators marked `networkChecked: false`. */
export const NETWORK_NOTE =
  'Indicators with networkChecked false are, in the MQA, checked by requesting the URL (2xx/3xx counts). This server does not request publishers\u2019 URLs: it scores them from the metadata alone, as met when an http(s) URL is stated.';

export interface DatasetQualityRow {
  iri: string;
  title: LangValues;
  score: number;
  rating: Rating;
  dimensions: Record<Dimension, number>;
  /** Indicator id → points. */
  indicators: Record<string, number>;
}

export interface CatalogQualityReport extends CatalogQuality {
  profile: string;
  /** Whether the catalog's profile is DCAT-AP or builds on it (the compliance indicator). */
  dcatApCompliant: boolean;
  /** When the catalog was last written; the scores follow a moment later (the index status says when they caught up). */
  modified: string;
  note: string;
  /** Writes were waiting to be indexed when this was made: the figures may not include the latest one yet. */
  pending: boolean;
  page: { page: number; pageSize: number; total: number };
  datasets: DatasetQualityRow[];
}

/** The quality of a public catalog as the dataset index holds it, with one page of its datasets (lowest score first). */
export function catalogQualityReport(
  index: Pick<DatasetIndex, 'summariesOf'>,
  record: CatalogRecord,
  compliant: boolean,
  paging: { page: number; pageSize: number },
  pending = false,
): CatalogQualityReport {
  const summaries = index.summariesOf(record.id);
  const result = catalogResult(record.id, summaries.map((s) => s.quality));
  // Lowest first: the datasets most worth improving; ties by IRI so pages are stable.
  const ordered = [...summaries].sort((a, b) => a.quality.score - b.quality.score || (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
  const start = (paging.page - 1) * paging.pageSize;
  const rows = ordered.slice(start, start + paging.pageSize).map((summary) => {
    const r = datasetResult(summary.quality);
    return {
      iri: summary.iri,
      title: summary.title,
      score: r.score,
      rating: r.rating,
      dimensions: Object.fromEntries(r.dimensions.map((d) => [d.dimension, d.points])) as Record<Dimension, number>,
      indicators: Object.fromEntries(r.indicators.map((i) => [i.id, i.points])),
    };
  });
  return {
    ...result,
    profile: record.profile,
    dcatApCompliant: compliant,
    modified: record.modified,
    note: NETWORK_NOTE,
    pending,
    page: { ...paging, total: summaries.length },
    datasets: rows,
  };
}
