import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  createLockState,
  GilLock,
  lockHolder,
  lockWaiters,
  MAIN_THREAD_SLOT,
  reclaimLock,
  type LockCounters,
  type LockOptions,
} from '../src/strategies/gil/lock.js';
import { fixture } from './helpers.js';

interface StressRun {
  maxInside: number;
  runs: number[];
  counters: LockCounters[];
}

/** Runs `threads` real workers through `tasks` critical sections on one lock. */
async function stress(
  threads: number,
  tasks: number,
  options: LockOptions,
  seed: number,
  ioChance: number,
): Promise<StressRun> {
  const state = createLockState();
  const shared = new SharedArrayBuffer((4 + tasks) * 4);
  const workers = Array.from(
    { length: threads },
    (_, id) =>
      new Worker(fixture('lock-stress-worker.js'), {
        workerData: { id, threads, state, shared, options, tasks, seed: seed * 31 + id, ioChance },
      }),
  );
  const counters = await Promise.all(workers.map(async (w) => (await once(w, 'message'))[0] as LockCounters));
  await Promise.all(workers.map((w) => w.terminate()));
  const cells = new Int32Array(shared);
  return { maxInside: cells[1] as number, runs: Array.from(cells.slice(4)), counters };
}

interface RelayRun {
  takes: number;
  maxInside: number;
  counters: LockCounters[];
}

/**
 * Passes the lock around `threads` workers and the main thread, `rounds` times each: a holder keeps
 * it until another thread waits, and after its release does not contend until another has taken it,
 * so each hand-over rests on a wake-up (see lock-relay-worker.js). Fails, with what the lock shows,
 * if not done by `deadlineMs`.
 */
