/**
 * The shared memory of one simulated GIL, and its lock word.
 *
 * The word packs what CPython guards with `gil->mutex`: whether the lock is held, by whom (or who
 * held it last), the switch number and the drop request. So one compare-and-swap takes the lock,
 * counts a switch and clears any drop request together, as `take_gil` does under the mutex, and a
 * waiter can set a request only on the holder whose switch number it watched for a whole interval.
 */

/** The most threads one lock serves. */
export const MAX_LOCK_THREADS = 256;
/** The slot of the main thread, when it takes part (as asyncio's loop thread). */
export const MAIN_THREAD_SLOT = MAX_LOCK_THREADS - 1;

/** Indexes into the shared Int32Array. */
export const WORD = 0;
/** Next place in the queue of waiters (see waiters.ts). */
export const NEXT_TICKET = 1;
/** How many worker slots are in use: the highest id registered + 1. */
export const WORKER_SLOTS = 2;
/** 1 once the main thread has a handle on the lock. */
export const MAIN_IN_USE = 3;
/** One cell per slot: is that thread waiting, and was it woken. */
export const STATE = 8;
/** One cell per slot: its place in the queue when it last started to wait. */
export const TICKET = STATE + MAX_LOCK_THREADS;

/** Allocates the shared state of one lock. */
export function createLockState(): SharedArrayBuffer {
  return new SharedArrayBuffer((TICKET + MAX_LOCK_THREADS) * Int32Array.BYTES_PER_ELEMENT);
}

// Bits of the word: 0–8 the token (slot + 1) of the holder or last holder, 9 held, 10 drop
// request, 11–31 the switch number (it wraps after 2^21 switches, far beyond any one wait).
const HOLDER = 0x1ff;
export const HELD = 0x200;
export const DROP = 0x400;
const SWITCH_SHIFT = 11;
const SWITCH_MASK = 0x1fffff;

/** Token of the thread holding the lock, or of the last one that held it; 0 before the first take. */
export const holderOf = (word: number): number => word & HOLDER;

export const switchOf = (word: number): number => word >>> SWITCH_SHIFT;

export const isHeldBy = (word: number, token: number): boolean => (word & (HELD | HOLDER)) === (HELD | token);

/**
 * The word after `token` takes a free lock: as in `take_gil`, the switch number grows only when the
 * holder changes, and any drop request is gone.
 */
export function takenBy(word: number, token: number): number {
  const switchNumber = holderOf(word) === token ? switchOf(word) : (switchOf(word) + 1) & SWITCH_MASK;
  return (switchNumber << SWITCH_SHIFT) | HELD | token;
}

/** The word after its holder lets go: free, no request, holder and switch number kept. */
export const releasedFrom = (word: number): number => word & ~(HELD | DROP);

/**
 * What a waiter does when a whole interval passed: if the lock is still held and no switch happened
 * since it read `watched`, ask the holder to drop it. True if a request is now pending.
 */
export function requestDrop(cells: Int32Array, watched: number): boolean {
  for (;;) {
    const word = Atomics.load(cells, WORD);
    if ((word & HELD) === 0 || switchOf(word) !== watched) return false;
    if ((word & DROP) !== 0 || Atomics.compareExchange(cells, WORD, word, word | DROP) === word) return true;
  }
}

/** Id of the thread holding the lock, or -1. For tests and diagnostics. */
export function lockHolder(state: SharedArrayBuffer): number {
  const word = Atomics.load(new Int32Array(state), WORD);
  return (word & HELD) === 0 ? -1 : holderOf(word) - 1;
}

/** The lock's switch number: it grows each time a different thread takes the lock. For tests and diagnostics. */
export function switchNumber(state: SharedArrayBuffer): number {
  return switchOf(Atomics.load(new Int32Array(state), WORD));
}
