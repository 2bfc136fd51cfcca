import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { collectWarnings } from '../src/analysis/warnings.js';
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
    const quick = { config: { ...suiteFixture.config, quick: true, iterations: 3, tasks: 4, size: 's' as const } };
    const warnings = collectWarnings(withCells([cell({ samples: 3, rme: 12 })], quick));
    expect(warnings.map((w) => [w.kind, w.level])).toEqual([['quick', 'note']]);
    expect(warnings[0]?.message).toBe(
      '--quick is a first look: 3 timed batches of 4 small tasks (size s) per strategy, so the 95% intervals are wide',
    );
    // Real trouble is still a warning under --quick, and more batches than quick's few are judged as usual.
    expect(kinds(withCells([cell({ samples: 3, sd: 60, mean: 400 })], quick))).toEqual(['quick', 'unstable']);
    expect(kinds(withCells([cell({ samples: 8, rme: 12 })], quick))).toEqual(['high-rme']);
  });

  it('warns about a high relative error and an unstable spread, naming the worst cell', () => {
    const warnings = collectWarnings(withCells([cell({ rme: 12, sd: 60, mean: 400 }), cell({ rme: 1 })]));
    expect(warnings.map((w) => w.kind)).toEqual(['high-rme', 'unstable']);
    expect(warnings[0]?.message).toBe('1 of 2 cells have a relative error over 5% (worst: primes / sequential ±12.0%)');
    expect(warnings.every((w) => w.hint.length > 0)).toBe(true);
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
      'only 1.10 of 2 cores were free when the run started: parallel compute will be understated (work / workers ×2)',
    );
    const waiting = analyse(
      scenario(
        { freeCores: 1.1, wait: 0.97, aloneIoP50: 10 },
        { strategy: 'workers', threads: 2, speedup: [1.9, 1.85, 1.95], busy: 0.1, inFlight: 1.9 },
      ),
    );
    expect(waiting.warnings.map((w) => w.kind)).not.toContain('capacity');
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
    const result = withCells([cell({})], { config: { ...suiteFixture.config, threads: [1, 4], tasks: 2 } });
    expect(kinds(result)).toEqual(['tasks-below-threads']);
  });
});
