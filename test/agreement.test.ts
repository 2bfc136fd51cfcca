import { describe, expect, it } from 'vitest';
import { agreement } from '../bench/agreement.js';
import { runWith } from './fixtures/results.js';

const both = ['workers', 'gil-threads'];

describe('agreement between two runs', () => {
  it('counts speedups within 5% of each other as agreeing, either way round', () => {
    // workers 1/0.52 = 1.923 against 1/(0.52 × 1.045) = 1.840: 4.5% apart.
    const a = runWith(1.02, 0.52);
    const b = runWith(1.02, 0.52 * 1.045);
    expect(agreement(a, b, both)).toEqual({ cells: 2, agreeing: 2, misses: [] });
    expect(agreement(b, a, both).agreeing).toBe(2);
  });

  it('names the cell that is further apart, with both speedups', () => {
    const result = agreement(runWith(1.02, 0.52), runWith(1.02, 0.52 * 1.06), both);
    expect(result.cells).toBe(2);
    expect(result.agreeing).toBe(1);
    expect(result.misses).toHaveLength(1);
    expect(result.misses[0]?.cell).toBe('primes/workers/2t');
    expect(result.misses[0]?.a).toBeCloseTo(1 / 0.52, 6);
    expect(result.misses[0]?.b).toBeCloseTo(1 / (0.52 * 1.06), 6);
  });

  it('leaves out sequential, other strategies, failed cells and cells only one run has', () => {
    const a = runWith(1.02, 0.52);
    const b = runWith(1.02, 0.52);
    expect(agreement(a, b, ['workers']).cells).toBe(1);
    const failed = b.cells.find((c) => c.strategy === 'gil-threads');
    if (failed) failed.state = 'errored';
    expect(agreement(a, b, both).cells).toBe(1);
    b.cells = b.cells.filter((c) => c.strategy !== 'workers');
    expect(agreement(a, b, both)).toEqual({ cells: 0, agreeing: 0, misses: [] });
  });
});
