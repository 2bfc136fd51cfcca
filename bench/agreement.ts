import { cellId } from '../src/results/cell-id.js';
import type { SuiteResult } from '../src/results/types.js';

/** How far apart two runs' speedups may be and still count as agreeing: 5%. */
export const AGREEMENT_TOLERANCE = 0.05;

export interface Agreement {
  /** Cells with a speedup in both runs. */
  cells: number;
  /** Of those, the ones whose speedups are within the tolerance of each other. */
  agreeing: number;
  /** The cells that are not, with both speedups. */
  misses: { cell: string; a: number; b: number }[];
}

/**
 * Do two runs tell the same story? Counts the cells of the given strategies whose speedups in the
 * two runs are within `tolerance` of each other (the larger over the smaller, less one).
 */
export function agreement(
  a: SuiteResult,
  b: SuiteResult,
  strategies: readonly string[],
  tolerance = AGREEMENT_TOLERANCE,
): Agreement {
  const speedups = (result: SuiteResult): Map<string, number> =>
    new Map(
      result.cells.flatMap((cell): [string, number][] =>
        strategies.includes(cell.strategy) && cell.state === 'completed' && cell.speedup
          ? [[cellId(cell), cell.speedup.value]]
          : [],
      ),
    );
  const inB = speedups(b);
  const out: Agreement = { cells: 0, agreeing: 0, misses: [] };
  for (const [cell, x] of speedups(a)) {
    const y = inB.get(cell);
    if (y === undefined) continue;
    out.cells++;
    if (Math.max(x, y) / Math.min(x, y) - 1 <= tolerance) out.agreeing++;
    else out.misses.push({ cell, a: x, b: y });
  }
  return out;
}
