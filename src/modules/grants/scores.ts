import type { Criterion } from './schema.js';

/** One reviewer's weighted score: the weighted mean of their scores over the criteria they scored (null if none). */
export function weightedScore(scores: Record<string, number>, criteria: Criterion[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.name];
    if (s === undefined) continue;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights ? sum / weights : null;
}

/** The reviewers' weighted scores together: how many scored, the average, and the spread (highest less lowest). */
export function scoreSummary(
  reviews: { scores: Record<string, number>; conflict: boolean }[],
  criteria: Criterion[],
): { count: number; average: number | null; spread: number | null } {
  const each = reviews
    .filter((r) => !r.conflict)
    .map((r) => weightedScore(r.scores, criteria))
    .filter((s): s is number => s !== null);
  if (!each.length) return { count: 0, average: null, spread: null };
  return { count: each.length, average: each.reduce((a, b) => a + b, 0) / each.length, spread: Math.max(...each) - Math.min(...each) };
}
