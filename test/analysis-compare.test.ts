import { describe, expect, it } from 'vitest';
import { compareResults, judge, roundsNeeded, type CompareSettings } from '../src/analysis/compare.js';
import { planRounds } from '../src/analysis/gate.js';
import type { Comparison } from '../src/results/types.js';
import { runWith } from './fixtures/results.js';

const settings: CompareSettings = { metrics: ['speedup', 'time'], thresholdPct: 15, plannedLooks: 1 };
const labels = (c: Comparison): Array<[string, string, string]> =>
  c.changes.flatMap((change) => change.metrics.map((m): [string, string, string] => [change.id, m.metric, m.label]));

describe('comparing with a baseline: two questions', () => {
  it('finds nothing changed between a run and itself: exit 0, and says so', () => {
    const comparison = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.52), settings, 'main');
    expect(labels(comparison).every(([, , label]) => label === 'unchanged')).toBe(true);
    expect(comparison.decision).toEqual({ exitCode: 0, summary: 'no cell changed by 15% or more (3 cells, 1 look)' });
  });

  it('the yardstick: a uniformly slower runner is no change on either question', () => {
    const slowRunner = runWith(1.02, 0.52, 8, { runner: 1.5 });
    const comparison = compareResults(runWith(1.02, 0.52), slowRunner, settings);
    expect(labels(comparison).every(([, , label]) => label === 'unchanged')).toBe(true);
    // Each cell's time in yardsticks is the same on the slower runner.
    const time = comparison.changes[0]?.metrics.find((m) => m.metric === 'time');
    expect(time?.unit).toBe('yardsticks');
    expect(time?.change).toBeCloseTo(0, 10);
  });

  it('the yardstick: a workload 20% slower in every strategy is a regression of its time, which the ratios miss', () => {
    const slowWork = runWith(1.02, 0.52, 8, { workload: 1.2 });
    const comparison = compareResults(runWith(1.02, 0.52), slowWork, settings);
    expect(labels(comparison)).toEqual([
      ['primes/sequential/1t', 'time', 'regressed'],
      ['primes/gil-threads/2t', 'speedup', 'unchanged'],
      ['primes/gil-threads/2t', 'time', 'regressed'],
      ['primes/workers/2t', 'speedup', 'unchanged'],
      ['primes/workers/2t', 'time', 'regressed'],
    ]);
    expect(comparison.changes[0]?.metrics[0]?.change).toBeCloseTo(0.2, 10);
    expect(comparison.decision.exitCode).toBe(1);
    expect(comparison.decision.summary).toBe(
      'regressed by 15% or more: primes/sequential/1t (time +20%), primes/gil-threads/2t (time +20%), primes/workers/2t (time +20%)',
    );
  });

  it('20% slower only off the main thread: both questions catch it', () => {
    const comparison = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.52 * 1.2), settings);
    expect(comparison.changes.find((c) => c.id === 'primes/workers/2t')?.metrics.map((m) => m.label)).toEqual([
      'regressed',
      'regressed',
    ]);
    expect(comparison.changes.find((c) => c.id === 'primes/sequential/1t')?.label).toBe('unchanged');
  });

  it('each verdict is a one-sided test at 5% over the looks: intervals at 1 − 2 × 5% / looks', () => {
    const gated = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.52), { ...settings, plannedLooks: 3 });
    expect(gated.confidence).toBeCloseTo(1 - 0.1 / 3, 10);
    // The same data judged at a single look gives a narrower interval than over three.
    const once = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.6), settings);
    const thrice = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.6), { ...settings, plannedLooks: 3 });
    const width = (c: Comparison): number => {
      const m = c.changes.find((x) => x.id === 'primes/workers/2t')?.metrics[0];
      return (m?.high ?? Number.NaN) - (m?.low ?? Number.NaN);
    };
    expect(once.confidence).toBeCloseTo(0.9, 10);
    expect(width(once)).toBeLessThan(width(thrice));
  });

  it('calls an improvement an improvement', () => {
    const comparison = compareResults(runWith(1.02, 0.7), runWith(1.02, 0.5), settings);
    expect(comparison.changes.find((c) => c.id === 'primes/workers/2t')?.label).toBe('improved');
    expect(comparison.decision.exitCode).toBe(0);
  });

  it('cannot judge with one round on a side: exit 3, with the reason', () => {
    const comparison = compareResults(runWith(1.02, 0.52, 1), runWith(1.02, 0.52, 1), settings);
    expect(comparison.changes[1]?.metrics[0]?.reason).toBe(
      'too few rounds to judge (1 and 1; at least 2 on each side)',
    );
    expect(comparison.decision.exitCode).toBe(3);
  });

  it('compares a run of an older version (no yardstick) by absolute times, and says so in the unit', () => {
    const older = runWith(1.02, 0.52);
    delete older.yardsticks;
    const comparison = compareResults(older, runWith(1.02, 0.52), settings);
    expect(comparison.changes[0]?.metrics[0]?.unit).toBe('ms');
  });

  it('names how two runs differ in machine or configuration', () => {
    const other = runWith(1.02, 0.52);
    other.environment = { ...other.environment, cpuModel: 'Other CPU' };
    other.config = { ...other.config, threads: [4] };
    expect(compareResults(runWith(1.02, 0.52), other, settings).differences).toEqual([
      'environment.cpuModel: Test CPU → Other CPU',
      'config.threads: [2] → [4]',
    ]);
  });
});

