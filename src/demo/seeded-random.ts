import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * A seeded random stream. Each catalog gets its own stream derived from the seed and the organisation id, so asking
 * for more datasets in total changes the sizes but not how an organisation's first datasets look.
 */
export class SeededRandom {
  private readonly rng: RandomGenerator;

  constructor(seed: number, label = '') {
    this.rng = xoroshiro128plus(label ? mix(seed, label) : seed | 0);
  }

  /** From `from` to `to`, both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** In [0, 1), with 2^-30 steps: plenty for weights and chances. */
  float(): number {
    return this.int(0, 2 ** 30 - 1) / 2 ** 30;
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** `count` distinct items in a random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, count);
  }

  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let at = this.float() * total;
    for (const item of items) {
      at -= weight(item);
      if (at < 0) return item;
    }
    return items[items.length - 1]!;
  }
}

/** FNV-1a over the label, folded with the seed: a stable 32-bit seed per (seed, label). */
function mix(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
