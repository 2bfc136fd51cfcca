import { describe, expect, it } from 'vitest';
import { needsWarmUp, stillFalling, warmthPerThread } from '../src/measure/warm-up.js';

describe('warm-up', () => {
  it('counts the warmth each thread got, not the wall time of the pool', () => {
    // Four threads taking turns under the lock: a 160 ms pass is 40 ms of work for each.
    expect(warmthPerThread(160, 160, 4)).toBe(40);
    // Four parallel threads on two cores: 80 ms of wall time, 160 ms of CPU, 40 ms each.
    expect(warmthPerThread(80, 160, 4)).toBe(40);
    // One thread waiting on I/O most of the pass: the wall time counts, not the little CPU.
    expect(warmthPerThread(50, 5, 1)).toBe(50);
  });

  it('goes on while the passes still get faster', () => {
    expect(stillFalling([63, 51])).toBe(true);
    expect(stillFalling([63, 51, 50])).toBe(false);
    expect(stillFalling([40])).toBe(false);
    const settings = { warmup: 1, warmupMs: 100 };
    expect(needsWarmUp({ warmMs: 0, warmPasses: [] }, 0, settings)).toBe(true);
    expect(needsWarmUp({ warmMs: 60, warmPasses: [60] }, 1, settings)).toBe(true);
    expect(needsWarmUp({ warmMs: 120, warmPasses: [63, 57] }, 2, settings)).toBe(true);
    expect(needsWarmUp({ warmMs: 160, warmPasses: [63, 57, 56] }, 3, settings)).toBe(false);
  });
});
