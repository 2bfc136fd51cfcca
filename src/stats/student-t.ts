/**
 * Student's t distribution, for the confidence interval of a mean. Pure: no clocks, no I/O.
 *
 * The two-sided tail of t with ν degrees of freedom is a regularized incomplete beta function,
 * P(|T| > t) = I_x(ν/2, 1/2) with x = ν / (ν + t²) (Abramowitz & Stegun 26.7.1, 26.5.27), so a
 * critical value comes from inverting I_x by bisection, for any ν, to about 12 significant digits.
 */
import { regularizedBeta } from './beta.js';

/** P(|T| > t) for ν degrees of freedom. */
function twoSidedTail(t: number, nu: number): number {
  const sum = nu + t * t;
  return regularizedBeta(nu / sum, (t * t) / sum, nu / 2, 0.5);
}

/** Beyond this many degrees of freedom the critical value is the normal one to 7 digits. */
const NORMAL_DF = 1e7;

/**
 * The two-sided critical value of Student's t: the t with P(|T| > t) = `alpha` (1.96… for
 * `alpha` = 0.05 as ν grows). NaN for ν < 1 or `alpha` outside (0, 1).
 */
export function tCritical(df: number, alpha: number): number {
  if (!(df >= 1) || !(alpha > 0 && alpha < 1)) return Number.NaN;
  const nu = Math.min(df, NORMAL_DF);
  // The tail shrinks as t grows: bracket the answer, then bisect to 14 digits.
  let low = 0;
  let high = 1;
  while (twoSidedTail(high, nu) > alpha) {
    low = high;
    high *= 2;
  }
  while (high - low > 1e-14 * high) {
    const mid = (low + high) / 2;
    if (twoSidedTail(mid, nu) > alpha) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** P(T > t) for ν degrees of freedom: the one-sided p-value of a t statistic. NaN for ν < 1. */
export function upperTail(t: number, df: number): number {
  if (!(df >= 1) || Number.isNaN(t)) return Number.NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const half = twoSidedTail(Math.abs(t), Math.min(df, NORMAL_DF)) / 2;
  return t >= 0 ? half : 1 - half;
}
