/**
 * Which cells of a workload have not settled: their speedup's paired interval is still wider than
 * the margin the run asks for. The scheduler gives those further rounds; this only names them.
 */
import { MAX_RME } from '../config/defaults.js';
import type { Estimator } from '../config/types.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult } from '../results/types.js';
import { pairedSpeedup, relativeMargin } from '../stats/paired.js';

/** The ids of the completed cells (sequential aside) whose speedup is not yet within ±MAX_RME%, below `maxSamples` batches. */
export function unsettledCells(
  cells: readonly CellResult[],
  estimator: Estimator,
  maxSamples: number,
  maxRmePct: number = MAX_RME,
): string[] {
  const reference = cells.find((cell) => cell.strategy === 'sequential');
  if (reference?.state !== 'completed') return [];
  return cells
    .filter(
      (cell) =>
        cell !== reference &&
        cell.state === 'completed' &&
        cell.samples.length < maxSamples &&
        relativeMargin(pairedSpeedup(estimator, reference, cell)) * 100 > maxRmePct,
    )
    .map(cellId);
}
