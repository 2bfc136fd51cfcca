import { describe, expect, it } from 'vitest';
import { median, quantileSorted, ratioOf, summarize, tCritical95 } from '../src/stats/summary.js';

describe('summarize', () => {
  it('matches reference values for a fixed sample set', () => {
    // Reference values computed independently (numpy: np.median, np.std(ddof=1), np.percentile type 7).
    const s = summarize([10, 12, 11, 13, 14]);
    expect(s.samples).toBe(5);
    expect(s.median).toBe(12);
    expect(s.mean).toBe(12);
    expect(s.min).toBe(10);
    expect(s.max).toBe(14);
    expect(s.p75).toBe(13);
    expect(s.p99).toBeCloseTo(13.96, 10);
    expect(s.sd).toBeCloseTo(1.5811388300841898, 12);
    // moe = t(4) · sd / √5 = 2.7764451051977987 · 0.7071067811865476 (scipy.stats.t.ppf(0.975, 4))
    expect(s.moe).toBeCloseTo(1.9632431614775607, 10);
    expect(s.rme).toBeCloseTo(16.360359678979673, 8);
  });

  it('handles one sample without inventing spread', () => {
    expect(summarize([5])).toMatchObject({ median: 5, sd: 0, moe: 0, rme: 0 });
  });

  it.each([
    // scipy.stats.t.ppf(0.975, df)
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [4, 2.7764451051977934],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [31, 2.039513446396408],
    [60, 2.0002978220142604],
    [120, 1.9799304050824402],
    [1000, 1.9623390808264083],
    [2.5, 3.5746548420036817],
  ])('Student t for %s degrees of freedom, two-sided at 0.95: %s', (df, expected) => {
    expect(tCritical95(df)).toBeCloseTo(expected, 10);
  });

  it('has no jump past 30 degrees of freedom, and tends to the normal value', () => {
    const values = [28, 29, 30, 31, 32, 40].map(tCritical95);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] as number);
    expect(tCritical95(1e9)).toBeCloseTo(1.959963984540054, 6);
    expect(tCritical95(0)).toBeNaN();
  });

  it('interpolates quantiles linearly', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('ratioOf the medians', () => {
  const base = [100, 102, 98, 101, 99];
  const half = [50, 51, 49, 50.5, 49.5];

  it('is the ratio of medians with an interval around it', () => {
    const r = ratioOf('median', base, half, 1);
    expect(r.value).toBe(2);
    expect(r.low).toBeLessThanOrEqual(2);
    expect(r.high).toBeGreaterThanOrEqual(2);
    expect(r.low).toBeGreaterThan(1.9);
    expect(r.high).toBeLessThan(2.1);
  });

  it('matches reference intervals for fixed seeds', () => {
    // The extremes are ratios of resampled medians: 99 / 51 and 102 / 49.5; 10 / 7 and 12 / 5.
    expect(ratioOf('median', base, half, 1)).toEqual({ value: 2, low: 99 / 51, high: 102 / 49.5 });
    expect(ratioOf('median', [10, 12, 11, 13, 14, 9, 10], [6, 5, 7, 5, 6, 6, 8], 42)).toEqual({
      value: 11 / 6,
      low: 10 / 7,
      high: 12 / 5,
    });
  });

  it('is reproducible for a seed', () => {
    expect(ratioOf('median', base, half, 5)).toEqual(ratioOf('median', base, half, 5));
  });

  it('gives a point interval when there is nothing to resample', () => {
    expect(ratioOf('median', [10], [5])).toEqual({ value: 2, low: 2, high: 2 });
  });
});

describe('ratioOf the fastest batches', () => {
  // Two clean batches each, plus batches slowed by a noisy machine: noise only ever adds time.
  const base = [100, 140, 101, 180, 100.5];
  const other = [50, 50.2, 90, 75, 50.1];

  it('is the ratio of the minima, whatever the slow batches', () => {
    expect(ratioOf('min', base, other).value).toBe(2);
    expect(ratioOf('min', [...base, 400], [...other, 300]).value).toBe(2);
    // The medians, for the same batches, are moved by the noise.
    expect(ratioOf('median', base, other).value).toBeCloseTo(101 / 50.2, 10);
  });

  it('matches a reference interval for a fixed seed', () => {
    // Resampled minima are order statistics: the 2.5% and 97.5% quantiles fall on 100 / 50.2 and 101 / 50.
    const r = ratioOf('min', base, other, 7);
    expect(r).toEqual({ value: 2, low: 100 / 50.2, high: 101 / 50 });
  });
});
