import type { Batch } from '../strategies/types.js';
import type { LiveCell, Subject } from './live.js';

/**
 * When a strategy is warm. Its threads load the workload and compile its code on their first
 * tasks, and allocation-heavy work needs a while more before a fresh thread's heap settles.
 */

/** A pass more than 5% faster than the one before it: the code or the heap has not settled yet. */
const FALLING = 0.95;

/**
 * The warm-up one pass gave each thread, ms: the pool's busy time (its CPU, or the wall time where
 * the tasks wait) over its threads. Four threads taking turns under a lock each warm up a quarter
 * of the pass; four parallel threads each warm up all of it.
 */
export function warmthPerThread(wallMs: number, cpuMs: number, threads: number): number {
  return Math.max(wallMs, cpuMs) / Math.max(1, threads);
}

/** True while the last pass was clearly faster than the one before it. */
export function stillFalling(passes: readonly number[]): boolean {
  const [before, last] = passes.slice(-2);
  return before !== undefined && last !== undefined && last < FALLING * before;
}

/** Whether a strategy needs another pass: too few passes, too little warmth per thread, or still speeding up. */
export function needsWarmUp(
  state: { warmMs: number; warmPasses: readonly number[] },
  pass: number,
  settings: { warmup: number; warmupMs: number },
): boolean {
  return (
    Math.max(pass, state.warmPasses.length) < settings.warmup ||
    state.warmMs < settings.warmupMs ||
    stillFalling(state.warmPasses)
  );
}

/** What a warm-up pass needs of the rounds of a workload. */
export interface WarmUpTaker {
  warmPass(cells: readonly LiveCell[], batchFor: (cell: LiveCell) => Batch): Promise<void>;
}

/** The cell whose threads a cell shares (sequential and async; gil-threads and async-offload): it warms up for both. */
export function warmerOf(cells: readonly LiveCell[], cell: LiveCell): LiveCell {
  return cells.find((other) => other.lane.strategy.runsOn === cell.lane.strategy.runsOn) ?? cell;
}

/**
 * One warm-up pass of these cells: one task per thread, enough to load the workload and compile
 * its code in every thread, without the cost of whole batches. Cells on the same threads warm up
 * once. The scheduler asks for each pass, and decides from the cells' warm state (needsWarmUp)
 * when to stop.
 */
export async function warmPass(rounds: WarmUpTaker, subject: Subject, cells: readonly LiveCell[]): Promise<void> {
  const { batch } = subject;
  const warmBatch = (cell: LiveCell): Batch => ({
    ...batch,
    inputs: batch.inputs.slice(0, Math.max(1, cell.result.threads)),
  });
  const warmers = [...new Set(cells.map((cell) => warmerOf(subject.cells, cell)))];
  await rounds.warmPass(warmers, warmBatch);
}
