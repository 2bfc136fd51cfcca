import { describe, expect, it } from 'vitest';
import { judgeFamily, type Evidence } from '../src/analysis/family.js';
import {
  comparePaired,
  decidedMetrics,
  openCells,
  type PairMeasure,
  type PairedSettings,
} from '../src/analysis/paired-compare.js';
import { compareHistory } from '../src/analysis/history-compare.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { tinyConfig } from './helpers.js';

function cell(strategy: CellResult['strategy'], samples: number[]): CellResult {
  return {
    workload: 'w',
    kind: 'cpu',
    focus: 'throughput',
    strategy,
    threads: strategy === 'sequential' || strategy === 'async' ? 1 : 2,
    state: 'completed',
    tasks: 4,
    samples,
    rounds: samples.map((_, i) => i),
    startupMs: 0,
  };
}

/** A deterministic wobble of ±3% from pair to pair and ±2% from round to round. */
const wobble = (pair: number, round: number): number => 1 + 0.03 * Math.sin(pair * 1.7) + 0.02 * Math.cos(round * 2.3);

/** Pairs whose head version takes `slower(strategy)` times as long per batch. */
function pairs(count: number, slower: (strategy: string) => number = () => 1): PairMeasure[] {
  const version = (pair: number, factor: (s: string) => number) => [
    cell(
      'sequential',
      [0, 1, 2, 3].map((r) => 100 * factor('sequential') * wobble(pair, r)),
    ),
    cell(
      'async',
      [0, 1, 2, 3].map((r) => 100 * factor('async') * wobble(pair, r + 1)),
    ),
    cell(
      'workers',
      [0, 1, 2, 3].map((r) => 55 * factor('workers') * wobble(pair, r + 2)),
    ),
  ];
  return Array.from({ length: count }, (_, p) => ({
    first: p % 2 === 0 ? ('base' as const) : ('head' as const),
    base: version(p, () => 1),
    head: version(p + 0.5, slower),
  }));
}

const settings: PairedSettings = {
  metrics: ['speedup', 'time'],
  thresholdPct: 15,
  plannedLooks: 3,
  looks: 1,
  alternation: 'rounds',
  baseline: 'base.js',
};

describe('the paired comparison of two versions', () => {
  it('judges identical code unchanged on every metric, and says what it can detect', () => {
    const comparison = comparePaired(pairs(8), settings);
    expect(comparison.decision.exitCode).toBe(0);
    expect(comparison.design).toMatchObject({ kind: 'paired', units: 8, correction: 'holm', familyRate: 0.05 });
    const metrics = comparison.changes.flatMap((c) => c.metrics);
    // sequential's time, and async's and workers' speedup and time.
    expect(metrics).toHaveLength(5);
    for (const m of metrics) {
      expect(m.label).toBe('unchanged');
      expect(m.units).toBe(8);
      expect(m.detectable).toBeGreaterThan(0);
      expect(m.detectable).toBeLessThan(0.15);
    }
  });

  it('finds a version 20% slower in every strategy, and names the metrics that caught it', () => {
    const comparison = comparePaired(
      pairs(8, () => 1.2),
      settings,
    );
    expect(comparison.decision.exitCode).toBe(1);
    expect(comparison.decision.summary).toMatch(/w\/sequential\/1t \(time \+20%\)/);
    // The speedups do not move: every strategy slowed alike.
    const speedups = comparison.changes.flatMap((c) => c.metrics.filter((m) => m.metric === 'speedup'));
    expect(speedups.every((m) => m.label === 'unchanged')).toBe(true);
  });

  it('finds a version 20% slower off the main thread only, in its speedup and its time', () => {
    const comparison = comparePaired(
      pairs(8, (s) => (s === 'workers' ? 1.2 : 1)),
      settings,
    );
    expect(comparison.decision.exitCode).toBe(1);
    const workers = comparison.changes.find((c) => c.id === 'w/workers/2t');
    expect(workers?.metrics.map((m) => [m.metric, m.label])).toEqual([
      ['speedup', 'regressed'],
      ['time', 'regressed'],
    ]);
    expect(comparison.decision.summary).toMatch(/w\/workers\/2t \(speedup −17%\), w\/workers\/2t \(time \+20%\)/);
  });

  it('leaves a metric open, with the change it could detect, when two pairs cannot decide it', () => {
    const comparison = comparePaired(
      pairs(2, () => 1.1),
      settings,
    );
    expect(comparison.decision.exitCode).toBe(3);
    expect(comparison.decision.summary).toMatch(/detects \d+%\+/);
    expect(openCells(comparison)).toContain('w/sequential/1t');
  });

  it('marks a metric whose cell failed in any pair as undecided, with the reason, and not open to more pairs', () => {
    const measured = pairs(4);
    const broken = measured[2] as PairMeasure;
    const head = broken.head.map((c) => (c.strategy === 'async' ? { ...c, state: 'mismatch' as const } : c));
    const comparison = comparePaired([...measured.slice(0, 2), { ...broken, head }, ...measured.slice(3)], settings);
    const async = comparison.changes.find((c) => c.id === 'w/async/1t');
    expect(async?.metrics[0]?.reason).toBe('head cell mismatch in pair 3');
    expect(openCells(comparison)).not.toContain('w/async/1t');
  });

  it('keeps a metric decided at an earlier look, with the figures it was decided on', () => {
    const earlier = comparePaired(
      pairs(8, (s) => (s === 'workers' ? 1.2 : 1)),
      settings,
    );
    const decided = decidedMetrics(earlier);
    const time = decided.get('w/workers/2t time');
    expect(time?.label).toBe('regressed');
    // More pairs of unchanged code afterwards (measured for another metric) do not reopen it.
    const later = comparePaired(pairs(8), settings, decided);
    expect(later.changes.find((c) => c.id === 'w/workers/2t')?.metrics.find((m) => m.metric === 'time')).toEqual(time);
  });
});

