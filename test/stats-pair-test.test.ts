import { describe, expect, it } from 'vitest';
import { holmRejects } from '../src/stats/holm.js';
import { detectableChange, pairPValues, pairSpread } from '../src/stats/pair-test.js';
import { upperTail } from '../src/stats/student-t.js';

describe('upperTail', () => {
  it.each([
    // scipy.stats.t.sf(t, df)
    [2.0, 5, 0.050969739414929174],
    [-1.5, 3, 0.8847080673775886],
    [3.0, 10, 0.006671827511284785],
  ])('P(T > %d) with %d degrees of freedom', (t, df, p) => {
    expect(upperTail(t, df)).toBeCloseTo(p, 10);
  });
});

describe("Holm's method", () => {
  it('tests the smallest p-value at alpha / m and steps down, stopping at the first that fails', () => {
    expect(holmRejects([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
  });

  it('rejects more than Bonferroni would: each later p-value is tested at a looser level', () => {
    // Bonferroni (every p at 0.05 / 3) would reject only the first.
    expect(holmRejects([0.01, 0.02, 0.04], 0.05)).toEqual([true, true, true]);
  });

  it('rejects none of two p-values that would each pass alone at 5%', () => {
    expect(holmRejects([0.03, 0.04], 0.05)).toEqual([false, false]);
    expect(holmRejects([0.03], 0.05)).toEqual([true]);
  });

  it('never rejects a missing p-value', () => {
    expect(holmRejects([Number.NaN, 0.001], 0.05)).toEqual([false, true]);
  });
});

describe('the paired test', () => {
  // One log ratio per pair; reference: numpy mean/std(ddof=1), scipy.stats.t.sf.
  const logs = [0.02, -0.01, 0.03, 0.0, 0.01, 0.04];

  it('takes its spread between pairs, with n − 1 degrees of freedom', () => {
    const spread = pairSpread(logs);
    expect(spread?.n).toBe(6);
    expect(spread?.df).toBe(5);
    expect(spread?.mean).toBeCloseTo(0.015, 12);
    expect(spread?.se).toBeCloseTo(0.007637626158259735, 12);
    expect(pairSpread([0.1])).toBeUndefined();
  });

  it('gives one-sided p-values against no change and against the threshold', () => {
    const p = pairPValues(pairSpread(logs)!, Math.log(1.15));
    expect(p.worse).toBeCloseTo(0.05337276117754614, 10);
    expect(p.withinThreshold).toBeCloseTo(7.841034138656093e-6, 12);
    expect(p.better).toBeCloseTo(1 - 0.05337276117754614, 10);
  });

  it('states the smallest change found four times in five at a level: (t_alpha + t_power) · se', () => {
    // exp((t.ppf(0.99, 9) + t.ppf(0.8, 9)) · 0.02) − 1
    expect(detectableChange({ df: 9, se: 0.02 }, 0.01)).toBeCloseTo(0.07691108387963164, 10);
    expect(detectableChange({ df: 0, se: 0.02 }, 0.01)).toBeNaN();
  });
});
