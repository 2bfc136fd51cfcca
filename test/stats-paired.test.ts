import { describe, expect, it } from 'vitest';
import { estimate } from '../src/stats/estimate.js';
import { tCritical95 } from '../src/stats/summary.js';
import { meanSpread, welchHalfWidth, withoutOutliers } from '../src/stats/welch.js';
import { pairByRound, pairedSpeedup, relativeMargin, roundRatios } from '../src/stats/paired.js';

describe('speedups from batches paired by round', () => {
  it('pairs batches by the round they were measured in, not by their position', () => {
    // The cell missed round 1 (it errored there, say) and ran a further round 4 that sequential shares.
    const sequential = { samples: [100, 110, 120, 130, 140], rounds: [0, 1, 2, 3, 4] };
    const cell = { samples: [50, 60, 65, 70], rounds: [0, 2, 3, 4] };
    expect(pairByRound(sequential, cell)).toEqual([
      [100, 50],
      [120, 60],
      [130, 65],
      [140, 70],
    ]);
    expect(roundRatios(sequential, cell)).toEqual([2, 2, 2, 2]);
    // Older results have no rounds: the position stands in.
    expect(roundRatios({ samples: [100, 110] }, { samples: [50, 55] })).toEqual([2, 2]);
  });

  it("centres the speedup on the estimator's ratio, so the table's times and speedups agree", () => {
    const sequential = { samples: [100, 104, 98, 101], rounds: [0, 1, 2, 3] };
    const cell = { samples: [52, 50, 51, 55], rounds: [0, 1, 2, 3] };
    expect(pairedSpeedup('min', sequential, cell).value).toBe(98 / 50);
    expect(pairedSpeedup('median', sequential, cell).value).toBe(estimate('median', sequential.samples) / 51.5);
  });

  it('is not widened by drift that hits both strategies of a round alike', () => {
    const steady = pairedSpeedup('min', { samples: [100, 100, 100, 100] }, { samples: [50, 51, 50, 49] });
    // Round 2 ran on a machine twice as slow for everyone: the pair's ratio is unchanged.
    const drifted = pairedSpeedup('min', { samples: [100, 100, 200, 100] }, { samples: [50, 51, 100, 49] });
    expect(relativeMargin(drifted)).toBeCloseTo(relativeMargin(steady), 10);
    // Unpaired noise (one strategy's batch alone slowed) widens it.
    const noisy = pairedSpeedup('min', { samples: [100, 100, 100, 100] }, { samples: [50, 51, 70, 49] });
    expect(relativeMargin(noisy)).toBeGreaterThan(3 * relativeMargin(steady));
  });

  it('gives the t-interval of the mean log ratio, and no interval from a single pair', () => {
    const interval = pairedSpeedup('min', { samples: [100, 100, 100] }, { samples: [50, 40, 50] });
    const logs = [Math.log(2), Math.log(2.5), Math.log(2)];
    const mean = logs.reduce((s, x) => s + x, 0) / 3;
    const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
    const half = tCritical95(2) * (sd / Math.sqrt(3));
    expect(interval.low).toBeCloseTo(2.5 * Math.exp(-half), 10);
    expect(interval.high).toBeCloseTo(2.5 * Math.exp(half), 10);
    expect(pairedSpeedup('min', { samples: [100] }, { samples: [50] })).toEqual({ value: 2, low: 2, high: 2 });
  });
});

describe("Welch's interval, outliers left out", () => {
  const steady = [0.0, 0.01, -0.01, 0.02, -0.02, 0.0, 0.01, -0.01, 0.0, 0.01];

  it('leaves out a round hit by a burst of noise, so one wild round does not widen the interval', () => {
    expect(withoutOutliers([...steady.slice(0, 9), 0.7])).toEqual(steady.slice(0, 9));
    const calm = welchHalfWidth(steady, steady, 0.05) ?? Number.NaN;
    const wild = welchHalfWidth(steady, [...steady.slice(0, 9), 0.7], 0.05) ?? Number.NaN;
    expect(wild).toBeLessThan(1.5 * calm);
  });

  it('keeps every value of a sample without outliers, or whose spread is all in one value', () => {
    expect(withoutOutliers(steady)).toEqual(steady);
    expect(withoutOutliers([1, 1, 1, 1, 5])).toEqual([1, 1, 1, 1, 5]);
  });

  it("is plain Welch without outliers: t with Welch–Satterthwaite's degrees of freedom", () => {
    const base = [1, 2, 3, 4];
    const head = [2, 4, 6, 8];
    // Variances 5/3 and 20/3; squared standard errors 5/12 and 20/12.
    expect(meanSpread(base)).toEqual({ mean: 2.5, d: expect.closeTo(5 / 12, 10), n: 4 });
    const se2 = 25 / 12;
    const df = se2 ** 2 / ((5 / 12) ** 2 / 3 + (20 / 12) ** 2 / 3);
    expect(welchHalfWidth(base, head, 0.05)).toBeCloseTo(tCritical95(df) * Math.sqrt(se2), 3);
    expect(welchHalfWidth([1], head, 0.05)).toBeUndefined();
  });
});
