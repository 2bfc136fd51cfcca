/**
 * A simulated global interpreter lock in a SharedArrayBuffer, following CPython's "new GIL"
 * (≥ 3.2; `Python/ceval_gil.h`, `ceval_gil.c` since 3.12):
 *
 * - a thread that wants the lock waits up to the switch interval; if no switch happened meanwhile
 *   (the switch number grows only when the holder changes) it sets a drop request;
 * - the holder honours the request at its next checkpoint (the eval breaker);
 * - every release (`drop_gil`: at a checkpoint, around I/O or native code, after a task) that finds
 *   a request pending waits until another thread has taken the lock (FORCE_SWITCHING), so the
 *   releaser cannot win it straight back;
 * - taking the lock clears the request, in the same compare-and-swap (lock-word.ts).
 *
 * Waiters sleep futex-style on their own cells and a release wakes one of them (waiters.ts).
 * Worker threads block in `acquire` and `release`; the main thread may only use `acquireAsync` and
 * `releaseAsync`, since a blocking `Atomics.wait` would freeze its event loop.
 */
import { emptyCounters, type LockCounters } from './lock-counters.js';
import { TRACE, type TraceRecorder } from './trace-recorder.js';
import {
  DROP,
  HELD,
  holderOf,
  isHeldBy,
  MAX_LOCK_THREADS,
  releasedFrom,
  requestDrop,
  STATE,
  switchOf,
  takenBy,
  WORD,
} from './lock-word.js';
import {
  ASLEEP,
  countWaiters,
  markAsleep,
  NOT_WAITING,
  registerSlot,
  SWITCHING,
  wakeOne,
  wakeSwitching,
  type WakePolicy,
} from './waiters.js';

export type { LockCounters } from './lock-counters.js';
export { createLockState, lockHolder, MAIN_THREAD_SLOT, MAX_LOCK_THREADS, switchNumber } from './lock-word.js';
export { reclaimLock } from './reclaim.js';
export { lockWaiters, type WakePolicy } from './waiters.js';

export type { GilMode } from '../names.js';
import type { GilMode } from '../names.js';

export interface LockOptions {
  mode: GilMode;
  /** The switch interval, as `sys.setswitchinterval()`, in ms. */
  switchIntervalMs: number;
  /** Which waiter a release wakes: 'fifo' (the default, as CPython on Linux) or 'random'. */
  wake?: WakePolicy;
}

type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/**
 * One thread's handle on the shared lock. The uncontended path reads no clock: a load and a
 * compare-and-swap to take, the same to release, plus a scan of the waiters' cells.
 */
export class GilLock {
  private readonly cells: Int32Array;
  private readonly token: number;
  private readonly mode: GilMode;
  private readonly wake: WakePolicy;
  private readonly intervalMs: number;
  /** The forced-switch wait's bound: only a requester that died without being reclaimed reaches it. */
  private readonly switchSafetyMs: number;
  private counters = emptyCounters();
  /** Only for mode "none", where nothing shared records a holder. */
  private holding = false;
  /** Set only while a traced batch runs: every lock event is then recorded with its time. */
  private trace: TraceRecorder | undefined;
  /** When the last `letGo` woke a waiter, the time just before; else 0. */
  private wokeAt = 0;

  constructor(
    state: SharedArrayBuffer,
    private readonly id: number,
    options: LockOptions,
  ) {
    if (!Number.isInteger(id) || id < 0 || id >= MAX_LOCK_THREADS)
      throw new RangeError(`lock thread id ${id} out of range`);
    this.cells = new Int32Array(state);
    this.token = id + 1;
    this.mode = options.mode;
    this.wake = options.wake ?? 'fifo';
    this.intervalMs = options.switchIntervalMs;
    this.switchSafetyMs = Math.max(1000, 20 * options.switchIntervalMs);
    registerSlot(this.cells, id);
  }

  /** True when this thread holds the lock. */
  get held(): boolean {
    return this.mode === 'none' ? this.holding : isHeldBy(Atomics.load(this.cells, WORD), this.token);
  }

  /** True when this thread holds the lock and another thread has asked it to drop it. */
  get dropRequested(): boolean {
    const word = Atomics.load(this.cells, WORD);
    return this.mode !== 'none' && isHeldBy(word, this.token) && (word & DROP) !== 0;
  }

  /** Takes the lock, waiting (and asking the holder to drop it) as CPython's `take_gil` does. */
  acquire(): void {
    if (this.takenAtOnce()) return;
    const start = performance.now();
    this.trace?.at(start, TRACE.WAIT_BEGIN);
    try {
      const steps = this.contend();
      let step = steps.next();
      while (!step.done) step = steps.next(Atomics.wait(this.cells, STATE + this.id, ASLEEP, this.waitTimeout()));
    } finally {
      this.leaveWaiting(start);
    }
  }

