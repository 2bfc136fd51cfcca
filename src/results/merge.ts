import { cellId } from './cell-id.js';
import type { Estimator } from '../config/types.js';
import { estimatorOf } from './estimator.js';
import type { SuiteResult } from './types.js';

export interface MergedMachine {
  /** What the user called the run (its file name). */
  label: string;
  cpuModel: string;
  cores: number;
  node: string;
  /** The capacity probe, where the run had one. */
  freeCores?: number;
  /** What the run's speedups compare (older results: medians). */
  estimator: Estimator;
}

export interface MergedRow {
  /** `primes/gil-threads/2t`. */
  id: string;
  /** Speedup vs sequential on each machine; undefined where the cell is missing or failed. */
  speedups: (number | undefined)[];
}

export interface Merged {
  machines: MergedMachine[];
  rows: MergedRow[];
}

/** Lines up several runs (a CI matrix) cell by cell: speedups are comparable across machines. */
export function mergeResults(runs: ReadonlyArray<{ label: string; result: SuiteResult }>): Merged {
  const ids: string[] = [];
  for (const { result } of runs)
    for (const cell of result.cells) if (!ids.includes(cellId(cell))) ids.push(cellId(cell));
  return {
    machines: runs.map(({ label, result }) => ({
      label,
      cpuModel: result.environment.cpuModel,
      cores: result.environment.availableParallelism,
      node: result.environment.node,
      estimator: estimatorOf(result),
      ...(result.environment.capacity ? { freeCores: result.environment.capacity.freeCores } : {}),
    })),
    rows: ids.map((id) => ({
      id,
      speedups: runs.map(({ result }) => {
        const cell = result.cells.find((c) => cellId(c) === id);
        return cell?.state === 'completed' ? cell.speedup?.value : undefined;
      }),
    })),
  };
}
