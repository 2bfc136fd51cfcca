/** The figures a lock handle keeps about its own thread. */

/** What one thread did with the lock; reset with `takeCounters()`. */
export interface LockCounters {
  /** Times the lock was taken. */
  acquisitions: number;
  /** Acquisitions that had to wait (the lock was held). */
  contended: number;
  /** Acquisitions that took the lock from another thread: real switches, in every mode. */
  switches: number;
  /** Drop requests this thread set after waiting a whole interval without a switch. */
  dropRequests: number;
  /** Releases with a drop request pending for this thread, each followed by a wait for another thread to take the lock. */
  forcedSwitches: number;
  /** Checkpoints the task's code reached (ctx.checkpoint(), the eval breaker), whether or not one let go. */
  checkpoints: number;
  /** Legacy mode: wake-ups that found the lock taken again (the "GIL battle"). */
  failedWakeups: number;
  /** Forced-switch waits that gave up because no other thread took the lock in time. */
  switchTimeouts: number;
  /** Milliseconds spent waiting for the lock. */
  waitMs: number;
  /** Milliseconds from a forced release until another thread held the lock. */
  switchWaitMs: number;
  /**
   * Milliseconds from waking a waiter, with the lock already free, until the release returned: the
   * wake-up's own cost, and any time the releaser spent preempted by the thread it woke.
   */
  wakeMs: number;
  /** Each contended acquisition's wait, in ms. */
  acquireWaits: number[];
}

export function emptyCounters(): LockCounters {
  return {
    acquisitions: 0,
    contended: 0,
    switches: 0,
    dropRequests: 0,
    forcedSwitches: 0,
    checkpoints: 0,
    failedWakeups: 0,
    switchTimeouts: 0,
    waitMs: 0,
    switchWaitMs: 0,
    wakeMs: 0,
    acquireWaits: [],
  };
}
