/**
 * Pure statistics over batch times. No clocks, no I/O: everything here is unit-tested against
 * reference values.
 */
import { seededRandom } from '../support/random.js';
import { estimate as estimateOf, type Estimator, type Interval } from './estimate.js';
import { quantileSorted } from './quantile.js';

export { median, quantileSorted } from './quantile.js';
import { tCritical } from './student-t.js';

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

/**
 * Ratio of one statistic of two sample sets, base ÷ other (a speedup when base is sequential), with
 * a percentile-bootstrap 95% interval of the same statistic: both sets are resampled independently,
 * `resamples` times, from a seeded PRNG so the interval is reproducible. For the minimum, the
 * interval shows how far the ratio moves when the fastest batches are left out of a resample.
 */
export function ratioOf(
  estimator: Estimator,
  base: readonly number[],
  other: readonly number[],
  seed = 1,
  resamples = 2000,
): Interval {
  const estimate = (values: readonly number[]): number => estimateOf(estimator, values);
  const value = estimate(base) / estimate(other);
  if (base.length < 2 || other.length < 2) return { value, low: value, high: value };
  const random = seededRandom(seed);
  const draw = (values: readonly number[]): number =>
    estimate(values.map(() => values[Math.floor(random() * values.length)] as number));
  const ratios = Array.from({ length: resamples }, () => draw(base) / draw(other)).sort((a, b) => a - b);
  return { value, low: quantileSorted(ratios, 0.025), high: quantileSorted(ratios, 0.975) };
}

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Two-sided Mann–Whitney U test p-value: does one sample tend to be larger than the other? Exact
 * (by counting rank arrangements) for small samples without ties, normal approximation with a tie
 * correction otherwise. Rank-based, so one wild batch cannot swing it.
 */
export function mannWhitneyP(a: readonly number[], b: readonly number[]): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return 1;
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  let ties = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && (all[j + 1] as { v: number }).v === (all[i] as { v: number }).v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = rank;
    const size = j - i + 1;
    ties += size ** 3 - size;
    i = j + 1;
  }
  let r1 = 0;
  all.forEach((item, i) => {
    if (item.g === 0) r1 += ranks[i] as number;
  });
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  if (ties === 0 && n1 * n2 <= 400) {
    // counts[k] = arrangements with U = k, by the recurrence on the largest value's group.
    let table = new Map<string, number[]>();
    const count = (p: number, q: number): number[] => {
      const key = `${p},${q}`;
      const known = table.get(key);
      if (known) return known;
      let result: number[];
      if (p === 0 || q === 0) result = [1];
      else {
        const withP = count(p - 1, q); // largest value from sample a: U rises by q
        const withQ = count(p, q - 1);
        result = new Array<number>(p * q + 1).fill(0);
        withP.forEach((c, k) => (result[k + q] = (result[k + q] as number) + c));
        withQ.forEach((c, k) => (result[k] = (result[k] as number) + c));
      }
      table.set(key, result);
      return result;
    };
    const counts = count(n1, n2);
    table = new Map();
    const total = counts.reduce((s, c) => s + c, 0);
    const extreme = Math.min(u, n1 * n2 - u);
    const tail = counts.slice(0, Math.floor(extreme) + 1).reduce((s, c) => s + c, 0) / total;
    return Math.min(1, 2 * tail);
  }
  const n = n1 + n2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (sd === 0) return 1;
  const z = (Math.abs(u - mean) - 0.5) / sd;
  return Math.min(1, 2 * (1 - normalCdf(Math.max(0, z))));
}
