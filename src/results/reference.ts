import type { CellResult, SuiteResult } from './types.js';

/**
 * The sequential cell a cell is measured against: same workload, same parameter, same variant and
 * runtime (a Python module and its JavaScript twin may share a name; so may two interpreters'
 * runs of one module). Every speedup, every "alone" figure and every workload profile comes from
 * it; this is the one place that finds it.
 */
export function referenceOf(cells: readonly CellResult[], cell: CellResult): CellResult | undefined {
  return cells.find(
    (c) =>
      c.strategy === 'sequential' &&
      c.workload === cell.workload &&
      c.ioRatio === cell.ioRatio &&
      c.variant === cell.variant &&
      c.runtime?.name === cell.runtime?.name,
  );
}

/** The reference, only when it completed with timed batches. */
export function completedReferenceOf(cells: readonly CellResult[], cell: CellResult): CellResult | undefined {
  const reference = referenceOf(cells, cell);
  return reference?.state === 'completed' && reference.stats ? reference : undefined;
}

/** The yardstick's times of the workload a cell measures, when its run timed one. */
export function yardstickOf(
  run: { yardsticks?: SuiteResult['yardsticks'] },
  cell: Pick<CellResult, 'workload' | 'ioRatio'>,
): NonNullable<SuiteResult['yardsticks']>[number] | undefined {
  return run.yardsticks?.find((y) => y.workload === cell.workload && y.ioRatio === cell.ioRatio);
}