describe('many metrics judged at once', () => {
  const evidence = (mean: number, se: number, id: string): Evidence => ({
    id,
    metric: 'time',
    base: 1,
    head: Math.exp(mean),
    unit: 'ms',
    baseRounds: 10,
    headRounds: 10,
    spread: { n: 10, df: 9, mean, sd: se * Math.sqrt(10), se },
  });
  // 0.2 / 0.06 = t 3.33 with 9 df: one-sided p = 0.0044.
  const alone = evidence(0.2, 0.06, 'changed');

  it('calls a change at p = 0.004 a regression when it is the only metric', () => {
    expect(judgeFamily([alone], { thresholdPct: 15, plannedLooks: 1 })[0]?.label).toBe('regressed');
  });

  it('does not, among twenty metrics: Holm tests the smallest p-value at 5% / 20', () => {
    const others = Array.from({ length: 19 }, (_, i) => evidence(0, 0.01, `same ${i}`));
    const judged = judgeFamily([alone, ...others], { thresholdPct: 15, plannedLooks: 1 });
    expect(judged[0]?.label).toBe('inconclusive');
    expect(judged.slice(1).every((m) => m.label === 'unchanged')).toBe(true);
  });

  it('draws each interval at the level its label was decided at, so the two agree', () => {
    // Eight metrics near no change, and one whose "within 15%" test passes only at Holm's last
    // step (5% / 1), not at 5% / 9: unchanged, with an interval that ends below +15%.
    const others = Array.from({ length: 8 }, (_, i) => evidence(0, 0.01, `same ${i}`));
    // ln(1.15) = 0.1398; (0.1398 − 0.02) / 0.055 = t 2.18 with 9 df: one-sided p ≈ 0.029.
    const last = evidence(0.02, 0.055, 'last');
    const judged = judgeFamily([...others, last], { thresholdPct: 15, plannedLooks: 1 });
    const metric = judged[8];
    expect(metric?.label).toBe('unchanged');
    expect(metric?.high).toBeLessThan(0.15);
    // The undecided keep the widest interval, at the strictest level.
    const undecided = judgeFamily([...others, evidence(0.02, 0.08, 'wide')], { thresholdPct: 15, plannedLooks: 1 })[8];
    expect(undecided?.label).toBe('inconclusive');
    expect(undecided?.high).toBeGreaterThan(0.15);
  });

  it('with a floor, calls no regression that is surely worse only by less than half the threshold', () => {
    // +19% with an interval of about +2% … +38% (6 pairs), as an A/A on a timer read, at 15%.
    const wide = {
      ...evidence(Math.log(1.19), 0.052, 'async'),
      spread: { n: 6, df: 5, mean: Math.log(1.19), sd: 0.127, se: 0.052 },
    };
    expect(judgeFamily([wide], { thresholdPct: 15, plannedLooks: 1 })[0]?.label).toBe('regressed');
    const floored = judgeFamily([wide], { thresholdPct: 15, plannedLooks: 1, floor: 0.5 })[0];
    expect(floored?.label).toBe('inconclusive');
    // A 30% slowdown as tightly measured is still caught.
    const real = { ...wide, spread: { ...wide.spread, mean: Math.log(1.3), se: 0.03, sd: 0.073 } };
    expect(judgeFamily([real], { thresholdPct: 15, plannedLooks: 1, floor: 0.5 })[0]?.label).toBe('regressed');
  });

  it('spends half the rate at the first look and the rest evenly over the further ones', () => {
    // At the first look 5% / 2 whatever the looks planned: p = 0.0044 passes alone.
    expect(judgeFamily([alone], { thresholdPct: 15, plannedLooks: 12 })[0]?.label).toBe('regressed');
    // At a further look of 3, 2.5% / 2 still passes it; of 12, 2.5% / 11 does not.
    expect(judgeFamily([alone], { thresholdPct: 15, plannedLooks: 3, look: 2 })[0]?.label).toBe('regressed');
    expect(judgeFamily([alone], { thresholdPct: 15, plannedLooks: 12, look: 2 })[0]?.label).toBe('inconclusive');
  });
});

