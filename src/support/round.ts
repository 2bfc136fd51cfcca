/**
 * Figures are kept to the digits they can bear, which also keeps result files small: a batch time
 * to the microsecond, a share to four places.
 */
export function roundTo(x: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}
