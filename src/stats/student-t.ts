/**
 * Student's t distribution, for the confidence interval of a mean. Pure: no clocks, no I/O.
 *
 * The two-sided tail of t with ν degrees of freedom is a regularized incomplete beta function,
 * P(|T| > t) = I_x(ν/2, 1/2) with x = ν / (ν + t²) (Abramowitz & Stegun 26.7.1, 26.5.27), so a
 * critical value comes from inverting I_x by bisection, for any ν, to about 12 significant digits.
 */

/** Lanczos coefficients, g = 7, n = 9 (as in Numerical Recipes' and many libraries' ln Γ). */
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0, to about 15 significant digits. */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of I_x(a, b), by the modified Lentz method; converges for x < (a + 1) / (a + b + 2). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const guard = (v: number): number => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), given x and y = 1 − x (each exact, as neither is a difference). */
function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, y)) / b;
}

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
