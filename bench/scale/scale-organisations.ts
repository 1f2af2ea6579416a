import fs from 'node:fs';
import path from 'node:path';
import { Organisations } from '../../src/organisations/organisations.js';
import { SeededRandom } from '../../src/demo/seeded-random.js';
import { packageRoot } from '../../src/package-root.js';

/**
 * The organisations of a scale: the region's 50 from data/organisations.csv, then generated municipalities
 * ("Benchkommun 51", …) with populations drawn from the real ones, so catalog sizes keep the same long tail. Written
 * in the data file's format for the server's ORGANISATIONS_FILE; the real rows are copied as they are, the generated
 * ones hold no character CSV would need to quote.
 */
export function writeScaleOrganisations(file: string, count: number, baseUrl: string): Organisations {
  const source = path.join(packageRoot(), 'data', 'organisations.csv');
  const [header, ...realRows] = fs.readFileSync(source, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const real = Organisations.load(baseUrl, source).all();
  const random = new SeededRandom(20261203, 'bench-organisations');
  const populations = real.map((org) => org.population).filter((p): p is number => p !== null);
  const rows = realRows.slice(0, count);
  for (let n = rows.length + 1; rows.length < count; n++) {
    const population = populations[Math.floor(random.float() * populations.length)]!;
    rows.push(`benchkommun-${n},Benchkommun ${n},kommun,${String(n % 10_000).padStart(4, '0')},,${population},2024,benchkommun-${n}.example.se,`);
  }
  fs.writeFileSync(file, [header, ...rows].join('\n') + '\n');
  return Organisations.load(baseUrl, file);
}
