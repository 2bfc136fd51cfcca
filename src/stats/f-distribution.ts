/**
 * The F distribution's upper tail, for asking whether one spread is wider than another's.
 * P(F > f) with ν₁ and ν₂ degrees of freedom is I_x(ν₂/2, ν₁/2) at x = ν₂ / (ν₂ + ν₁ f)
 * (Abramowitz & Stegun 26.6.2). Pure: no clocks, no I/O.
 */
import { regularizedBeta } from './beta.js';

/** P(F > f) for ν₁ and ν₂ degrees of freedom; NaN where either is below 1. */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (!(df1 >= 1) || !(df2 >= 1) || Number.isNaN(f)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const sum = df2 + df1 * f;
  return regularizedBeta(df2 / sum, (df1 * f) / sum, df2 / 2, df1 / 2);
}
