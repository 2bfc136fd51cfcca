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
  return pass < settings.warmup || state.warmMs < settings.warmupMs || stillFalling(state.warmPasses);
}
