import { seededRandom, shuffleInPlace } from '../../seeded-random.ts';

/**
 * Splits items into parts of the given fractions, keeping each stratum's share equal in every part. Strata are
 * visited in sorted order and shuffled with one seeded generator, so a seed reproduces the split exactly.
 *
 * @example stratifiedSplit(reviews, (r) => `${r.source}:${r.label}`, [0.8, 0.1, 0.1], 20261125)
 */
export function stratifiedSplit<T>(items: readonly T[], stratum: (item: T) => string, fractions: readonly number[], seed: number): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = stratum(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const random = seededRandom(seed);
  const parts: T[][] = fractions.map(() => []);
  for (const key of [...groups.keys()].sort()) {
    const group = shuffleInPlace(groups.get(key)!, random);
    let start = 0;
    fractions.forEach((fraction, index) => {
      const end = index === fractions.length - 1 ? group.length : start + Math.round(group.length * fraction);
      parts[index].push(...group.slice(start, end));
      start = end;
    });
  }
  return parts.map((part) => shuffleInPlace(part, random));
}
