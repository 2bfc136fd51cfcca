import { describe, expect, it } from 'vitest';
import { fUpperTail } from '../src/stats/f-distribution.js';

describe("the F distribution's upper tail", () => {
  it('matches reference values', () => {
    // scipy.stats.f.sf(f, df1, df2)
    expect(fUpperTail(9.2, 4, 16)).toBeCloseTo(0.00046756, 7);
    expect(fUpperTail(1, 4, 16)).toBeCloseTo(0.43620762, 7);
    expect(fUpperTail(3, 2, 30)).toBeCloseTo(0.06490547, 7);
  });

  it('is 1 at zero and NaN without degrees of freedom', () => {
    expect(fUpperTail(0, 3, 3)).toBe(1);
    expect(fUpperTail(2, 0, 3)).toBeNaN();
  });
});
