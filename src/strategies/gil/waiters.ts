/**
 * The threads waiting for the simulated GIL, and which of them a release wakes.
 *
 * Each waiter sleeps on its own cell (futex-style, `Atomics.wait(cell, ASLEEP)`), marked before it
 * re-reads the lock word, so a releaser either sees the mark or leaves the lock free for it to see.
 * A thread waiting for a forced switch sleeps on its cell too, marked SWITCHING, and is woken by
 * the thread that takes the lock from it.
 * A thread's cell is its only record as a waiter: one write enters or leaves, so a thread that dies
 * at any point leaves nothing to drift, and its slot is cleared by `reclaimLock`. Scans cover only
 * the slots in use (the pool's threads and the main thread), so waking costs what the pool's size does.
 */
import { MAIN_IN_USE, MAIN_THREAD_SLOT, NEXT_TICKET, STATE, TICKET, WORKER_SLOTS } from './lock-word.js';

/**
 * Which waiter a release wakes. `fifo` is what CPython's `gil->cond` does on Linux: glibc's
 * `pthread_cond_signal` (≥ 2.25, nptl/pthread_cond_wait.c) hands each signal to the older group of
 * waiters (G1) before any that arrived later, and within the group the kernel's futex_wake wakes
 * the longest-blocked thread first (kernel/futex: non-real-time waiters queue in FIFO order). A
 * `take_gil` wait that times out starts a new `pthread_cond_timedwait`, so it queues again at the back.
 * `random` picks any sleeping waiter with the same chance.
 */
export type { WakeOrder as WakePolicy } from '../names.js';
import type { WakeOrder as WakePolicy } from '../names.js';

export const NOT_WAITING = 0;
export const ASLEEP = 1;
const WOKEN = 2;
/** Not a waiter: a thread that released on request and sleeps until another takes the lock. */
export const SWITCHING = 3;

const MAIN_STATE = STATE + MAIN_THREAD_SLOT;

/** Makes `slot` part of every scan; done once per handle, before the thread can wait. */
export function registerSlot(cells: Int32Array, slot: number): void {
  if (slot === MAIN_THREAD_SLOT) {
    Atomics.store(cells, MAIN_IN_USE, 1);
    return;
  }
  for (let used = Atomics.load(cells, WORKER_SLOTS); used <= slot; used = Atomics.load(cells, WORKER_SLOTS)) {
    if (Atomics.compareExchange(cells, WORKER_SLOTS, used, slot + 1) === used) return;
  }
}

/** Marks `slot` asleep at the back of the queue; it must then re-read the lock before sleeping. */
export function markAsleep(cells: Int32Array, slot: number): void {
  // The ticket first: a releaser that sees the mark sees this wait's place too.
  Atomics.store(cells, TICKET + slot, Atomics.add(cells, NEXT_TICKET, 1));
  Atomics.store(cells, STATE + slot, ASLEEP);
}

/** The state cell of the i-th slot in use, of `workers` worker slots and then the main thread's. */
const stateCell = (i: number, workers: number): number => (i < workers ? STATE + i : MAIN_STATE);

/** Number of slots in use; with `workers` read once, so one scan sees one set of slots. */
function slotsInUse(cells: Int32Array, workers: number): number {
  return workers + Atomics.load(cells, MAIN_IN_USE);
}

/** Threads that are waiting for the lock (asleep, or woken and not yet holding it). */
export function countWaiters(cells: Int32Array): number {
  const workers = Atomics.load(cells, WORKER_SLOTS);
  const end = slotsInUse(cells, workers);
  let waiting = 0;
  for (let i = 0; i < end; i++) {
    const state = Atomics.load(cells, stateCell(i, workers));
    if (state === ASLEEP || state === WOKEN) waiting++;
  }
  return waiting;
}

/** Wakes the thread sleeping on `cell`, if it sleeps there. */
function wake(cells: Int32Array, cell: number): boolean {
  if (Atomics.compareExchange(cells, cell, ASLEEP, WOKEN) !== ASLEEP) return false;
  Atomics.notify(cells, cell, 1);
  return true;
}

/**
 * Wakes one sleeping waiter, chosen by `policy`; does nothing if none sleeps. Returns the time
 * (`performance.now()`) just before it woke one, or 0 if it woke none: only a wake-up reads the clock.
 */
export function wakeOne(cells: Int32Array, policy: WakePolicy): number {
  for (;;) {
    const workers = Atomics.load(cells, WORKER_SLOTS);
    const end = slotsInUse(cells, workers);
    let pick = -1;
    let pickTicket = 0;
    let asleep = 0;
    for (let i = 0; i < end; i++) {
      const cell = stateCell(i, workers);
      if (Atomics.load(cells, cell) !== ASLEEP) continue;
      asleep++;
      if (policy === 'fifo') {
        const ticket = Atomics.load(cells, cell - STATE + TICKET);
        // Tickets wrap around: compare by difference.
        if (pick < 0 || ((ticket - pickTicket) | 0) < 0) {
          pick = cell;
          pickTicket = ticket;
        }
      } else if (Math.random() * asleep < 1) {
        // Each of the `asleep` seen so far stays picked with the same chance.
        pick = cell;
      }
    }
    if (pick < 0) return 0;
    const at = performance.now();
    if (wake(cells, pick)) return at;
    // The pick stopped sleeping meanwhile (it timed out, or took the lock): choose again.
  }
}

/**
 * Wakes `slot` if it sleeps waiting for a switch (CPython's switch_cond): called by the thread that
 * took the lock from it, and when a thread it may be waiting for has died.
 */
export function wakeSwitching(cells: Int32Array, slot: number): void {
  if (Atomics.compareExchange(cells, STATE + slot, SWITCHING, NOT_WAITING) === SWITCHING)
    Atomics.notify(cells, STATE + slot, 1);
}

/** Wakes every sleeping waiter, so that each re-reads the lock (after a thread died). */
export function wakeAll(cells: Int32Array): void {
  const workers = Atomics.load(cells, WORKER_SLOTS);
  const end = slotsInUse(cells, workers);
  for (let i = 0; i < end; i++) wake(cells, stateCell(i, workers));
}

/** Threads waiting for the lock now. For tests and diagnostics. */
export function lockWaiters(state: SharedArrayBuffer): number {
  return countWaiters(new Int32Array(state));
}
