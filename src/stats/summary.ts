/**
 * Pure statistics over batch times. No clocks, no I/O: everything here is unit-tested against
 * reference values.
 */
import { quantileSorted } from './quantile.js';
import { tCritical } from './student-t.js';

export { median, quantileSorted } from './quantile.js';

/** The two-sided 95% Student t critical value for `df` degrees of freedom (2.0395 at 31, → 1.96). */
export function tCritical95(df: number): number {
  return tCritical(df, 0.05);
}

/** Summary statistics of a set of batch times (the result's `stats`). */
export interface Summary {
  samples: number;
  median: number;
  mean: number;
  min: number;
  max: number;
  p75: number;
  p99: number;
  sd: number;
  moe: number;
  rme: number;
}

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = n > 0 ? sorted.reduce((s, x) => s + x, 0) / n : Number.NaN;
  const variance = n > 1 ? sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const moe = n > 1 ? tCritical95(n - 1) * (sd / Math.sqrt(n)) : 0;
  return {
    samples: n,
    median: quantileSorted(sorted, 0.5),
    mean,
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
    p75: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    sd,
    moe,
    rme: mean > 0 ? (moe / mean) * 100 : 0,
  };
}
