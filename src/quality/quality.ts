import { DIMENSIONS, DIMENSION_MAX, INDICATORS, MAX_POINTS, RATINGS, ratingOf, type Dimension, type Level, type Rating } from './indicators.js';

/**
 * A dataset's MQA as the dataset index keeps it (persisted with its summary): for each indicator, in INDICATORS
 * order, the share in which it is met (0 or 1; for distribution indicators the share of distributions that meet it),
 * and the resulting points.
 */
export interface DatasetQuality {
  met: number[];
  score: number;
}

export interface IndicatorResult {
  id: string;
  dimension: Dimension;
  level: Level;
  /** 0–1: the share of datasets (catalog) or distributions (dataset, distribution indicators) that meet it. */
  met: number;
  points: number;
  maxPoints: number;
  networkChecked: boolean;
}

export interface DimensionResult {
  dimension: Dimension;
  points: number;
  maxPoints: number;
}

export interface QualityResult {
  score: number;
  maxPoints: number;
  rating: Rating;
  dimensions: DimensionResult[];
  indicators: IndicatorResult[];
}

export interface CatalogQuality extends QualityResult {
  catalog: string;
  datasetCount: number;
  /** Datasets per rating band, best first. */
  ratings: { rating: Rating; from: number; datasets: number }[];
}

/** The full result of one dataset, from its kept shares. */
export function datasetResult(quality: DatasetQuality): QualityResult {
  return result(quality.met);
}

/**
 * A catalog's MQA: each indicator's share averaged over its datasets, so the catalog's points are the mean of its
 * datasets' points (the methodology does not say how data.europa.eu forms a catalogue score; the mean keeps the
 * catalog's number on the same 405-point scale as a dataset's and its rating meaningful). No datasets: 0.
 */
export function catalogResult(catalog: string, qualities: DatasetQuality[]): CatalogQuality {
  const sums = INDICATORS.map(() => 0);
  const counts = new Map<Rating, number>();
  for (const quality of qualities) {
    quality.met.forEach((share, i) => (sums[i]! += share));
    const rating = ratingOf(quality.score);
    counts.set(rating, (counts.get(rating) ?? 0) + 1);
  }
  const met = sums.map((sum) => (qualities.length ? sum / qualities.length : 0));
  return {
    catalog,
    datasetCount: qualities.length,
    ...result(met),
    ratings: RATINGS.map((band) => ({ rating: band.rating, from: band.from, datasets: counts.get(band.rating) ?? 0 })),
  };
}

function result(met: readonly number[]): QualityResult {
  const raw = INDICATORS.map((indicator, i) => indicator.points * (met[i] ?? 0));
  const indicators = INDICATORS.map((indicator, i) => ({
    id: indicator.id,
    dimension: indicator.dimension,
    level: indicator.level,
    met: round4(met[i] ?? 0),
    points: round2(raw[i]!),
    maxPoints: indicator.points,
    networkChecked: indicator.networkChecked,
  }));
  const dimensions = DIMENSIONS.map((dimension) => ({
    dimension,
    points: round2(INDICATORS.reduce((sum, indicator, i) => (indicator.dimension === dimension ? sum + raw[i]! : sum), 0)),
    maxPoints: DIMENSION_MAX[dimension],
  }));
  const score = scoreOf(met);
  return { score, maxPoints: MAX_POINTS, rating: ratingOf(score), dimensions, indicators };
}

/** Points of the met shares, to two decimals: a dataset's score, and a catalog's from its averaged shares. */
export function scoreOf(met: readonly number[]): number {
  return round2(INDICATORS.reduce((sum, indicator, i) => sum + indicator.points * (met[i] ?? 0), 0));
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Whether two kept results differ (a recomputation that changed nothing need not be written anywhere). */
export function sameQuality(a: DatasetQuality | undefined, b: DatasetQuality | undefined): boolean {
  if (!a || !b) return a === b;
  return a.score === b.score && a.met.length === b.met.length && a.met.every((share, i) => share === b.met[i]);
}
