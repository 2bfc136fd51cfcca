import { HELD, holderOf, isHeldBy, releasedFrom, STATE, WORD } from './lock-word.js';
import { NOT_WAITING, wakeAll, wakeSwitching } from './waiters.js';

/**
 * Frees the lock on behalf of a thread that died (a crash, `process.exit`, a stopped thread): its
 * `finally` never ran. Called by the pool from the main thread; never blocks. Returns true if the
 * dead thread held it.
 */
export function reclaimLock(state: SharedArrayBuffer, id: number): boolean {
  const cells = new Int32Array(state);
  // A thread that died while waiting stops counting as a waiter.
  Atomics.store(cells, STATE + id, NOT_WAITING);
  let held = false;
  for (let word = Atomics.load(cells, WORD); isHeldBy(word, id + 1); word = Atomics.load(cells, WORD)) {
    if (Atomics.compareExchange(cells, WORD, word, releasedFrom(word)) === word) {
      held = true;
      break;
    }
  }
  const word = Atomics.load(cells, WORD);
  // It may also have died between freeing the lock and waking a waiter: let every sleeper look.
  if ((word & HELD) === 0) wakeAll(cells);
  // The last holder may be waiting for a forced switch to the thread that is gone: let it look again.
  if (holderOf(word) !== 0) wakeSwitching(cells, holderOf(word) - 1);
  return held;
}
