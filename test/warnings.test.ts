import { describe, expect, it } from 'vitest';
import { collectWarnings } from '../src/measure/warnings.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
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

  it('warns when the capacity probe finds fewer free cores than the machine claims', () => {
    const busy = withCells([cell({})], {
      environment: { ...suiteFixture.environment, capacity: { threads: 2, freeCores: 1.1 } },
    });
    expect(collectWarnings(busy).find((w) => w.kind === 'capacity')?.message).toBe(
      'only 1.10 of 2 cores were free when the run started: parallel speedups will be understated',
    );
  });

  it('warns when threads exceed the cores, and when tasks are fewer than threads', () => {
    const result = withCells([cell({})], { config: { ...suiteFixture.config, threads: [1, 4], tasks: 2 } });
    expect(kinds(result)).toEqual(['threads-exceed-cores', 'tasks-below-threads']);
  });
});
