/**
 * The paired test of an A/B run: one log ratio per process pair (head ÷ base, turned so that
 * positive is worse), so the spread between pairs holds the variance between processes as well as
 * the batches' own. One-sample Student t across the pairs; one-sided tests against no change and
 * against the threshold; the smallest change the spread can detect. Pure.
 */
import { tCritical, upperTail } from './student-t.js';

/** The power at which the smallest detectable change is stated: found four times in five. */
export const DETECTION_POWER = 0.8;

export interface PairSpread {
  /** Units (pairs) behind the figures. */
  n: number;
  /** Degrees of freedom of the spread: n − 1, or more where it is pooled over several metrics. */
  df: number;
  /** Mean log ratio, worse-positive. */
  mean: number;
  /** Standard deviation of the pairs' log ratios. */
  sd: number;
  /** Standard error of the mean. */
  se: number;
}

export function pairSpread(logs: readonly number[]): PairSpread | undefined {
  const n = logs.length;
  if (n < 2) return undefined;
  const mean = logs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { n, df: n - 1, mean, sd, se: sd / Math.sqrt(n) };
}

/**
 * One-sided p-values: of "worse by no more than `floor`" (against regression), of "worse by the
 * threshold" (against unchanged), and of "better by no more than `floor`" (against improvement).
 */
export interface PairPValues {
  /** H0: worse ≤ floor. Small when the head is surely worse by more than the floor. */
  worse: number;
  /** H0: worse ≥ threshold. Small when the head is surely less than the threshold worse. */
  withinThreshold: number;
  /** H0: better ≤ floor. Small when the head is surely better by more than the floor. */
  better: number;
}

/** `threshold` and `floor` on the log scale: ln(1 + pct / 100); the floor 0 by default. */
export function pairPValues(spread: PairSpread, threshold: number, floor = 0): PairPValues {
  const { df } = spread;
  if (spread.se === 0) {
    // No spread at all: the mean decides each test outright.
    return {
      worse: spread.mean > floor ? 0 : 1,
      withinThreshold: spread.mean < threshold ? 0 : 1,
      better: -spread.mean > floor ? 0 : 1,
    };
  }
  return {
    worse: upperTail((spread.mean - floor) / spread.se, df),
    withinThreshold: upperTail((threshold - spread.mean) / spread.se, df),
    better: upperTail((-spread.mean - floor) / spread.se, df),
  };
}

/**
 * The smallest change (a fraction: 0.1 is 10%) that a test at one-sided level `alpha` against a
 * change of `floor` (log scale; 0: none) finds with the stated power, given this spread:
 * floor + (t_alpha + t_power) · se, on the log scale, as a ratio − 1.
 */
export function detectableChange(spread: Pick<PairSpread, 'df' | 'se'>, alpha: number, floor = 0): number {
  const { df } = spread;
  if (!(df >= 1)) return Number.NaN;
  const z = tCritical(df, 2 * alpha) + tCritical(df, 2 * (1 - DETECTION_POWER));
  return Math.exp(floor + z * spread.se) - 1;
}

/** The one-sided interval's ends on the worse scale, at level `alpha` each: as fractions (ratio − 1). */
export function worseBounds(spread: PairSpread, alpha: number): { low: number; high: number } {
  const t = tCritical(spread.df, 2 * alpha);
  return { low: Math.exp(spread.mean - t * spread.se) - 1, high: Math.exp(spread.mean + t * spread.se) - 1 };
}
