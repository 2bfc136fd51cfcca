/**
 * The most speedup a cell can physically reach: its computing can run no faster than on its
 * threads, at most the machine's cores (one under a lock or on one event loop), and its waits can
 * overlap up to its concurrency (shorter still where each wait was measured
 * shorter than alone). A speedup whose whole interval lies well beyond it is not a gain: a batch
 * met something else on the machine (a sequential batch twice its usual time), and is named.
 */
import { LOCKED_STRATEGIES, MAIN_THREAD_STRATEGIES, type GilMode } from '../strategies/names.js';
import { gilOf } from '../results/cell-id.js';
import type { CellFacts, CellResult } from '../results/types.js';
import { median } from '../stats/summary.js';

/**
 * The cores a cell's computing could use at once: one on the main thread or under the lock, else
 * its threads up to the cores. Not its busy cores: those are a median batch's, while a speedup by
 * the fastest batch met the cores at their freest (a quick run's workers read 1.58× on 1.17 busy).
 */
function computeParallelism(cell: CellResult, facts: CellFacts, cores: number, locked: boolean): number {
  if (MAIN_THREAD_STRATEGIES.includes(cell.strategy) || locked) return 1;
  return Math.max(1, Math.min(facts.concurrency, cores));
}

/**
 * The bound, ×; undefined where the work's shares were not measured (sequential did not complete).
 * `computing`: the share of sequential's time on a CPU (its busy cores), which is all that needs a
 * core; the rest (waits, blocking calls, the loop's gaps) overlaps up to the concurrency. `locked`:
 * the cell computed under a lock it could not release (the simulation's gil-threads and
 * async-offload; not a CPython cell, whose C code may release the GIL).
 */
export function speedupBound(
  cell: CellResult,
  facts: CellFacts,
  cores: number,
  locked: boolean,
  computing = 1 - (facts.waitShare ?? 0),
): number | undefined {
  if (facts.waitShare === undefined) return undefined;
  const compute = Math.min(1, Math.max(0, computing));
  const wait = 1 - compute;
  // Mostly waiting: sequential's CPU share also holds work no strategy serialises (its loop, its
  // timers, the collector), so only the waits' own limit is sure: they overlap at most c-fold.
  if (compute < 0.5) return Math.max(1, facts.concurrency) / Math.min(1, facts.waitRatio ?? 1);
  const native = locked ? Math.min(compute, facts.nativeShare ?? 0) : 0;
  const interpreted = Math.max(0, compute - native);
  const parallel = computeParallelism(cell, facts, cores, false);
  const serial = locked ? computeParallelism(cell, facts, cores, true) : parallel;
  const waits = (wait * Math.min(1, facts.waitRatio ?? 1)) / Math.max(1, facts.concurrency);
  return 1 / (interpreted / serial + native / parallel + waits);
}

/** Whether the cell computes under a lock it cannot release around its work. */
export function lockedFor(cell: CellResult, gil: GilMode): boolean {
  return LOCKED_STRATEGIES.includes(cell.strategy) && cell.runtime === undefined && gilOf(cell, gil) !== 'none';
}

/**
 * The batch that most likely made a speedup impossible: the round whose ratio lies furthest above
 * the others, and which side's batch was out of line, in words.
 */
export function outlierBatch(cell: CellResult, reference: CellResult): string | undefined {
  const roundsOf = (c: CellResult): readonly number[] => c.rounds ?? c.samples.map((_, i) => i);
  const own = new Map<number, number>();
  roundsOf(cell).forEach((round, i) => own.set(round, cell.samples[i] as number));
  let worst: { round: number; seq: number; own: number; ratio: number } | undefined;
  roundsOf(reference).forEach((round, i) => {
    const seq = reference.samples[i] as number;
    const partner = own.get(round);
    if (partner === undefined) return;
    const ratio = seq / partner;
    if (!worst || ratio > worst.ratio) worst = { round, seq, own: partner, ratio };
  });
  if (!worst) return undefined;
  const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
  const seqTypical = median(reference.samples);
  const ownTypical = median(cell.samples);
  const round = worst.round + 1;
  // Which side strayed further from its own typical batch, where each has batches enough to tell.
  if (cell.samples.length >= 3 && ownTypical / worst.own > Math.max(1.2, worst.seq / seqTypical))
    return `its own batch of round ${round} took ${ms(worst.own)} against a median of ${ms(ownTypical)}`;
  const against =
    reference.samples.length >= 3 && worst.seq / seqTypical >= 1.2
      ? ` against a median of ${ms(seqTypical)}`
      : `, ${(worst.seq / worst.own).toFixed(2)}× this cell's ${ms(worst.own)} in the same round`;
  return `sequential's batch of round ${round} took ${ms(worst.seq)}${against}`;
}
