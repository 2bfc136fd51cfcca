import type { Estimator } from '../config/types.js';
import { pairedSpeedup } from '../stats/paired.js';
import { summarize } from '../stats/summary.js';
import { referenceOf } from './reference.js';
import type { CellResult } from './types.js';

/**
 * Every cell's statistics, and its speedup over its reference (referenceOf) with the efficiency:
 * the one place a cell's timing figures are put together from its batches, whichever engine ran
 * them and however many process pairs they came from.
 */
export function withTimingFigures(cells: readonly CellResult[], estimator: Estimator): CellResult[] {
  return cells.map((cell) => {
    if (cell.samples.length === 0) return cell;
    const out: CellResult = { ...cell, stats: summarize(cell.samples) };
    const reference = referenceOf(cells, cell);
    if (reference?.state === 'completed' && reference.samples.length > 0 && cell.state === 'completed') {
      out.speedup = pairedSpeedup(estimator, reference, cell);
      out.efficiency = out.speedup.value / cell.threads;
    }
    return out;
  });
}
