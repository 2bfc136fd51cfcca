import { describe, expect, it } from 'vitest';
import { median, quantileSorted, summarize, tCritical95 } from '../src/stats/summary.js';

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