describe('judging one change against the threshold', () => {
  it.each([
    ['speedup', { change: -0.2, low: -0.25, high: -0.15 }, 'regressed'],
    ['speedup', { change: -0.2, low: -0.3, high: 0.05 }, 'inconclusive'],
    ['speedup', { change: -0.03, low: -0.08, high: 0.02 }, 'unchanged'],
    ['speedup', { change: 0.3, low: 0.2, high: 0.4 }, 'improved'],
    ['time', { change: 0.2, low: 0.15, high: 0.25 }, 'regressed'],
    ['time', { change: 0.1, low: 0.02, high: 0.18 }, 'inconclusive'],
    ['time', { change: -0.2, low: -0.25, high: -0.16 }, 'improved'],
  ] as const)('%s %o is %s', (metric, interval, label) => {
    expect(judge(metric, interval, 15).label).toBe(label);
  });
});

describe('the gate re-measures what it cannot decide', () => {
  it('asks for the rounds the measured spread needs, and none where the baseline is too noisy to decide', () => {
    // Standard errors of 0.04 on both sides (log scale), 5 rounds each, no change: a few more head rounds.
    const spread = { mean: 0, d: 0.04 ** 2, n: 5 };
    const needed = roundsNeeded(spread, 5, spread, 5, 0, 15, 0.05 / 3);
    expect(needed).toBeGreaterThanOrEqual(2);
    expect(needed).toBeLessThan(30);
    // A baseline whose own standard error is wider than the margin: more head rounds cannot decide.
    expect(roundsNeeded({ mean: 0, d: 0.1 ** 2, n: 5 }, 5, spread, 5, 0, 15, 0.05 / 3)).toBeUndefined();
  });

  it('plans rounds for the undecided cells only', () => {
    const noisy = runWith(1.02, 0.52, 4);
    // Workers rounds spread widely (no single outlier to leave out): the interval reaches past the threshold.
    const workers = noisy.cells[2];
    if (workers) workers.samples = workers.samples.map((s, i) => s * [1, 1.2, 0.9, 1.3][i % 4]!);
    const plan = planRounds(runWith(1.02, 0.52, 8), noisy, { ...settings, plannedLooks: 3 });
    expect(plan.ids).toEqual(['primes/workers/2t']);
    expect(plan.rounds).toBeGreaterThanOrEqual(2);
  });

  it('does not re-measure for one wild round: a burst of noise is left out, not averaged in', () => {
    const burst = runWith(1.02, 0.52, 8);
    const workers = burst.cells[2];
    if (workers) workers.samples = workers.samples.map((s, i) => (i === 1 ? s * 1.4 : s));
    const comparison = compareResults(runWith(1.02, 0.52, 8), burst, { ...settings, plannedLooks: 3 });
    expect(comparison.changes.find((c) => c.id === 'primes/workers/2t')?.label).toBe('unchanged');
    expect(planRounds(runWith(1.02, 0.52, 8), burst, { ...settings, plannedLooks: 3 }).ids).toEqual([]);
  });
});
