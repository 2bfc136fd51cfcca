/**
 * Where measured quantities turn into words. Each bound is a premise of one or more mechanisms;
 * they are named here once so that the verdicts, the warnings and `check` agree.
 */
export const THRESHOLDS = {
  /** A speedup within this factor of 1 is "within 3%" even when its interval excludes 1. */
  practicalRatio: 1.03,
  /** No gain measured, but an interval reaching this high leaves a real gain possible: undecided (the guide). */
  undecidedGain: 1.2,
  /** Waits at least this share of a task's time are a real part of the work. */
  waitsMatter: 0.1,
  /** A share at or above this dominates. */
  dominant: 0.5,
  /** Native sections at least this share of the time make a difference under a lock. */
  nativeMatters: 0.25,
  /** Waits in flight on average at or above this: they overlapped. */
  overlapped: 1.3,
  /** Below this, with room for two or more at once, the waits did not overlap. */
  serial: 1.15,
  /** Cores idle at the start below this share of the threads that needed them: they were not free. */
  freeShare: 0.8,
  /** Cores busy on average at or above this: threads computed in parallel. */
  parallelCores: 1.3,
  /** Sequential got less of a core than this while computing: other programs took the rest. */
  sharedCore: 0.9,
  /**
   * On a shared machine, busy cores over sequential's core of at least sharedParallel that also
   * reach gainShare of the speedup count as parallel compute: they account for the gain.
   */
  sharedParallel: 1.1,
  gainShare: 0.9,
  /** Garbage collection beyond sequential's, as a share of sequential's batch, that a verdict names. */
  gcMatters: 0.1,
  /** The lock held at least this share of the wall time: it was hardly ever free. */
  lockBusy: 0.75,
  /** Legacy mode's vain wake-ups at or above this rate make a "GIL battle". */
  battlePerSecond: 50,
  /** A wait at most this share of the same wait alone was clearly shorter; at least its inverse, clearly longer. */
  shorterWaits: 0.7,
  longerWaits: 1.5,
  /** Loop lag p99 (how late a 1 ms timer fired) above this, ms: the event loop was blocked. */
  blockedMs: 10,
  /** Moving a task to a process and back costing at least this share of its work is a real cost. */
  transferMatters: 0.25,
  /**
   * A speedup beyond the physical bound by this factor is a measurement fault, never a gain: wide,
   * since one thread can outrun another on the same core (a worker's smaller heap, its own JIT).
   */
  faultMargin: 1.5,
  /** Waits or native sections below this share of the work leave its bound the hardware's alone. */
  pureShare: 0.02,
  /** An interval that holds 1 and reaches past this factor either way is too noisy to tell. */
  noisyRatio: 1.15,
  /** An I/O op slower than alone by at least this share of the switch interval waited for the lock. */
  convoyIntervals: 0.25,
} as const;
