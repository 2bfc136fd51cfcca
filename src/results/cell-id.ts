import { MAIN_THREAD_STRATEGIES } from '../strategies/names.js';
import type { CellResult } from './types.js';

type Named = Pick<CellResult, 'workload' | 'ioRatio' | 'strategy' | 'threads'>;

/** The workload with its parameter, when it has one: "ratio (I/O 25%)". */
export function cellTitle(cell: Pick<CellResult, 'workload' | 'ioRatio'>): string {
  return cell.ioRatio === undefined ? cell.workload : `${cell.workload} (I/O ${Math.round(cell.ioRatio * 100)}%)`;
}

/** "gil-threads ×2": a strategy at its thread count; main-thread strategies need no count. */
export function strategyLabel(cell: Pick<CellResult, 'strategy' | 'threads'>): string {
  return MAIN_THREAD_STRATEGIES.includes(cell.strategy) ? cell.strategy : `${cell.strategy} ×${cell.threads}`;
}

/** A cell for people: "ratio (I/O 25%) / gil-threads ×2". */
export function cellLabel(cell: Named): string {
  return `${cellTitle(cell)} / ${strategyLabel(cell)}`;
}

/** A stable name for a cell in CI trackers: `primes/gil-threads/2t`, `ratio@25%/async/1t`. */
export function cellId(cell: Named): string {
  const workload = cell.ioRatio === undefined ? cell.workload : `${cell.workload}@${Math.round(cell.ioRatio * 100)}%`;
  return `${workload}/${cell.strategy}/${cell.threads}t`;
}
