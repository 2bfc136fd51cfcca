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

/** ln Γ(x), Lanczos approximation (g = 7, n = 9); accurate to ~15 digits for x > 0. */
function logGamma(x: number): number {
  const c = [0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The regularised incomplete beta function I_x(a, b), by its continued fraction (Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(Math.log(x) * a + Math.log(1 - x) * b - (logGamma(a) + logGamma(b) - logGamma(a + b))) / a;
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 0;
  for (let i = 0; i <= 400; i++) {
    const m = Math.floor(i / 2);
    let numerator: number;
    if (i === 0) numerator = 1;
    else if (i % 2 === 0) numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    else numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    c = 1 + numerator / c;
    c = Math.abs(c) < tiny ? tiny : c;
    const step = c * d;
    f *= step;
    if (Math.abs(1 - step) < 1e-12) break;
  }
  return front * (f - 1);
}

/** Two-sided p-value of Student's t with `df` degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

export interface WelchResult {
  /** mean(b) − mean(a). */
  difference: number;
  /** 95% interval of the difference. */
  low: number;
  high: number;
  t: number;
  df: number;
  /** Two-sided p-value: the chance of a difference this large if the means were equal. */
  p: number;
}

/** Welch's unequal-variances t-test of b against a. Needs at least two values in each. */
export function welchTest(a: readonly number[], b: readonly number[]): WelchResult {
  const sa = summarize(a);
  const sb = summarize(b);
  const va = (sa.sd * sa.sd) / a.length;
  const vb = (sb.sd * sb.sd) / b.length;
  const se = Math.sqrt(va + vb);
  const difference = sb.mean - sa.mean;
  if (se === 0) {
    return { difference, low: difference, high: difference, t: difference === 0 ? 0 : Infinity, df: a.length + b.length - 2, p: difference === 0 ? 1 : 0 };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = difference / se;
  const critical = tCritical95(Math.max(1, Math.floor(df)));
  return { difference, low: difference - critical * se, high: difference + critical * se, t, df, p: studentTwoSidedP(t, df) };
}
