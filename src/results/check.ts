import { cellId } from './cell-id.js';
import type { CellResult, SuiteResult } from './types.js';

/** One qualitative expectation, checked on one cell. */
export interface ShapeCheck {
  rule: string;
  cell: string;
  measured: number;
  /** The bound, e.g. "≤ 1.10×". */
  expected: string;
  pass: boolean;
}

/** Below this share of wall time spent holding the lock, the work was not really under it (native code). */
const HELD_MOST_OF_THE_TIME = 0.8;
/** An I/O operation shorter than this is not a wait that can overlap (a fast local disk). */
const REAL_WAIT_MS = 2;

function reference(result: SuiteResult, cell: CellResult): CellResult | undefined {
  return result.cells.find(
    (c) => c.workload === cell.workload && c.ioRatio === cell.ioRatio && c.strategy === 'sequential',
  );
}

/**
 * The shapes that hold on any machine, whatever its speed (gil-bench check). They compare ratios
 * within one run, so a slow or fast runner passes alike:
 * - CPU work under the lock gains nothing: gil-threads ≤ 1.1× sequential;
 * - parallel workers use the cores: workers ≥ 0.6 × min(threads, free cores) on CPU work;
 * - waits overlap: async and gil-threads ≥ 0.5 × their concurrency on I/O work.
 */
export function checkShapes(result: SuiteResult): ShapeCheck[] {
  const checks: ShapeCheck[] = [];
  const freeCores = result.environment.capacity?.freeCores ?? result.environment.availableParallelism;
  for (const cell of result.cells) {
    const speedup = cell.speedup?.value;
    if (cell.state !== 'completed' || speedup === undefined || cell.strategy === 'sequential') continue;
    const id = cellId(cell);
    if (
      cell.kind === 'cpu' &&
      cell.strategy === 'gil-threads' &&
      cell.lock &&
      cell.lock.holdShare * cell.threads >= HELD_MOST_OF_THE_TIME
    ) {
      checks.push({
        rule: 'CPU work under the lock gains nothing',
        cell: id,
        measured: speedup,
        expected: '≤ 1.10×',
        pass: speedup <= 1.1,
      });
    }
    if (cell.kind === 'cpu' && cell.strategy === 'workers') {
      const bound = 0.6 * Math.min(cell.threads, freeCores);
      checks.push({
        rule: 'parallel workers use the free cores',
        cell: id,
        measured: speedup,
        expected: `≥ ${bound.toFixed(2)}×`,
        pass: speedup >= bound,
      });
    }
    const wait = reference(result, cell)?.io?.p50 ?? 0;
    if (cell.kind === 'io' && wait >= REAL_WAIT_MS && (cell.strategy === 'async' || cell.strategy === 'gil-threads')) {
      const concurrency = cell.strategy === 'async' ? cell.tasks : Math.min(cell.threads, cell.tasks);
      const bound = 0.5 * concurrency;
      checks.push({
        rule: 'waits overlap',
        cell: id,
        measured: speedup,
        expected: `≥ ${bound.toFixed(2)}×`,
        pass: speedup >= bound,
      });
    }
  }
  return checks;
}
