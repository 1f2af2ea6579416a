/**
 * The data.europa.eu Metadata Quality Assessment (MQA) indicators with the points the methodology gives them
 * (../shared/spec/quality-mqa.md §2): five dimensions, 405 points in all. The order of INDICATORS is the order of
 * `DatasetQuality.met` and of every listing, so it must only ever be appended to (persisted index files hold it;
 * changing it means bumping the index file format).
 */

export const DIMENSIONS = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Where an indicator is looked for. `distribution`: scored as the share of the dataset's distributions that meet it
 * (a dataset without distributions scores 0); `dataset-or-distribution`: met when the dataset or any of its
 * distributions states it; `catalog`: taken from the catalog's validation state.
 */
export type Level = 'dataset' | 'distribution' | 'dataset-or-distribution' | 'catalog';

export interface Indicator {
  /** Stable name: the last segment of the metric IRI in ontologies/quality.ttl. */
  id: string;
  dimension: Dimension;
  points: number;
  level: Level;
  /**
   * False for the indicators the MQA checks over HTTP (does the URL answer 2xx/3xx?). This server does not fetch
   * publishers' URLs: it scores them from the metadata alone, as met when an http(s) URL is stated.
   */
  networkChecked: boolean;
}

export const INDICATORS: readonly Indicator[] = [
  { id: 'keywordUsage', dimension: 'findability', points: 30, level: 'dataset', networkChecked: true },
  { id: 'categories', dimension: 'findability', points: 30, level: 'dataset', networkChecked: true },
  { id: 'geoSearch', dimension: 'findability', points: 20, level: 'dataset', networkChecked: true },
  { id: 'timeBasedSearch', dimension: 'findability', points: 20, level: 'dataset', networkChecked: true },
  { id: 'accessUrlAccessibility', dimension: 'accessibility', points: 50, level: 'distribution', networkChecked: false },
  { id: 'downloadUrl', dimension: 'accessibility', points: 20, level: 'distribution', networkChecked: true },
  { id: 'downloadUrlAccessibility', dimension: 'accessibility', points: 30, level: 'distribution', networkChecked: false },
  { id: 'format', dimension: 'interoperability', points: 20, level: 'distribution', networkChecked: true },
  { id: 'mediaType', dimension: 'interoperability', points: 10, level: 'distribution', networkChecked: true },
  { id: 'formatFromVocabulary', dimension: 'interoperability', points: 10, level: 'distribution', networkChecked: true },
  { id: 'nonProprietary', dimension: 'interoperability', points: 20, level: 'distribution', networkChecked: true },
  { id: 'machineReadable', dimension: 'interoperability', points: 20, level: 'distribution', networkChecked: true },
  { id: 'dcatApCompliance', dimension: 'interoperability', points: 30, level: 'catalog', networkChecked: true },
  { id: 'licenceInformation', dimension: 'reusability', points: 20, level: 'distribution', networkChecked: true },
  { id: 'licenceVocabulary', dimension: 'reusability', points: 10, level: 'distribution', networkChecked: true },
  { id: 'accessRestrictions', dimension: 'reusability', points: 10, level: 'dataset', networkChecked: true },
  { id: 'accessRestrictionsVocabulary', dimension: 'reusability', points: 5, level: 'dataset', networkChecked: true },
  { id: 'contactPoint', dimension: 'reusability', points: 20, level: 'dataset', networkChecked: true },
  { id: 'publisher', dimension: 'reusability', points: 10, level: 'dataset', networkChecked: true },
  { id: 'rights', dimension: 'contextuality', points: 5, level: 'distribution', networkChecked: true },
  { id: 'fileSize', dimension: 'contextuality', points: 5, level: 'distribution', networkChecked: true },
  { id: 'dateOfIssue', dimension: 'contextuality', points: 5, level: 'dataset-or-distribution', networkChecked: true },
  { id: 'modificationDate', dimension: 'contextuality', points: 5, level: 'dataset-or-distribution', networkChecked: true },
];

/** Where the compliance indicator is in `DatasetQuality.met`. */
export const COMPLIANCE_INDEX = INDICATORS.findIndex((i) => i.id === 'dcatApCompliance');

export const MAX_POINTS = INDICATORS.reduce((sum, i) => sum + i.points, 0);

export const DIMENSION_MAX: Record<Dimension, number> = Object.fromEntries(
  DIMENSIONS.map((d) => [d, INDICATORS.filter((i) => i.dimension === d).reduce((sum, i) => sum + i.points, 0)]),
) as Record<Dimension, number>;

/** The rating bands of the MQA dashboards, best first: a score at or above `from` has the rating. */
export const RATINGS = [
  { rating: 'excellent', from: 351 },
  { rating: 'good', from: 221 },
  { rating: 'sufficient', from: 121 },
  { rating: 'bad', from: 0 },
] as const;
export type Rating = (typeof RATINGS)[number]['rating'];

export function ratingOf(score: number): Rating {
  return RATINGS.find((band) => score >= band.from)!.rating;
}
