import type { CellResult, SuiteResult } from '../results/types.js';

export interface CellGroup {
  /** The workload, with its parameter when it has one ("ratio (I/O 25%)"). */
  title: string;
  kind: CellResult['kind'];
  cells: CellResult[];
}

/** The workload as a title: a parameterised workload gets one group per value. */
export function cellTitle(cell: CellResult): string {
  return cell.ioRatio === undefined ? cell.workload : `${cell.workload} (I/O ${Math.round(cell.ioRatio * 100)}%)`;
}

/** Cells grouped by workload (and parameter), in the order they ran. */
export function byWorkload(result: SuiteResult): CellGroup[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of result.cells) {
    const title = cellTitle(cell);
    const list = groups.get(title) ?? [];
    list.push(cell);
    groups.set(title, list);
  }
  return [...groups].map(([title, cells]) => ({ title, kind: cells[0]?.kind ?? 'cpu', cells }));
}

/** The completed cell with the lowest median, if any. */
export function fastest(cells: readonly CellResult[]): CellResult | undefined {
  let best: CellResult | undefined;
  for (const cell of cells) {
    if (cell.state !== 'completed' || !cell.stats) continue;
    if (!best?.stats || cell.stats.median < best.stats.median) best = cell;
  }
  return best;
}
