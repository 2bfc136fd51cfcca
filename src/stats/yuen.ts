/**
 * Yuen's two-sample interval: Welch's, on 20%-trimmed means with winsorized variances. A round hit
 * by a burst of noise (a core that vanished for a second) is one of the few values trimmed, so it
 * neither moves the estimate nor widens the interval much; with no outliers it is close to Welch's.
 * Pure.
 */
import { tCritical } from './student-t.js';

/** The share of each end trimmed. */
const TRIM = 0.2;

/** The trimmed mean's spread: d = (n − 1) · winsorized variance / (h · (h − 1)), with h values kept. */
export interface TrimmedSpread {
  mean: number;
  /** The squared standard error of the trimmed mean. */
  d: number;
  /** Values kept after trimming. */
  kept: number;
}

export function trimmedSpread(values: readonly number[]): TrimmedSpread | undefined {
  const n = values.length;
  if (n < 2) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const g = Math.floor(TRIM * n);
  const kept = n - 2 * g;
  const middle = sorted.slice(g, n - g);
  const mean = middle.reduce((s, x) => s + x, 0) / kept;
  // Winsorized: each trimmed value replaced by the nearest kept one.
  const low = sorted[g] as number;
  const high = sorted[n - g - 1] as number;
  const winsorized = sorted.map((x) => Math.min(high, Math.max(low, x)));
  const wMean = winsorized.reduce((s, x) => s + x, 0) / n;
  const wVariance = winsorized.reduce((s, x) => s + (x - wMean) ** 2, 0) / (n - 1);
  return { mean, d: ((n - 1) * wVariance) / (kept * Math.max(1, kept - 1)), kept };
}

/**
 * The half-width of the interval of (head − base) trimmed means at two-sided level 1 − alpha, with
 * Yuen–Welch degrees of freedom; undefined with fewer than two values on a side.
 */
export function yuenHalfWidth(base: readonly number[], head: readonly number[], alpha: number): number | undefined {
  const b = trimmedSpread(base);
  const h = trimmedSpread(head);
  if (!b || !h) return undefined;
  const se2 = b.d + h.d;
  if (se2 === 0) return 0;
  const df = se2 ** 2 / (b.d ** 2 / Math.max(1, b.kept - 1) + h.d ** 2 / Math.max(1, h.kept - 1));
  return tCritical(Math.max(1, df), alpha) * Math.sqrt(se2);
}
