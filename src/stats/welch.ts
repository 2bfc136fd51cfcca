/**
 * Welch's two-sample interval, on values cleared of outliers first. A round hit by a burst of noise
 * (a core that vanished for a second) is an outlier by the modified z-score (Iglewicz and Hoaglin:
 * |0.6745 (x − median) / MAD| > 3.5) and is left out; without outliers this is plain Welch, which
 * wastes none of a short run's rounds. Pure.
 */
import { median } from './quantile.js';
import { tCritical } from './student-t.js';

/** Iglewicz and Hoaglin's cut-off for the modified z-score. */
const OUTLIER_Z = 3.5;

/** The values less those the modified z-score marks as outliers (none when the MAD is 0). */
export function withoutOutliers(values: readonly number[]): number[] {
  if (values.length < 3) return [...values];
  const mid = median(values);
  const mad = median(values.map((x) => Math.abs(x - mid)));
  if (mad === 0) return [...values];
  return values.filter((x) => Math.abs((0.6745 * (x - mid)) / mad) <= OUTLIER_Z);
}

/** A sample's mean and the squared standard error of it (variance ÷ n). */
export interface MeanSpread {
  mean: number;
  d: number;
  n: number;
}

export function meanSpread(values: readonly number[]): MeanSpread | undefined {
  const kept = withoutOutliers(values);
  const n = kept.length;
  if (n < 2) return undefined;
  const mean = kept.reduce((s, x) => s + x, 0) / n;
  const variance = kept.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, d: variance / n, n };
}

/**
 * The half-width of the interval of (head − base) means at two-sided level 1 − alpha, with
 * Welch–Satterthwaite degrees of freedom; undefined with fewer than two values on a side.
 */
export function welchHalfWidth(base: readonly number[], head: readonly number[], alpha: number): number | undefined {
  const b = meanSpread(base);
  const h = meanSpread(head);
  if (!b || !h) return undefined;
  const se2 = b.d + h.d;
  if (se2 === 0) return 0;
  const df = se2 ** 2 / (b.d ** 2 / (b.n - 1) + h.d ** 2 / (h.n - 1));
  return tCritical(Math.max(1, df), alpha) * Math.sqrt(se2);
}
