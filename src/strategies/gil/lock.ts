/**
 * A simulated global interpreter lock in a SharedArrayBuffer, modelled on CPython's "new GIL"
 * (`Python/ceval_gil.h`, CPython ≥ 3.2):
 *
 * - a thread that wants the lock waits up to the switch interval; if no switch happened meanwhile it
 *   sets a drop request;
 * - the holder honours the request at its next checkpoint (the eval breaker) and, with forced
 *   switching, does not take the lock back until another thread has taken it;
 * - the drop request is cleared on every acquisition.
 *
 * Every wait is futex-style (`Atomics.wait(cell, expected)`), so no wake-up is lost: each waiter
 * sleeps on its own cell, marked before it re-checks the lock, and a releaser wakes one marked waiter.
 * The one woken is picked at random, not the longest waiting. Beside CPython 3.11 (`gil-bench calibrate`, an event loop against two CPU
 * threads), a random pick gives the loop's median lag CPython's (5.4 ms at 5 ms); oldest-first gave
 * a p99 under half CPython's, newest-first a median twice CPython's.
 * Worker threads block in `acquire`; the main thread may only use `acquireAsync`, since a blocking
 * `Atomics.wait` would freeze its event loop.
 */

export type GilMode = 'cpython' | 'legacy' | 'none';

/** Indexes into the shared Int32Array. */
const LOCKED = 0; // 0 = free, else holder id + 1
const DROP_REQUEST = 1;
const SWITCH_NUMBER = 2;
const WAITERS = 3;
const SWITCH_WAITERS = 4;
const LAST_HOLDER = 5; // token of the thread that took the lock last
const WAITING = 8; // one cell per thread: ASLEEP or WOKEN while it counts among WAITERS, else NOT_WAITING

const NOT_WAITING = 0;
const ASLEEP = 1;
const WOKEN = 2;

/** The most threads one lock serves. */
export const MAX_LOCK_THREADS = 256;
/** The slot of the main thread, when it takes part (as asyncio's loop thread). */
export const MAIN_THREAD_SLOT = MAX_LOCK_THREADS - 1;

/** Allocates the shared state of one lock. */
export function createLockState(): SharedArrayBuffer {
  return new SharedArrayBuffer((WAITING + MAX_LOCK_THREADS) * Int32Array.BYTES_PER_ELEMENT);
}

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
  /** Times this thread released the lock because another asked for it. */
  forcedSwitches: number;
  /** Legacy mode: wake-ups that found the lock taken again (the "GIL battle"). */
  failedWakeups: number;
  /** Forced-switch waits that gave up because no other thread took the lock in time. */
  switchTimeouts: number;
  /** Milliseconds spent waiting for the lock. */
  waitMs: number;
  /** Milliseconds from a forced release until re-queueing for the lock (another thread took it meanwhile). */
  switchWaitMs: number;
  /** Each contended acquisition's wait, in ms. */
  acquireWaits: number[];
}

function emptyCounters(): LockCounters {
  return {
    acquisitions: 0,
    contended: 0,
    switches: 0,
    dropRequests: 0,
    forcedSwitches: 0,
    failedWakeups: 0,
    switchTimeouts: 0,
    waitMs: 0,
    switchWaitMs: 0,
    acquireWaits: [],
  };
}

export interface LockOptions {
  mode: GilMode;
  /** The switch interval, as `sys.setswitchinterval()`, in ms. */
  switchIntervalMs: number;
}

/**
 * One thread's handle on the shared lock. The uncontended path reads no clock and does four
 * atomic read-modify-writes; time is measured only while waiting.
 */
export class GilLock {
  private readonly cells: Int32Array;
  private readonly token: number;
  private readonly mode: GilMode;
  private counters = emptyCounters();
  /** Only for mode "none", where nothing shared records a holder. */
  private holding = false;

  constructor(
    state: SharedArrayBuffer,
    private readonly id: number,
    private readonly options: LockOptions,
  ) {
    if (!Number.isInteger(id) || id < 0 || id >= MAX_LOCK_THREADS)
      throw new RangeError(`lock thread id ${id} out of range`);
    this.cells = new Int32Array(state);
    this.token = id + 1;
    this.mode = options.mode;
  }

  /** True when this thread holds the lock. */
  get held(): boolean {
    return this.mode === 'none' ? this.holding : Atomics.load(this.cells, LOCKED) === this.token;
  }