describe('the saved-baseline gate on a history of saves', () => {
  const run = (factor: number, jitter: number): SuiteResult => ({
    schemaVersion: 1,
    tool: { name: 'gil-bench', version: '0' },
    suite: 'cpu',
    startedAt: '',
    finishedAt: '',
    partial: false,
    config: tinyConfig({ strategies: ['sequential', 'async'] }),
    environment: {} as SuiteResult['environment'],
    cells: [
      cell(
        'sequential',
        [100, 101, 99, 100].map((x) => x * jitter),
      ),
      cell(
        'async',
        [50, 51, 49, 50].map((x) => x * factor * jitter),
      ),
    ],
    warnings: [],
  });
  // Five saves of the same code that moved by ±10% between runs, each run tight within itself.
  const history = [1.0, 1.1, 0.92, 1.05, 0.95].map((j, i) => run(i % 2 === 0 ? 1.08 : 0.93, j));

  it('does not fail a run that moved as far as the saves move between themselves', () => {
    const comparison = compareHistory(history, run(0.93, 1.1), {
      metrics: ['speedup', 'time'],
      thresholdPct: 15,
      baseline: 'main',
    });
    expect(comparison.design).toMatchObject({ kind: 'history', units: 5, correction: 'holm' });
    expect(comparison.decision.exitCode).not.toBe(1);
  });

  it('fails a change far beyond that spread, naming the metric', () => {
    const comparison = compareHistory(history, run(2, 1), {
      metrics: ['speedup', 'time'],
      thresholdPct: 15,
      baseline: 'main',
    });
    expect(comparison.decision.exitCode).toBe(1);
    expect(comparison.decision.summary).toMatch(/w\/async\/1t \(speedup −\d+%\)/);
  });

  it('holds the same change back where other programs held the cores at the run’s start, and says so', () => {
    const busy = run(2, 1);
    const comparison = compareHistory(
      history,
      {
        ...busy,
        environment: { ...busy.environment, availableParallelism: 2, capacity: { threads: 2, freeCores: 0.3 } },
      },
      { metrics: ['speedup', 'time'], thresholdPct: 15, baseline: 'main' },
    );
    expect(comparison.decision.exitCode).toBe(3);
    const held = comparison.changes.flatMap((c) => c.metrics).find((m) => m.metric === 'speedup' && m.reason);
    expect(held?.reason).toMatch(/other programs held the cores \(this run: 0\.30 of 2 cores idle at its start\)/);
  });
});

describe('the saved-baseline gate where one cell jumps between saves', () => {
  // Sequential, gil-threads and workers move by about 3% between runs; async by about 20%.
  const steady = [1.0, 1.03, 0.97, 1.02, 0.98];
  const jumpy = [1.0, 1.25, 0.8, 1.2, 0.85];
  const run = (i: number, slower = 1): SuiteResult => ({
    schemaVersion: 1,
    tool: { name: 'gil-bench', version: '0' },
    suite: 'cpu',
    startedAt: '',
    finishedAt: '',
    partial: false,
    config: tinyConfig({ strategies: ['sequential', 'gil-threads', 'async', 'workers'] }),
    environment: {} as SuiteResult['environment'],
    cells: (['sequential', 'gil-threads', 'async', 'workers'] as const).map((strategy) =>
      cell(
        strategy,
        [100, 101, 99, 100].map((x) => x * slower * ((strategy === 'async' ? jumpy : steady)[i % 5] as number)),
      ),
    ),
    warnings: [],
  });
  const history = [0, 1, 2, 3, 4].map((i) => run(i));
  const gate = (head: SuiteResult) =>
    compareHistory(history, head, { metrics: ['time'], thresholdPct: 15, baseline: 'main' });

  it('catches a 30% slowdown on the steady cells, judging the jumpy one by its own spread', () => {
    // A run where async happened to land low: it reads about as the saves, the rest 26% slower.
    const comparison = gate(run(2, 1.3));
    expect(comparison.decision.exitCode).toBe(1);
    const byStrategy = (s: string) => comparison.changes.find((c) => c.id.includes(`/${s}/`))?.metrics[0];
    expect(byStrategy('sequential')?.label).toBe('regressed');
    expect(byStrategy('gil-threads')?.label).toBe('regressed');
    expect(byStrategy('async')?.label).not.toBe('regressed');
  });

  it('passes unchanged code that moved as far as each cell moves between saves', () => {
    expect(gate(run(2)).decision.exitCode).not.toBe(1);
  });
});
