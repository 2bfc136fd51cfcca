import type { CellResult, SuiteResult } from '../results/types.js';

/** Cells grouped by workload, in the order they ran. */
export function byWorkload(result: SuiteResult): Array<{ workload: string; kind: CellResult['kind']; cells: CellResult[] }> {
  const groups = new Map<string, CellResult[]>();
  for (const cell of result.cells) {
    const list = groups.get(cell.workload) ?? [];
    list.push(cell);
    groups.set(cell.workload, list);
  }
  return [...groups].map(([workload, cells]) => ({ workload, kind: cells[0]?.kind ?? 'cpu', cells }));
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
