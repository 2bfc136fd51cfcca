/**
 * Holm's step-down method: which of many hypotheses to reject so that the chance of rejecting any
 * true one stays at most `alpha` (the family-wise error rate), whatever their dependence. Sorted by
 * p-value, the i-th smallest (from 0) is tested at alpha / (m − i), and testing stops at the first
 * that fails. Uniformly more powerful than Bonferroni (every p at alpha / m). Pure.
 */
export function holmRejects(pValues: readonly number[], alpha: number): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((a, b) => a.p - b.p);
  const rejected = new Array<boolean>(m).fill(false);
  for (let k = 0; k < m; k++) {
    const { p, i } = order[k] as { p: number; i: number };
    if (p > alpha / (m - k)) break;
    rejected[i] = true;
  }
  return rejected;
}

/** The level Holm tests the k-th smallest of m p-values at (k from 0): alpha / m for the smallest. */
export function holmLevel(k: number, m: number, alpha: number): number {
  return alpha / Math.max(1, m - k);
}

/**
 * The level each hypothesis was rejected at by Holm's method (alpha / (m − k) for the k-th
 * smallest), or undefined where it was not: an interval drawn at that level agrees with the
 * decision, where one at alpha / m may not (the last of nine rejected at alpha, shown at alpha / 9).
 */
export function holmRejectionLevels(pValues: readonly number[], alpha: number): Array<number | undefined> {
  const m = pValues.length;
  const rejected = holmRejects(pValues, alpha);
  const order = pValues.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((a, b) => a.p - b.p);
  const levels = new Array<number | undefined>(m).fill(undefined);
  order.forEach(({ i }, k) => {
    if (rejected[i]) levels[i] = holmLevel(k, m, alpha);
  });
  return levels;
}