  /**
   * The same, without blocking: for a thread with an event loop to keep running (the main thread,
   * standing for asyncio's loop thread, which needs the GIL to run its callbacks).
   */
  async acquireAsync(): Promise<void> {
    if (this.takenAtOnce()) return;
    const start = performance.now();
    this.trace?.at(start, TRACE.WAIT_BEGIN);
    try {
      const steps = this.contend();
      let step = steps.next();
      while (!step.done) {
        const waited = Atomics.waitAsync(this.cells, STATE + this.id, ASLEEP, this.waitTimeout());
        step = steps.next(waited.async ? await waited.value : waited.value);
      }
    } finally {
      this.leaveWaiting(start);
    }
  }

  /** Counts the acquisition and takes the lock if that needs no wait (always, with no lock in this mode). */
  private takenAtOnce(): boolean {
    this.counters.acquisitions++;
    if (this.mode === 'none') {
      this.holding = true;
      return true;
    }
    if (!this.tryTake()) return false;
    this.trace?.now(TRACE.ACQUIRED);
    return true;
  }

  /** One attempt to take the lock if it is free; counts a switch when the holder changes. */
  private tryTake(): boolean {
    const cells = this.cells;
    const word = Atomics.load(cells, WORD);
    if ((word & HELD) !== 0 || Atomics.compareExchange(cells, WORD, word, takenBy(word, this.token)) !== word)
      return false;
    const previous = holderOf(word);
    if (previous !== this.token && previous !== 0) {
      this.counters.switches++;
      // If the last holder released on request, it waits for exactly this (CPython's switch_cond).
      wakeSwitching(cells, previous - 1);
    }
    return true;
  }

  /**
   * CPython's `take_gil` loop, written once for both kinds of wait: it yields when the thread should
   * sleep on its own cell (while that reads ASLEEP) and is told how the wait ended, until the lock is taken.
   */
  private *contend(): Generator<void, void, WaitResult> {
    const cells = this.cells;
    for (;;) {
      const watched = switchOf(Atomics.load(cells, WORD));
      // Marked asleep before the lock is read: a releaser either sees the mark or leaves the lock free.
      markAsleep(cells, this.id);
      if (this.tryTake()) return;
      const result = yield;
      if (this.tryTake()) return;
      // Traced in every mode; counted only in legacy's, where it is the "GIL battle".
      if (result === 'ok') this.trace?.now(TRACE.VAIN_WAKEUP);
      if (this.mode === 'legacy') {
        if (result === 'ok') this.counters.failedWakeups++;
      } else if (result === 'timed-out' && requestDrop(cells, watched)) {
        // A whole interval passed and nobody switched: the holder is asked to drop the lock.
        this.counters.dropRequests++;
        this.trace?.now(TRACE.DROP_REQUEST);
      }
    }
  }

  /** Python 2's waiters slept until woken; only the new GIL's wait is timed, by the interval. */
  private waitTimeout(): number {
    return this.mode === 'legacy' ? Infinity : this.intervalMs;
  }

  private leaveWaiting(start: number): void {
    Atomics.store(this.cells, STATE + this.id, NOT_WAITING);
    const now = performance.now();
    // One clock reading for both: the trace's wait is exactly the one counted.
    this.trace?.at(now, TRACE.ACQUIRED);
    const waited = now - start;
    const c = this.counters;
    c.contended++;
    c.waitMs += waited;
    c.acquireWaits.push(waited);
  }

  /**
   * Releases the lock as `drop_gil` does: wakes one waiter and, if a drop request was pending,
   * waits until another thread has taken the lock. Returns the milliseconds it spent after the lock
   * was free (waking a waiter, or that wait), else 0: time the thread did not hold it.
   */
  release(): number {
    const { released, woke } = this.letGoFirst();
    if ((released & DROP) === 0) return woke;
    const start = this.startSwitch();
    for (const left of this.awaitSwitch(released, start)) Atomics.wait(this.cells, STATE + this.id, SWITCHING, left);
    return this.switched(start);
  }

  /** The same, without blocking: for the main thread. */
  async releaseAsync(): Promise<number> {
    const { released, woke } = this.letGoFirst();
    if ((released & DROP) === 0) return woke;
    const start = this.startSwitch();
    for (const left of this.awaitSwitch(released, start)) {
      const waited = Atomics.waitAsync(this.cells, STATE + this.id, SWITCHING, left);
      if (waited.async) await waited.value;
    }
    return this.switched(start);
  }

