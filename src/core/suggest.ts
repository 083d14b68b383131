/** "Did you mean …?" for a mistyped option or setting name. */
import { distance } from 'fastest-levenshtein';

/** The closest of `candidates` to `input`, when it is close enough to be a typo (at most a third of it differs). */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const value = distance(input.toLowerCase(), candidate.toLowerCase());
    if (value < bestDistance) [best, bestDistance] = [candidate, value];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.max(input.length, best.length) / 3)) ? best : undefined;
}
