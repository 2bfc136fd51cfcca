import { describe, expect, it } from 'vitest';
import { interpreterSentences } from '../src/analysis/interpreters.js';
import { referenceOf } from '../src/results/reference.js';
import { cellId } from '../src/results/cell-id.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { cellOf, CPYTHON_RUNTIME, suiteFixture } from './fixtures/suite-result.js';

const GIL = { ...CPYTHON_RUNTIME, command: 'python3.11' };
const NOGIL = { ...CPYTHON_RUNTIME, version: '3.9.10', gil: false, command: 'python3.9' };
const rounds = [0, 1, 2, 3, 4];

/** A cell of one interpreter: its batch times over five rounds that took turns with the other's. */
const cell = (variant: string, runtime: typeof GIL, strategy: CellResult['strategy'], samples: number[]): CellResult =>
  cellOf('count-primes', strategy, { variant, runtime, samples, rounds, tasks: 8 });

const result = (cells: CellResult[]): SuiteResult => ({
  ...suiteFixture,
  config: { ...suiteFixture.config, pythons: ['python3.11', 'python3.9'], estimator: 'median' },
  cells,
});

describe('interpreters side by side', () => {
  const cells = [
    cell('python3.11', GIL, 'sequential', [100, 101, 99, 100, 102]),
    cell('python3.11', GIL, 'gil-threads', [102, 103, 101, 100, 104]),
    cell('python3.9', NOGIL, 'sequential', [130, 133, 127, 131, 131]),
    cell('python3.9', NOGIL, 'gil-threads', [70, 71, 69, 70, 72]),
  ];

  it("states the free-threaded build's cost on one thread, with its interval, and the fastest way found", () => {
    expect(interpreterSentences(result(cells))).toEqual([
      "Across interpreters (count-primes): CPython 3.9, no GIL's for loop took 1.31× as long (1.29–1.33×) as CPython 3.11's; the fastest way to run it here: threading ×2 on CPython 3.9, no GIL, 70.0 ms a batch (8.75 ms a task).",
    ]);
  });

  it('says nothing for a run of one interpreter', () => {
    expect(interpreterSentences({ ...result(cells), config: { ...suiteFixture.config } })).toEqual([]);
  });

  it("measures each interpreter's cells against its own for loop, never the other's, and names them apart", () => {
    const threads = cells[3] as CellResult;
    expect(referenceOf(cells, threads)).toBe(cells[2]);
    expect(new Set(cells.map(cellId)).size).toBe(4);
    expect(cellId(threads)).toBe('cpython(python3.9):count-primes/gil-threads/2t');
  });
});
