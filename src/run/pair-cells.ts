/** The head version of an A/B run as one workload's cells, from every pair's batches. */
import type { PairMeasure } from '../analysis/paired-compare.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult } from '../results/types.js';
import type { Estimator } from '../stats/estimate.js';
import { pairedSpeedup } from '../stats/paired.js';
import { summarize } from '../stats/summary.js';

/**
 * The head version as one result: every pair's batches, each pair's rounds numbered apart (a batch
 * pairs with sequential's of its own round), the figures of the last pair's cells.
 */
export function headCells(pairs: readonly PairMeasure[], estimator: Estimator): CellResult[] {
  const last = pairs[pairs.length - 1];
  if (!last) return [];
  const merged = last.head.map((template) => {
    const id = cellId(template);
    const cell: CellResult = { ...structuredClone(template), samples: [], rounds: [] };
    pairs.forEach((pair, p) => {
      const got = pair.head.find((c) => cellId(c) === id);
      if (!got) return;
      cell.samples.push(...got.samples);
      (cell.rounds ??= []).push(...(got.rounds ?? got.samples.map((_, i) => i)).map((r) => p * PAIR_ROUNDS + r));
      if (got.state !== 'completed' && cell.state === 'completed') {
        cell.state = got.state;
        if (got.error !== undefined) cell.error = got.error;
        if (got.mismatches) cell.mismatches = got.mismatches;
      }
    });
    if (cell.samples.length > 0) cell.stats = summarize(cell.samples);
    return cell;
  });
  const reference = merged.find((c) => c.strategy === 'sequential' && c.state === 'completed');
  return merged.map((cell) => {
    if (!reference || cell.state !== 'completed' || cell.samples.length === 0) return cell;
    const speedup = pairedSpeedup(estimator, reference, cell);
    return { ...cell, speedup, efficiency: speedup.value / cell.threads };
  });
}

/** Rounds of one pair are numbered within this span, so pairs never share a round number. */
const PAIR_ROUNDS = 1_000_000;
