import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  createLockState,
  GilLock,
  lockHolder,
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
  );

  it('takes turns under contention in cpython mode: drop requests are set and honoured', async () => {
    const run = await stress(2, 40, { mode: 'cpython', switchIntervalMs: 0.2 }, 9, 0);
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

  it('lets threads overlap in none mode, where there is no lock', async () => {
    const run = await stress(2, 8, { mode: 'none', switchIntervalMs: 5 }, 3, 0);
    expect(run.runs).toEqual(new Array(8).fill(1));
    expect(run.counters.every((c) => c.contended === 0)).toBe(true);
  });
});
