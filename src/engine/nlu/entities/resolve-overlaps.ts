import type { Candidate } from './candidate.ts';

/**
 * Keeps a set of non-overlapping candidates: longer spans first, then higher priority, then earlier start.
 * Returns them sorted by position. Runs in O(n log n + covered characters).
 */
export function resolveOverlaps(candidates: Candidate[], textLength: number): Candidate[] {
  const valid = candidates.filter(
    (found) => found.start >= 0 && found.end > found.start && found.end <= textLength && found.value !== '',
  );
  valid.sort(
    (left, right) =>
      right.end - right.start - (left.end - left.start) || right.priority - left.priority || left.start - right.start,
  );
  const taken = new Uint8Array(textLength);
  const kept: Candidate[] = [];
  for (const found of valid) {
    let free = true;
    for (let index = found.start; index < found.end; index += 1) {
      if (taken[index]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, found.start, found.end);
    kept.push(found);
  }
  return kept.sort((left, right) => left.start - right.start || left.end - right.end);
}
