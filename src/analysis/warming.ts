/**
 * Whether a cell's batches were still getting faster while they were timed: a runtime still
 * compiling or filling its caches makes a speedup against it say more of the warm-up than the work.
 */
import type { CellResult } from '../results/types.js';
import { median } from '../stats/summary.js';

/** Timed batches whose first half is this much slower than their second half, in steady decline, were still warming. */
export const STILL_WARMING = 0.05;
/** At least this many batches to judge a trend. */
const TREND_SAMPLES = 4;

/**
 * How much slower a cell's first half of batches was than its second, when its batch times fell
 * steadily in the order they were measured (Spearman's rank correlation ≤ −0.8); 0 otherwise.
 */
export function warmingShare(cell: CellResult): number {
  const samples = cell.samples;
  const n = samples.length;
  if (cell.state !== 'completed' || n < TREND_SAMPLES) return 0;
  const ranks = rank(samples);
  const d2 = ranks.reduce((s, r, i) => s + (r - i) ** 2, 0);
  const rho = 1 - (6 * d2) / (n * (n * n - 1));
  if (rho > -0.8) return 0;
  const half = Math.floor(n / 2);
  const first = median(samples.slice(0, half));
  const last = median(samples.slice(n - half));
  return last > 0 ? Math.max(0, first / last - 1) : 0;
}

/** Ranks from 0, ties sharing their mean rank. */
function rank(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) ranks[(order[k] as readonly [number, number])[1]] = (i + j) / 2;
    i = j + 1;
  }
  return ranks;
}