  /** Takes the lock, waiting (and asking the holder to drop it) as CPython's `take_gil` does. */
  acquire(): void {
    this.counters.acquisitions++;
    if (this.mode === 'none') {
      this.holding = true;
      return;
    }
    if (Atomics.compareExchange(this.cells, LOCKED, 0, this.token) !== 0) this.waitForLock();
    this.took();
  }

  /**
   * The same, without blocking: for a thread with an event loop to keep running (the main thread,
   * standing for asyncio's loop thread, which needs the GIL to run its callbacks).
   */
  async acquireAsync(): Promise<void> {
    this.counters.acquisitions++;
    if (this.mode === 'none') {
      this.holding = true;
      return;
    }
    if (Atomics.compareExchange(this.cells, LOCKED, 0, this.token) !== 0) await this.waitForLockAsync();
    this.took();
  }

  /** What every acquisition does once the lock is held. */
  private took(): void {
    const cells = this.cells;
    const previous = Atomics.exchange(cells, LAST_HOLDER, this.token);
    if (previous !== this.token && previous !== 0) this.counters.switches++;
    Atomics.add(cells, SWITCH_NUMBER, 1);
    if (Atomics.load(cells, SWITCH_WAITERS) !== 0) Atomics.notify(cells, SWITCH_NUMBER);
    // A request meant for the previous holder must not make this one drop at once.
    if (Atomics.load(cells, DROP_REQUEST) !== 0) Atomics.store(cells, DROP_REQUEST, 0);
  }

  /** Blocks until the lock is taken (worker threads). */
  private waitForLock(): void {
    const start = this.enterWaiting();
    try {
      const steps = this.contend();
      let step = steps.next();
      while (!step.done) step = steps.next(Atomics.wait(this.cells, WAITING + this.id, ASLEEP, this.waitTimeout()));
    } finally {
      this.leaveWaiting(start);
    }
  }

  /** Awaits the lock with Atomics.waitAsync (the main thread): the same protocol, never blocking. */
  private async waitForLockAsync(): Promise<void> {
    const start = this.enterWaiting();
    try {
      const steps = this.contend();
      let step = steps.next();
      while (!step.done) {
        const waited = Atomics.waitAsync(this.cells, WAITING + this.id, ASLEEP, this.waitTimeout());
        step = steps.next(waited.async ? await waited.value : waited.value);
      }
    } finally {
      this.leaveWaiting(start);
    }
  }

  /**
   * CPython's `take_gil` loop, written once for both kinds of wait: it yields when the thread should
   * sleep on its own cell (while that reads ASLEEP) and is told how the wait ended, until the lock is taken.
   */
  private *contend(): Generator<void, void, 'ok' | 'not-equal' | 'timed-out'> {
    const cells = this.cells;
    const own = WAITING + this.id;
    for (;;) {
      const switchNumber = Atomics.load(cells, SWITCH_NUMBER);
      // Marked asleep before the lock is read: a releaser either sees the mark or leaves the lock free.
      Atomics.store(cells, own, ASLEEP);
      if (Atomics.load(cells, LOCKED) === 0) {
        if (Atomics.compareExchange(cells, LOCKED, 0, this.token) === 0) return;
        continue;
      }
      const result = yield;
      if (Atomics.compareExchange(cells, LOCKED, 0, this.token) === 0) return;
      if (this.mode === 'legacy') {
        if (result === 'ok') this.counters.failedWakeups++;
      } else if (result === 'timed-out' && Atomics.load(cells, SWITCH_NUMBER) === switchNumber) {
        // A whole interval passed and nobody switched: ask the holder to drop the lock.
        Atomics.store(cells, DROP_REQUEST, 1);
        this.counters.dropRequests++;
      }
    }
  }

  /** Legacy waiters never time out into a drop request; their long timeout only guards a dead holder. */
  private waitTimeout(): number {
    return this.mode === 'legacy' ? 1000 : this.options.switchIntervalMs;
  }

  private enterWaiting(): number {
    Atomics.store(this.cells, WAITING + this.id, ASLEEP);
    Atomics.add(this.cells, WAITERS, 1);
    return performance.now();
  }

  private leaveWaiting(start: number): void {
    // Cleared before leaving the waiters, so a reclaim never counts this thread twice.
    Atomics.store(this.cells, WAITING + this.id, NOT_WAITING);
    Atomics.sub(this.cells, WAITERS, 1);
    const waited = performance.now() - start;
    const c = this.counters;
    c.contended++;
    c.waitMs += waited;
    c.acquireWaits.push(waited);
  }

