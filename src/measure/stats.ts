/**
 * Pure statistics over batch times. No clocks, no I/O: everything here is unit-tested against
 * reference values.
 */
import { seededRandom } from '../../workloads/random.js';
import type { Interval, Stats } from '../results/types.js';

/** Two-sided 95% Student t critical values for 1–30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101,
  2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tCritical95(df: number): number {
  if (df < 1) return Number.NaN;
  return T95[df - 1] ?? 1.96;
}

/** Quantile of sorted values by linear interpolation (numpy's default, "type 7"). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantileSorted([...values].sort((a, b) => a - b), 0.5);
}

/** Summary statistics of a sample set. */
export function summarize(samples: readonly number[]): Stats {
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

/**
 * Ratio of medians, base ÷ other (a speedup when base is sequential), with a percentile-bootstrap
 * 95% interval: both sample sets are resampled independently, `resamples` times, from a seeded PRNG
 * so the interval is reproducible.
 */
export function ratioOfMedians(base: readonly number[], other: readonly number[], seed = 1, resamples = 2000): Interval {
  const value = median(base) / median(other);
  if (base.length < 2 || other.length < 2) return { value, low: value, high: value };
  const random = seededRandom(seed);
  const draw = (values: readonly number[]): number => {
    const picked = values.map(() => values[Math.floor(random() * values.length)] as number);
    return median(picked);
  };
  const ratios = Array.from({ length: resamples }, () => draw(base) / draw(other)).sort((a, b) => a - b);
  return { value, low: quantileSorted(ratios, 0.025), high: quantileSorted(ratios, 0.975) };
}
