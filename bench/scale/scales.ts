/**
 * The three scales of issue 10's benchmark. Datasets come from the project's one generator
 * (src/demo/region-generator.ts, about 44 triples per dataset); organisations past the region's own 50 are generated
 * (scale-organisations.ts) and given to the server with ORGANISATIONS_FILE, as a national portal would give its list.
 */
export interface Scale {
  name: ScaleName;
  organisations: number;
  datasets: number;
  /** What the bench leaves out at this scale, and why (printed with the results). */
  note?: string;
}

export type ScaleName = 'regional' | 'national' | 'eu';

export const SCALES: Record<ScaleName, Scale> = {
  regional: { name: 'regional', organisations: 50, datasets: 10_000 },
  national: { name: 'national', organisations: 300, datasets: 50_000 },
  // data.europa.eu harvests about 180 catalogs; 400 publishers keep each catalog near 1,000 datasets.
  eu: { name: 'eu', organisations: 400, datasets: 400_000 },
};

export function scaleNamed(raw: string): Scale {
  const scale = SCALES[raw as ScaleName];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}; got "${raw}"`);
  return scale;
}