  /** Releases the lock, waking one waiter if any. */
  release(): void {
    if (this.mode === 'none') {
      this.holding = false;
      return;
    }
    const cells = this.cells;
    if (Atomics.compareExchange(cells, LOCKED, this.token, 0) !== this.token) {
      throw new Error(`thread ${this.id} released a lock it does not hold`);
    }
    if (Atomics.load(cells, WAITERS) !== 0) wakeRandomWaiter(cells);
  }

  /**
   * Honours a drop request: releases, then (CPython's FORCE_SWITCHING) waits until another thread
   * has taken the lock so this one cannot win it straight back, then queues for it again.
   */
  private drop(): void {
    const c = this.counters;
    const cells = this.cells;
    c.forcedSwitches++;
    // Clocked from before the release: waking a waiter can get this thread preempted right there.
    const start = performance.now();
    const switchNumber = Atomics.load(cells, SWITCH_NUMBER);
    this.release();
    if (Atomics.load(cells, WAITERS) !== 0) {
      // Bounded so that a requester that died cannot stall this thread forever.
      const deadline = start + Math.max(50, 20 * this.options.switchIntervalMs);
      Atomics.add(cells, SWITCH_WAITERS, 1);
      try {
        while (Atomics.load(cells, SWITCH_NUMBER) === switchNumber) {
          const left = deadline - performance.now();
          if (left <= 0) {
            c.switchTimeouts++;
            break;
          }
          Atomics.wait(cells, SWITCH_NUMBER, switchNumber, left);
        }
      } finally {
        Atomics.sub(cells, SWITCH_WAITERS, 1);
      }
    }
    c.switchWaitMs += performance.now() - start;
    this.acquire();
  }

  /** The eval breaker: cheap unless another thread asked for the lock. */
  checkpoint(): void {
    switch (this.mode) {
      case 'cpython':
        if (Atomics.load(this.cells, DROP_REQUEST) !== 0) this.drop();
        return;
      case 'legacy':
        // Python 2: every check interval, release and re-take at once, whoever waits.
        if (Atomics.load(this.cells, WAITERS) !== 0) {
          this.release();
          this.acquire();
        }
        return;
      case 'none':
        return;
    }
  }

  /** Returns the counters since the last call and starts new ones. */
  takeCounters(): LockCounters {
    const taken = this.counters;
    this.counters = emptyCounters();
    return taken;
  }
}

/**
 * Frees the lock on behalf of a thread that died (a crash, `process.exit`): its `finally` never ran.
 * Called by the pool from the main thread; never blocks. Returns true if the dead thread held it.
 */
export function reclaimLock(state: SharedArrayBuffer, id: number): boolean {
  const cells = new Int32Array(state);
  // A thread that died while waiting still counts as a waiter; forced switches would wait for it.
  if (Atomics.exchange(cells, WAITING + id, NOT_WAITING) !== NOT_WAITING) Atomics.sub(cells, WAITERS, 1);
  const held = Atomics.compareExchange(cells, LOCKED, id + 1, 0) === id + 1;
  if (held) {
    Atomics.store(cells, DROP_REQUEST, 0);
    Atomics.add(cells, SWITCH_NUMBER, 1);
    for (let slot = WAITING; slot < WAITING + MAX_LOCK_THREADS; slot++) wake(cells, slot);
    Atomics.notify(cells, SWITCH_NUMBER);
  }
  return held;
}

/** Wakes the thread sleeping on `slot`, if it sleeps there. */
function wake(cells: Int32Array, slot: number): boolean {
  if (Atomics.compareExchange(cells, slot, ASLEEP, WOKEN) !== ASLEEP) return false;
  Atomics.notify(cells, slot, 1);
  return true;
}

/** Wakes one sleeping waiter, each with the same chance. Runs only when someone waits. */
function wakeRandomWaiter(cells: Int32Array): void {
  const end = WAITING + MAX_LOCK_THREADS;
  let asleep = 0;
  for (let slot = WAITING; slot < end; slot++) if (Atomics.load(cells, slot) === ASLEEP) asleep++;
  if (asleep === 0) return;
  let pick = Math.floor(Math.random() * asleep);
  for (let slot = WAITING; slot < end; slot++) {
    if (Atomics.load(cells, slot) === ASLEEP && pick-- === 0 && wake(cells, slot)) return;
  }
  // The pick woke up meanwhile (timed out): wake whoever still sleeps.
  for (let slot = WAITING; slot < end; slot++) if (wake(cells, slot)) return;
}

/** Id of the thread holding the lock, or -1. For tests and diagnostics. */
export function lockHolder(state: SharedArrayBuffer): number {
  return Atomics.load(new Int32Array(state), LOCKED) - 1;
}
