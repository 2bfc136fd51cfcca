import { LIMITS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
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

/** What warm-up needs of the rounds of a workload. */
export interface WarmUpTaker {
  readonly config: RunConfig;
  warmPass(cells: readonly LiveCell[], batchFor: (cell: LiveCell) => Batch): Promise<void>;
  stopped(): boolean;
}

/**
 * Warm-up: one task per thread, enough to load the workload and compile its code in every thread,
 * without the cost of whole batches. Passes repeat until every thread has run for the warm-up time
 * and while they still get faster (needsWarmUp).
 */
export async function warmUp(rounds: WarmUpTaker, subject: Subject): Promise<void> {
  const { cells, batch } = subject;
  const warmBatch = (cell: LiveCell): Batch => ({
    ...batch,
    inputs: batch.inputs.slice(0, Math.max(1, cell.result.threads)),
  });
  // Strategies on the same threads (sequential and async; gil-threads and async-offload) warm up once.
  const warmers = cells.filter(
    (cell, i) => cells.findIndex((other) => other.lane.strategy.runsOn === cell.lane.strategy.runsOn) === i,
  );
  for (let pass = 0; pass < LIMITS.maxWarmup && !rounds.stopped(); pass++) {
    const cold = warmers.filter((cell) => needsWarmUp(cell, pass, rounds.config));
    if (cold.length === 0) break;
    await rounds.warmPass(cold, warmBatch);
  }
}
