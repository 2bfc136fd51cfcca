import { on, once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  createLockState,
  GilLock,
  lockHolder,
  lockWaiters,
  reclaimLock,
  switchNumber,
  type LockCounters,
  type LockOptions,
} from '../src/strategies/gil/lock.js';
import { requestDrop } from '../src/strategies/gil/lock-word.js';
import { eventually, fixture, within } from './helpers.js';

/** A worker thread that takes the lock once and notes its id in `log` while it holds it. */
function startWaiter(state: SharedArrayBuffer, id: number, options: LockOptions, log: SharedArrayBuffer): Worker {
  return new Worker(fixture('lock-waiter-worker.js'), { workerData: { id, state, options, log } });
}

/** Ids in the order their threads held the lock, as noted in a log. */
function order(log: SharedArrayBuffer): number[] {
  const cells = new Int32Array(log);
  return Array.from(cells.slice(1, 1 + (cells[0] as number)));
}

function note(log: SharedArrayBuffer, id: number): void {
  const cells = new Int32Array(log);
  cells[1 + Atomics.add(cells, 0, 1)] = id;
}

describe('the lock protocol, step by step as in ceval_gil.h', () => {
  const options: LockOptions = { mode: 'cpython', switchIntervalMs: 5 };

  it('counts a switch only when the holder changes: a release and re-take by one thread keeps the switch number', () => {
    const state = createLockState();
    const a = new GilLock(state, 0, options);
    const b = new GilLock(state, 1, options);
    a.acquire();
    const first = switchNumber(state);
    // Around two I/O calls: released and taken back by the same thread.
    for (let io = 0; io < 2; io++) {
      a.release();
      a.acquire();
    }
    expect(switchNumber(state)).toBe(first);
    a.release();
    b.acquire();
    expect(switchNumber(state)).toBe(first + 1);
    b.release();
    b.acquire();
    expect(switchNumber(state)).toBe(first + 1);
    b.release();
    a.acquire();
    expect(switchNumber(state)).toBe(first + 2);
    a.release();
    expect(a.takeCounters()).toMatchObject({ acquisitions: 4, switches: 1 });
    expect(b.takeCounters()).toMatchObject({ acquisitions: 2, switches: 1 });
  });

  it('never lets a drop request meant for one holder reach the next', () => {
    const state = createLockState();
    const cells = new Int32Array(state);
    const a = new GilLock(state, 0, options);
    const b = new GilLock(state, 1, options);
    a.acquire();
    // A waiter starts its interval while a holds the lock, and at its end asks a to drop it.
    const watched = switchNumber(state);
    expect(requestDrop(cells, watched)).toBe(true);
    expect(a.dropRequested).toBe(true);
    // Nobody waits any more, so the release has nobody to hand over to.
    a.release();
    b.acquire();
    expect(b.dropRequested).toBe(false);
    // A waiter that saw a's tenure and acts only now, after the switch, is refused.
    expect(requestDrop(cells, watched)).toBe(false);
    b.checkpoint();
    expect(b.held).toBe(true);
    expect(b.takeCounters().forcedSwitches).toBe(0);
    // Taking the lock clears a request even when the same thread takes it back, as take_gil does.
    expect(requestDrop(cells, switchNumber(state))).toBe(true);
    b.release();
    b.acquire();
    expect(b.dropRequested).toBe(false);
    b.release();
    // No request is set on a free lock.
    expect(requestDrop(cells, switchNumber(state))).toBe(false);
    a.acquire();
    expect(a.dropRequested).toBe(false);
    a.release();
  });

  it('hands the lock over when it is released around I/O with a drop request pending: the releaser cannot win it back', async () => {
    const state = createLockState();
    const log = new SharedArrayBuffer(8 * 4);
    const main = new GilLock(state, 0, { mode: 'cpython', switchIntervalMs: 1 });
    main.acquire();
    const waiter = startWaiter(state, 1, { mode: 'cpython', switchIntervalMs: 1 }, log);
    const done = once(waiter, 'message');
    try {
      // After a whole interval without a switch, the waiter asks for the lock.
      expect(await eventually(() => main.dropRequested, 10_000)).toBe(true);
      // What ctx.io and ctx.native do: release, run the call (here, none), take the lock again.
      main.release();
      main.acquire();
      note(log, 0);
      main.release();
      const [waited] = (await within(done, 10_000, 'the waiter to take the lock')) as [LockCounters];
      expect(order(log)).toEqual([1, 0]);
      expect(waited.acquisitions).toBe(1);
      expect(main.takeCounters()).toMatchObject({ forcedSwitches: 1, switchTimeouts: 0 });
    } finally {
      await waiter.terminate();
    }
  }, 30_000);

  it('forgets a thread that died while waiting: the count of waiters is right and a forced switch stops waiting for it', async () => {
    // A long interval: the forced switch's own safety bound (20 intervals) lies far beyond this test's.
    const slow: LockOptions = { mode: 'cpython', switchIntervalMs: 500 };
    const state = createLockState();
    const control = new SharedArrayBuffer(2 * 4);
    const holder = new Worker(fixture('lock-holder-worker.js'), {
      workerData: { id: 0, state, options: slow, control },
    });
    const reports = on(holder, 'message');
    const next = async (what: string, ms = 10_000): Promise<unknown> =>
      ((await within(reports.next(), ms, what)) as IteratorResult<unknown[]>).value?.[0];
    let waiter: Worker | undefined;
    try {
      expect(await eventually(() => lockHolder(state) === 0, 10_000)).toBe(true);
      waiter = startWaiter(state, 1, slow, new SharedArrayBuffer(8 * 4));
      expect(await next('a drop request to reach the holder')).toBe('asked');
      expect(lockWaiters(state)).toBe(1);
      // The waiter dies while it waits; until the pool reclaims its slot, it still counts.
      await waiter.terminate();
      expect(lockWaiters(state)).toBe(1);
      // The holder honours the request: it releases and waits for a switch to the dead thread.
      Atomics.store(new Int32Array(control), 0, 1);
      Atomics.notify(new Int32Array(control), 0);
      expect(await eventually(() => lockHolder(state) === -1, 10_000)).toBe(true);
      // What the pool does when a thread exits.
      expect(reclaimLock(state, 1)).toBe(false);
      expect(lockWaiters(state)).toBe(0);
      const counters = (await next(
        'the forced switch to end once the thread it waited for died',
        5000,
      )) as LockCounters;
      expect(counters).toMatchObject({ forcedSwitches: 1, switchTimeouts: 0 });
      expect(lockHolder(state)).toBe(-1);
    } finally {
      await Promise.all([holder.terminate(), waiter?.terminate()]);
    }
  }, 30_000);
});
