/** The head version of an A/B run as one workload's cells, from every pair's batches. */
import type { PairMeasure } from '../analysis/paired-compare.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult } from '../results/types.js';
import type { Estimator } from '../stats/estimate.js';
import { withTimingFigures } from '../results/figures.js';

/** A lock's counts over the timed batches; its shares and rates hold for any of them. */
const LOCK_COUNTS = [
  'acquisitions',
  'contended',
  'dropRequests',
  'forcedSwitches',
  'switches',
  'failedWakeups',
  'switchTimeouts',
] as const;

/**
 * Adds one pair's totals over its timed batches to the merged cell's: the batches of every pair
 * are the cell's, so a figure over its whole wall time (the share spent waiting, wake-ups a
 * second) needs the waits and counts of every pair too, not the last pair's alone.
 */
function addTotals(cell: CellResult, got: CellResult): void {
  if (cell.io && got.io) {
    cell.io.ops += got.io.ops;
    if (cell.io.totalMs !== undefined && got.io.totalMs !== undefined) cell.io.totalMs += got.io.totalMs;
  }
  if (cell.native && got.native) {
    cell.native.calls += got.native.calls;
    cell.native.totalMs += got.native.totalMs;
  }
  const lock = cell.lock;
  const more = got.lock;
  if (lock && more) {
    for (const key of LOCK_COUNTS) lock[key] += more[key];
    if (lock.checkpoints !== undefined && more.checkpoints !== undefined) lock.checkpoints += more.checkpoints;
  }
}

/**
 * The head version as one result: every pair's batches, each pair's rounds numbered apart (a batch
 * pairs with sequential's of its own round), and their totals; the other figures (percentiles,
 * shares) are those of the last pair that measured the cell.
 */
export function headCells(pairs: readonly PairMeasure[], estimator: Estimator): CellResult[] {
  const last = pairs[pairs.length - 1];
  if (!last) return [];
  const merged = last.head.map((opened) => {
    const id = cellId(opened);
    const got = pairs.map((pair) => pair.head.find((c) => cellId(c) === id));
    // Further pairs measure only the cells left open: the figures are those of the last that measured it.
    const template = got.findLast((c) => c !== undefined && c.samples.length > 0) ?? opened;
    const cell: CellResult = { ...structuredClone(template), samples: [], rounds: [] };
    got.forEach((one, p) => {
      if (!one) return;
      if (one !== template) addTotals(cell, one);
      cell.samples.push(...one.samples);
      (cell.rounds ??= []).push(...(one.rounds ?? one.samples.map((_, i) => i)).map((r) => p * PAIR_ROUNDS + r));
      if (one.state !== 'completed' && cell.state === 'completed') {
        cell.state = one.state;
        if (one.error !== undefined) cell.error = one.error;
        if (one.mismatches) cell.mismatches = one.mismatches;
      }
    });
    return cell;
  });
  return withTimingFigures(merged, estimator);
}

/** Rounds of one pair are numbered within this span, so pairs never share a round number. */
const PAIR_ROUNDS = 1_000_000;