  /**
   * A release's first steps, for both kinds of wait that may follow: frees the lock (with no lock in
   * this mode, only forgets holding it) and wakes a waiter. `released` is the word as held (0 without
   * a lock, so no forced switch follows); `woke`, the ms spent waking.
   */
  private letGoFirst(): { released: number; woke: number } {
    if (this.mode === 'none') {
      this.holding = false;
      return { released: 0, woke: 0 };
    }
    // Clocked before the lock is free: a thread preempted right after freeing it is not shown holding it.
    const freedAt = this.trace ? performance.now() : 0;
    const released = this.letGo();
    return { released, woke: this.afterLetGo(freedAt) };
  }

  /** Frees the lock and, unless a forced switch follows, wakes a waiter. Returns the word as held. */
  private letGo(): number {
    const cells = this.cells;
    for (;;) {
      const word = Atomics.load(cells, WORD);
      if (!isHeldBy(word, this.token)) throw new Error(`thread ${this.id} released a lock it does not hold`);
      // Retried only when a waiter set the drop request in between.
      if (Atomics.compareExchange(cells, WORD, word, releasedFrom(word)) === word) {
        if ((word & DROP) === 0) this.wokeAt = wakeOne(cells, this.wake);
        return word;
      }
    }
  }

  /**
   * The lock is free from the moment a waiter is woken, but waking it is a system call, and the woken
   * thread can take this one's core for milliseconds: that time is counted apart from holding (wakeMs),
   * and traced as such. Returns its milliseconds (0 when nobody was woken).
   */
  private afterLetGo(freedAt: number): number {
    this.trace?.at(freedAt, TRACE.RELEASED);
    const wokeAt = this.wokeAt;
    if (wokeAt === 0) return 0;
    this.wokeAt = 0;
    const now = performance.now();
    this.trace?.at(wokeAt, TRACE.RELEASED_WAKING);
    this.trace?.at(now, TRACE.WAKE_END);
    this.counters.wakeMs += now - wokeAt;
    return now - wokeAt;
  }

  private startSwitch(): number {
    // Clocked from before the wake-up: waking a waiter can get this thread preempted right there.
    const start = performance.now();
    this.trace?.at(start, TRACE.SWITCH_BEGIN);
    this.counters.forcedSwitches++;
    wakeOne(this.cells, this.wake);
    return start;
  }

  /**
   * FORCE_SWITCHING: yields how long to sleep on this thread's cell, marked SWITCHING, until another
   * thread has taken the lock (the switch number moved) or no thread is left waiting to take it.
   */
  private *awaitSwitch(released: number, start: number): Generator<number, void, void> {
    const cells = this.cells;
    const own = STATE + this.id;
    const deadline = start + this.switchSafetyMs;
    try {
      for (;;) {
        // Marked before looking, as a waiter is: the taker (or reclaimLock) either sees the mark or is seen.
        Atomics.store(cells, own, SWITCHING);
        if (switchOf(Atomics.load(cells, WORD)) !== switchOf(released) || countWaiters(cells) === 0) return;
        const left = deadline - performance.now();
        if (left <= 0) {
          this.counters.switchTimeouts++;
          return;
        }
        yield left;
      }
    } finally {
      Atomics.store(cells, own, NOT_WAITING);
    }
  }

  private switched(start: number): number {
    const now = performance.now();
    this.trace?.at(now, TRACE.SWITCH_END);
    const waited = now - start;
    this.counters.switchWaitMs += waited;
    return waited;
  }

  /** The eval breaker: cheap unless another thread asked for the lock. */
  checkpoint(): void {
    this.counters.checkpoints++;
    switch (this.mode) {
      case 'cpython':
        if ((Atomics.load(this.cells, WORD) & DROP) !== 0) {
          this.trace?.now(TRACE.DROP_HONOURED);
          this.release();
          this.acquire();
        }
        return;
      case 'legacy':
        // Python 2: every check interval, release and re-take at once, whoever waits.
        if (countWaiters(this.cells) !== 0) {
          this.release();
          this.acquire();
        }
        return;
      case 'none':
        return;
    }
  }

  /** Records this thread's lock events into `recorder` from now on; `undefined` stops. */
  traceTo(recorder: TraceRecorder | undefined): void {
    this.trace = recorder;
  }

  /** Returns the counters since the last call and starts new ones. */
  takeCounters(): LockCounters {
    const taken = this.counters;
    this.counters = emptyCounters();
    return taken;
  }
}
