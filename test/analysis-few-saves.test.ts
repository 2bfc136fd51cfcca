import { describe, expect, it } from 'vitest';
import { compareWithFewSaves } from '../src/analysis/few-saves.js';
import { compareResults } from '../src/analysis/compare.js';
import { runWith } from './fixtures/results.js';

const settings = { metrics: ['speedup', 'time'] as const, thresholdPct: 15, plannedLooks: 1 };

describe('the saved-baseline gate with fewer saves than the spread between runs needs', () => {
  // The same code on a runner 40% slower in the second run: every time reads worse, no speedup does.
  const base = runWith(1.02, 0.52);
  const slowerRunner = runWith(1.02, 0.52, 8, { runner: 1.4, workload: 1.4 });

  it('never fails unchanged code for a time that moved with the runner: it is undecided, and says how many saves it needs', () => {
    // Judged on the runs' own rounds alone, the times regress: the failure the gate must not give.
    expect(compareResults(base, slowerRunner, settings, 'b').decision.exitCode).toBe(1);
    const judged = compareWithFewSaves(base, slowerRunner, settings, 'b', 1, 1);
    expect(judged.decision.exitCode).toBe(3);
    expect(judged.decision.summary).toMatch(/judged after 2 more saves of the baseline \(--save-baseline b\)$/);
    const times = judged.changes.flatMap((c) => c.metrics.filter((m) => m.metric === 'time'));
    expect(times.every((m) => m.label !== 'regressed')).toBe(true);
    expect(judged.notes?.[0]).toMatch(
      /only speedups of work that does not wait, which cancel the runner's speed within a run, may fail the gate/,
    );
  });

  it('still fails a speedup that fell, whatever the saves', () => {
    const slower = runWith(1.02, 0.52 * 1.3);
    const judged = compareWithFewSaves(base, slower, settings, 'b', 1, 2);
    expect(judged.decision.exitCode).toBe(1);
    expect(judged.decision.summary).toMatch(/workers\/2t \(speedup −23%/);
  });

  it('holds back a speedup of work that waits, as the waits do not move with the runner', () => {
    // Sequential waited 60% of its batches: a faster runner shortens only the computing, so a
    // strategy that overlaps the waits reads a different speedup on the same code.
    const waiting = (run: ReturnType<typeof runWith>): ReturnType<typeof runWith> => ({
      ...run,
      cells: run.cells.map((cell) =>
        cell.strategy === 'sequential'
          ? {
              ...cell,
              io: { ops: 8, p50: 30, p99: 31, max: 32, totalMs: 0.6 * cell.samples.reduce((s, x) => s + x, 0) },
            }
          : cell,
      ),
    });
    const judged = compareWithFewSaves(waiting(base), waiting(runWith(1.02, 0.52 * 1.3)), settings, 'b', 1, 1);
    expect(judged.decision.exitCode).toBe(3);
    const speedup = judged.changes.flatMap((c) => c.metrics).find((m) => m.metric === 'speedup' && m.reason);
    expect(speedup?.reason).toMatch(/^23% lower, but the work waits 60% of its time/);
  });

  it('holds back a speedup too where other programs held the cores in either run, and says so', () => {
    const slower = runWith(1.02, 0.52 * 1.3);
    const busy = {
      ...slower,
      environment: { ...slower.environment, capacity: { threads: 2, freeCores: 0.6, parallelism: 1.9 } },
    };
    const judged = compareWithFewSaves(base, busy, settings, 'b', 1, 1);
    expect(judged.decision.exitCode).toBe(3);
    const speedup = judged.changes.flatMap((c) => c.metrics).find((m) => m.metric === 'speedup' && m.reason);
    expect(speedup?.reason).toMatch(/other programs held the cores \(this run: 0\.60 of 2 cores idle at its start\)/);
  });

  it('holds it back too where other programs came during the batches, after an idle start', () => {
    const slower = runWith(1.02, 0.52 * 1.3);
    const busy = {
      ...slower,
      environment: { ...slower.environment, capacity: { threads: 2, freeCores: 1.95, parallelism: 1.9 } },
      cells: slower.cells.map((cell) => ({
        ...cell,
        host: { cpuMsPerBatch: 1, cpuUtilization: 0.5, otherCores: 0.9 },
      })),
    };
    const judged = compareWithFewSaves(base, busy, settings, 'b', 1, 1);
    expect(judged.decision.exitCode).toBe(3);
    const speedup = judged.changes.flatMap((c) => c.metrics).find((m) => m.metric === 'speedup' && m.reason);
    expect(speedup?.reason).toMatch(/this run: 0\.90 cores busy with them during its batches/);
  });

  it('needs one more save with two', () => {
    const judged = compareWithFewSaves(base, slowerRunner, settings, 'b', 1, 2);
    expect(judged.decision.summary).toMatch(/judged after 1 more save of the baseline/);
  });
});
