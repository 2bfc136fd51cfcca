import { describe, expect, it } from 'vitest';
import type { PairMeasure } from '../src/analysis/paired-compare.js';
import { profileOf } from '../src/analysis/facts.js';
import type { CellResult } from '../src/results/types.js';
import { headCells } from '../src/run/pair-cells.js';
import { suiteFixture } from './fixtures/suite-result.js';

const template = suiteFixture.cells[0] as CellResult;
/** The fixture's lock figures (its gil-threads cell's), for counts to add up. */
const LOCK = (suiteFixture.cells.find((c) => c.lock) as CellResult).lock as NonNullable<CellResult['lock']>;

/** A cell of one pair: its batches, and the waits and lock counts over them. */
function sequential(samples: number[], waitedMs: number, failedWakeups = 0): CellResult {
  const { mismatches: _mismatches, ...rest } = template;
  return {
    ...rest,
    strategy: 'sequential',
    threads: 1,
    state: 'completed',
    samples,
    rounds: samples.map((_, i) => i),
    io: { ops: samples.length, p50: 2, p99: 3, max: 3, totalMs: waitedMs },
    lock: { ...LOCK, failedWakeups },
  };
}

const pair = (head: CellResult): PairMeasure => ({ first: 'base', base: [head], head: [head] });

describe("the head's cells of an A/B run", () => {
  it("sum every pair's waits and counts, so a share over all the batches is not the last pair's diluted", () => {
    // Each pair waited 60% of its batches' time; ten pairs of batches, each with its waits.
    const pairs = Array.from({ length: 10 }, (_, i) => pair(sequential([100, 100], 120, i)));
    const [cell] = headCells(pairs, 'min');
    expect(cell?.samples).toHaveLength(20);
    expect(cell?.io?.ops).toBe(20);
    expect(cell?.io?.totalMs).toBe(1200);
    expect(profileOf(cell).waitShare).toBe(0.6);
    expect(cell?.lock?.failedWakeups).toBe(45);
    expect(cell?.lock?.acquisitions).toBe(10 * LOCK.acquisitions);
  });

  it("take a cell's figures from the last pair that measured it, when further pairs did not", () => {
    const { io: _io, ...unmeasured } = sequential([], 0);
    const [cell] = headCells([pair(sequential([100], 50)), pair(sequential([100], 70)), pair(unmeasured)], 'min');
    expect(cell?.io?.p50).toBe(2);
    expect(cell?.io?.totalMs).toBe(120);
    expect(profileOf(cell).waitShare).toBe(0.6);
  });
});
