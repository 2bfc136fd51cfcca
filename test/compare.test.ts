import { describe, expect, it } from 'vitest';
import { mannWhitneyP } from '../src/stats/summary.js';
import { compareResults, gateExitCode } from '../src/results/compare.js';
import { mergeResults } from '../src/results/merge.js';
import { renderMergedMarkdown } from '../src/reporters/merged.js';
import { runWith } from './fixtures/results.js';

const speedup = { metric: 'speedup' as const, thresholdPct: 10 };

describe('the Mann–Whitney U test', () => {
  it('matches reference p-values (scipy.stats.mannwhitneyu, two-sided, exact)', () => {
    expect(mannWhitneyP([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toBeCloseTo(0.007937, 6);
    expect(mannWhitneyP([1, 3, 5, 7, 9], [2, 4, 6, 8, 10])).toBeCloseTo(0.690476, 6);
    expect(mannWhitneyP([4, 4, 4], [4, 4, 4])).toBe(1);
  });

  it('is not swung by one wild value, where a t-test would be', () => {
    expect(mannWhitneyP([10, 11, 12, 13, 14, 15], [20, 21, 22, 23, 24, 1])).toBeLessThan(0.1);
  });
});

describe('compareResults', () => {
  it('finds no change between a run and itself, and the gate passes', () => {
    const comparison = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.52), speedup);
    expect(comparison.changes.map((c) => [c.id, c.label])).toEqual([
      ['primes/gil-threads/2t', 'unchanged'],
      ['primes/workers/2t', 'unchanged'],
    ]);
    expect(gateExitCode(comparison)).toBe(0);
  });

  it('flags a real 30% drop in a speedup as a regression, and the gate fails with 1', () => {
    // workers went from 0.52 to 0.52 / 0.7 of sequential's time: its speedup fell by 30%.
    const comparison = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.52 / 0.7), speedup);
    const workers = comparison.changes.find((c) => c.id === 'primes/workers/2t');
    expect(workers?.label).toBe('regressed');
    expect(workers?.change).toBeCloseTo(-0.3, 1);
    expect(workers?.p).toBeLessThan(0.001);
    expect(gateExitCode(comparison)).toBe(1);
  });

  it('calls an improvement an improvement', () => {
    const comparison = compareResults(runWith(1.02, 0.7), runWith(1.02, 0.5), speedup);
    expect(comparison.changes.find((c) => c.id === 'primes/workers/2t')?.label).toBe('improved');
    expect(gateExitCode(comparison)).toBe(0);
  });

  it('ignores a slower runner when judging speedups, but not when judging time', () => {
    const slow = runWith(1.02, 0.52);
    for (const c of slow.cells) c.samples = c.samples.map((s) => s * 1.5);
    expect(gateExitCode(compareResults(runWith(1.02, 0.52), slow, speedup))).toBe(0);
    const byTime = compareResults(runWith(1.02, 0.52), slow, { metric: 'time', thresholdPct: 10 });
    expect(byTime.changes.every((c) => c.label === 'regressed')).toBe(true);
  });

  it('cannot decide with too few samples: the gate says 3, with the reason', () => {
    const comparison = compareResults(runWith(1.02, 0.52, 2), runWith(1.02, 0.52, 2), speedup);
    expect(comparison.changes[0]?.reason).toBe('too few samples (2 and 2; need 3 in each)');
    expect(gateExitCode(comparison)).toBe(3);
  });

  it('names how two runs differ in machine or configuration', () => {
    const other = runWith(1.02, 0.52);
    other.environment = { ...other.environment, cpuModel: 'Other CPU' };
    other.config = { ...other.config, threads: [4] };
    expect(compareResults(runWith(1.02, 0.52), other, speedup).differences).toEqual([
      'environment.cpuModel: Test CPU → Other CPU',
      'config.threads: [2] → [4]',
    ]);
  });

  it('names a setting only one of the runs has (a result of an older version), but not the estimator, which compare does not use', () => {
    const older = runWith(1.02, 0.52);
    expect(older.config.maxIterations).toBeUndefined();
    const newer = runWith(1.02, 0.52);
    newer.config = { ...newer.config, maxIterations: 10, estimator: 'min' };
    expect(compareResults(older, newer, speedup).differences).toEqual(['config.maxIterations: (absent) → 10']);
  });
});

describe('mergeResults', () => {
  it('lines up cells from several machines', () => {
    const a = runWith(1, 0.5);
    const b = runWith(1, 0.25);
    const merged = mergeResults([
      { label: 'two-cores', result: a },
      { label: 'four-cores', result: b },
    ]);
    expect(merged.machines.map((m) => m.label)).toEqual(['two-cores', 'four-cores']);
    expect(merged.rows.find((r) => r.id === 'primes/workers/2t')?.speedups).toEqual([2, 4]);
  });

  it("says what each run's speedups compare, so runs of different estimators are not read alike", () => {
    const newer = runWith(1, 0.5);
    newer.config = { ...newer.config, estimator: 'min' };
    const merged = mergeResults([
      { label: 'older', result: runWith(1, 0.5) },
      { label: 'newer', result: newer },
    ]);
    expect(merged.machines.map((m) => m.estimator)).toEqual(['median', 'min']);
    expect(renderMergedMarkdown(merged)).toMatch(
      /- older: .*, speedups from median batches\n- newer: .*, speedups from fastest batches\n$/,
    );
  });
});
