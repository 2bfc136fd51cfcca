import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { collectWarnings } from '../src/analysis/warnings.js';
import { warmingShare } from '../src/analysis/warming.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { scenario } from './fixtures/scenario.js';
import { suiteFixture } from './fixtures/suite-result.js';

function withCells(cells: CellResult[], changes: Partial<SuiteResult> = {}): SuiteResult {
  return { ...suiteFixture, cells, warnings: [], ...changes };
}

const base = suiteFixture.cells[0] as CellResult;
const cell = (stats: Partial<NonNullable<CellResult['stats']>>): CellResult => ({
  ...base,
  stats: { ...(base.stats as NonNullable<CellResult['stats']>), ...stats },
});
const kinds = (result: SuiteResult): string[] => collectWarnings(result).map((w) => w.kind);

describe('collectWarnings', () => {
  it('says nothing about a clean run', () => {
    expect(kinds(withCells([cell({})]))).toEqual([]);
  });

  it('warns about too few samples for the confidence level', () => {
    expect(kinds(withCells([cell({ samples: 2 })]))).toContain('few-samples');
  });

  it('under --quick, its few batches and wide margins are one note, not warnings against the run asked for', () => {
    const quick = {
      config: { ...suiteFixture.config, quick: true, iterations: 3, tasks: 2, batchMs: 20, size: 'xs' as const },
    };
    const wide = (samples: number): CellResult => ({
      ...cell({ samples }),
      strategy: 'workers',
      threads: 2,
      speedup: { value: 1.5, low: 1.2, high: 1.8 },
    });
    const warnings = collectWarnings(withCells([cell({ samples: 3 }), wide(3)], quick));
    expect(warnings.map((w) => [w.kind, w.level])).toEqual([['quick', 'note']]);
    expect(warnings[0]?.message).toBe(
      '--quick is a first look: 3 timed batches of about 20 ms (size xs tasks, as many as fit) per strategy, so the 95% intervals are wide',
    );
    // Batches as sized, where a workload needed longer ones (a CPython process pool's floor).
    const sized = {
      ...quick,
      sizing: [
        { workload: 'mine', taskMs: 1, batchMs: 100, tasks: 100 },
        { workload: 'twin', taskMs: 0.1, batchMs: 20, tasks: 200 },
      ],
    };
    expect(collectWarnings(withCells([cell({ samples: 3 }), wide(3)], sized))[0]?.message).toMatch(
      /^--quick is a first look: 3 timed batches of about 20 or 100 ms \(size xs/,
    );
    // The same cells without --quick are judged as usual.
    const asked = { config: { ...quick.config, quick: undefined } };
    expect(kinds(withCells([cell({ samples: 8 }), wide(8)], asked))).toEqual(['high-rme']);
  });

  it('warns about speedups whose interval is wider than ±5%, naming the worst cell', () => {
    const wide: CellResult = {
      ...cell({}),
      strategy: 'workers',
      threads: 2,
      speedup: { value: 1.5, low: 1.2, high: 1.8 },
    };
    const narrow: CellResult = { ...wide, strategy: 'async', threads: 1, speedup: { value: 1, low: 0.99, high: 1.01 } };
    const warnings = collectWarnings(withCells([cell({}), wide, narrow]));
    expect(warnings.map((w) => w.kind)).toEqual(['high-rme']);
    expect(warnings[0]?.message).toBe(
      '1 of 3 cells have a speedup whose 95% interval reaches past ±5% (worst: primes / workers ×2 ±20.0%)',
    );
    expect(warnings.every((w) => w.hint.length > 0)).toBe(true);
  });

  it('warns about cells whose timed batches still fell steadily, and not about noise', () => {
    const warming = { ...cell({}), samples: [63, 51, 46, 40, 39, 38] };
    const noisy = { ...cell({}), samples: [40, 52, 39, 41, 50, 40] };
    expect(warmingShare(warming)).toBeCloseTo(51 / 39 - 1, 10);
    expect(warmingShare(noisy)).toBe(0);
    const warnings = collectWarnings(withCells([warming, noisy]));
    expect(warnings.find((w) => w.kind === 'still-warming')?.message).toBe(
      '1 of 2 cells were still getting faster while timed: their first batches were slower than their last (worst: primes / sequential first half 31% slower)',
    );
  });

  it('warns when a batch is too short for the timer', () => {
    const result = withCells([cell({ median: 0.01, mean: 0.01, sd: 0, rme: 0 })]);
    expect(kinds(result)).toContain('timer-resolution');
  });

  it('warns about a busy machine only where a speedup depends on free cores', () => {
    const workers = analyse(
      scenario({ freeCores: 1.1 }, { strategy: 'workers', threads: 2, speedup: [1.5, 1.4, 1.6], busy: 1.5 }),
    );
    expect(workers.warnings.find((w) => w.kind === 'capacity')?.message).toBe(
      'only 1.10 of 2 cores were idle when the run started: other programs used the rest, so parallel compute will be understated (work / workers ×2)',
    );
    const waiting = analyse(
      scenario(
        { freeCores: 1.1, wait: 0.97, aloneIoP50: 10 },
        { strategy: 'workers', threads: 2, speedup: [1.9, 1.85, 1.95], busy: 0.1, inFlight: 1.9 },
      ),
    );
    expect(waiting.warnings.map((w) => w.kind)).not.toContain('capacity');
  });

  it('idle cores where two raw threads gained little: a note on the hardware, never "close other programs"', () => {
    const result = scenario(
      { freeCores: 1.98 },
      { strategy: 'workers', threads: 2, speedup: [1.25, 1.2, 1.3], busy: 1.97 },
    );
    const shared = analyse({
      ...result,
      environment: { ...result.environment, capacity: { threads: 2, freeCores: 1.98, parallelism: 1.24 } },
    });
    expect(shared.warnings.map((w) => w.kind)).toEqual(['shared-cores']);
    expect(shared.warnings[0]).toMatchObject({
      level: 'note',
      message:
        "two raw threads ran 1.24× as fast as one, with the cores idle: they share execution units (SMT, a VM's vCPUs) or a quota holds them, so parallel compute stops near 1.24× here (work / workers ×2)",
    });
  });

  it('warns about threads beyond the cores only for parallel compute, not for overlapping waits', () => {
    const cpu = analyse(
      scenario({ threads: [8] }, { strategy: 'workers', threads: 8, speedup: [1.9, 1.85, 1.95], busy: 1.93 }),
    );
    expect(cpu.warnings.find((w) => w.kind === 'threads-exceed-cores')?.message).toBe(
      '8 threads on 2 available cores: parallel compute cannot exceed 2× (work / workers ×8)',
    );
    const io = analyse(
      scenario(
        { threads: [8], wait: 0.97, aloneIoP50: 10 },
        { strategy: 'workers', threads: 8, speedup: [7.58, 7.3, 7.7], busy: 0.3, inFlight: 7.6 },
      ),
    );
    expect(io.warnings.map((w) => w.kind)).not.toContain('threads-exceed-cores');
  });

  it('warns when tasks are fewer than threads', () => {
    const config = { ...suiteFixture.config, threads: [1, 4], tasks: 2 };
    const starved: CellResult = { ...cell({}), strategy: 'workers', threads: 4, tasks: 2 };
    expect(kinds(withCells([cell({}), starved], { config }))).toEqual(['tasks-below-threads']);
    expect(collectWarnings(withCells([cell({}), starved], { config }))[0]?.message).toBe(
      '2 tasks for 4 threads: some threads have nothing to do',
    );
    // A batch sized by time holds more tasks than the floor: then every thread has work.
    expect(kinds(withCells([cell({}), { ...starved, tasks: 8 }], { config }))).toEqual([]);
  });
});
