import type { CellResult } from './types.js';

/** A stable name for a cell in CI trackers: `primes/gil-threads/2t`, `ratio@25%/async/1t`. */
export function cellId(cell: CellResult): string {
  const workload = cell.ioRatio === undefined ? cell.workload : `${cell.workload}@${Math.round(cell.ioRatio * 100)}%`;
  return `${workload}/${cell.strategy}/${cell.threads}t`;
}