async function relay(threads: number, rounds: number, options: LockOptions, deadlineMs: number): Promise<RelayRun> {
  const state = createLockState();
  const shared = new SharedArrayBuffer(4 * 4);
  const cells = new Int32Array(shared);
  Atomics.store(cells, 1, threads + 1);
  const workers = Array.from(
    { length: threads },
    (_, id) => new Worker(fixture('lock-relay-worker.js'), { workerData: { id, state, shared, options, rounds } }),
  );
  const main = new GilLock(state, MAIN_THREAD_SLOT, options);
  const onMain = async (): Promise<LockCounters> => {
    for (let round = 0; round < rounds; round++) {
      await main.acquireAsync();
      const inside = Atomics.add(cells, 2, 1) + 1;
      if (inside > Atomics.load(cells, 3)) Atomics.store(cells, 3, inside);
      const taken = Atomics.add(cells, 0, 1) + 1;
      Atomics.notify(cells, 0);
      while (lockWaiters(state) === 0 && Atomics.load(cells, 1) > 1) await new Promise((r) => setImmediate(r));
      Atomics.sub(cells, 2, 1);
      await main.releaseAsync();
      while (Atomics.load(cells, 0) === taken && Atomics.load(cells, 1) > 1) {
        const waited = Atomics.waitAsync(cells, 0, taken);
        if (waited.async) await waited.value;
      }
    }
    Atomics.sub(cells, 1, 1);
    Atomics.add(cells, 0, 1);
    Atomics.notify(cells, 0);
    return main.takeCounters();
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Wakes the main thread's wait, which is not bound to the test.
      Atomics.store(cells, 1, 0);
      Atomics.notify(cells, 0);
      reject(
        new Error(
          `the relay stopped after ${Atomics.load(cells, 0)} takes: lock holder ${lockHolder(state)}, ` +
            `${lockWaiters(state)} threads asleep waiting for it`,
        ),
      );
    }, deadlineMs);
  });
  try {
    const counters = await Promise.race([
      Promise.all([...workers.map(async (w) => (await once(w, 'message'))[0] as LockCounters), onMain()]),
      late,
    ]);
    return { takes: Atomics.load(cells, 0), maxInside: Atomics.load(cells, 3), counters };
  } finally {
    clearTimeout(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

describe('GilLock', () => {
  it('is taken and released by one thread without waiting', () => {
    const state = createLockState();
    const lock = new GilLock(state, 0, { mode: 'cpython', switchIntervalMs: 5 });
    lock.acquire();
    expect(lock.held).toBe(true);
    expect(lockHolder(state)).toBe(0);
    lock.checkpoint(); // no drop request: keeps the lock
    expect(lock.held).toBe(true);
    lock.release();
    expect(lockHolder(state)).toBe(-1);
    const counters = lock.takeCounters();
    expect(counters.acquisitions).toBe(1);
    expect(counters.contended).toBe(0);
  });

  it('refuses to release a lock the thread does not hold', () => {
    const state = createLockState();
    const a = new GilLock(state, 0, { mode: 'cpython', switchIntervalMs: 5 });
    const b = new GilLock(state, 1, { mode: 'cpython', switchIntervalMs: 5 });
    expect(() => a.release()).toThrow(/does not hold/);
    a.acquire();
    expect(() => b.release()).toThrow(/does not hold/);
    a.release();
  });

  it('reclaims the lock of a thread that died holding it', () => {
    const state = createLockState();
    new GilLock(state, 3, { mode: 'cpython', switchIntervalMs: 5 }).acquire();
    expect(lockHolder(state)).toBe(3);
    expect(reclaimLock(state, 3)).toBe(true);
    expect(lockHolder(state)).toBe(-1);
    expect(reclaimLock(state, 3)).toBe(false);
  });

  it.each([
    ['cpython', 8, 0.1, 0.3],
    ['cpython', 4, 0.5, 0.3],
    ['cpython', 4, 0.1, 0],
    ['legacy', 4, 1, 0.3],
  ] as const)(
    'never has two holders: %s, %s threads, interval %s ms, I/O chance %s',
    async (mode, threads, switchIntervalMs, ioChance) => {
      for (let batch = 0; batch < 6; batch++) {
        const tasks = 32;
        const run = await stress(threads, tasks, { mode, switchIntervalMs }, batch + 1, ioChance);
        expect(run.maxInside).toBe(1);
        expect(run.runs).toEqual(new Array(tasks).fill(1));
        const handoffs = run.counters.reduce((sum, c) => sum + c.contended, 0);
        expect(handoffs).toBeGreaterThan(0);
      }
    },
    // Six runs of real threads taking turns: seconds on a busy two-core machine.
    60_000,
  );

  it('takes turns under contention in cpython mode: drop requests are set and honoured', async () => {
    // An interval well under a task's run time: a waiter's wait ends by timing out while the other
    // thread holds the lock, not by a wake-up at the end of a task (which sets no request).
    const run = await stress(2, 40, { mode: 'cpython', switchIntervalMs: 0.05 }, 9, 0);
    const dropRequests = run.counters.reduce((sum, c) => sum + c.dropRequests, 0);
    const forced = run.counters.reduce((sum, c) => sum + c.forcedSwitches, 0);
    expect(dropRequests).toBeGreaterThan(0);
    expect(forced).toBeGreaterThan(0);
    expect(run.counters.every((c) => c.switchTimeouts === 0)).toBe(true);
  });

  it.each([
    // Every round, the waiter that queued first is woken first: glibc's condition variable on Linux.
    ['fifo', 40, 40],
    ['random', 1, 39],
  ] as const)('wakes waiters in %s order', async (wake, fewest, most) => {
    const options: LockOptions = { mode: 'cpython', switchIntervalMs: 1000, wake };
    const state = createLockState();
    const holder = new GilLock(state, 0, options);
    const waiters = [new GilLock(state, 1, options), new GilLock(state, 2, options)];
    const firsts: number[] = [];
    for (let round = 0; round < 40; round++) {
      holder.acquire();
      // Waiter 1 queues first every round; both are asleep before the release.
      const taken = waiters.map(async (lock, index) => {
        await lock.acquireAsync();
        firsts.push(index);
        await lock.releaseAsync();
      });
      holder.release();
      await Promise.all(taken);
    }
    const oldestFirst = firsts.filter((index, i) => i % 2 === 0 && index === 0).length;
    expect(firsts).toHaveLength(80);
    expect(oldestFirst).toBeGreaterThanOrEqual(fewest);
    expect(oldestFirst).toBeLessThanOrEqual(most);
  });

  it.each([
    ['cpython', 'fifo'],
    ['cpython', 'random'],
    ['legacy', 'fifo'],
    ['legacy', 'random'],
  ] as const)(
    'loses no wake-up: %s mode, %s wake-ups, waits that cannot end by timing out',
    async (mode, wake) => {
      // A ten-minute interval (legacy waits have no timeout at all): a lost wake-up leaves every
      // thread asleep, and the run's deadline turns that into a failure.
      const threads = 5;
      const rounds = 200;
      const run = await relay(threads, rounds, { mode, switchIntervalMs: 600_000, wake }, 40_000);
      expect(run.maxInside).toBe(1);
      // Each participant's takes, plus one mark per participant as it leaves.
      expect(run.takes).toBe((threads + 1) * (rounds + 1));
      expect(run.counters.every((c) => c.acquisitions >= rounds && c.switchTimeouts === 0)).toBe(true);
      expect(run.counters.reduce((sum, c) => sum + c.contended, 0)).toBeGreaterThan(0);
    },
    60_000,
  );

  it('lets threads overlap in none mode, where there is no lock', async () => {
    const run = await stress(2, 8, { mode: 'none', switchIntervalMs: 5 }, 3, 0);
    expect(run.runs).toEqual(new Array(8).fill(1));
    expect(run.counters.every((c) => c.contended === 0)).toBe(true);
  });
});
