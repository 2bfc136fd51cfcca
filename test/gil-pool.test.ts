import { describe, expect, it } from 'vitest';
import { GilPool, type GilPoolOptions } from '../src/strategies/gil/pool.js';
import { lockHolder, lockWaiters } from '../src/strategies/gil/lock.js';
import { eventually, fixture, within } from './helpers.js';

const start = (taskTimeoutMs = 30_000) =>
  GilPool.start({ threads: 2, lock: { mode: 'cpython', switchIntervalMs: 1 }, taskTimeoutMs });

describe('GilPool', () => {
  it('survives a thread that dies holding the lock: the lock is reclaimed, the other tasks finish', async () => {
    const pool = await start();
    try {
      const ref = { name: 'crashing', file: fixture('crashing-workload.js') };
      const settled = await Promise.allSettled([0, 1, 2, 3, 4].map((input) => pool.run({ ref, input, env: {} })));
      const crashed = settled[1];
      expect(crashed?.status).toBe('rejected');
      expect(crashed?.status === 'rejected' && String(crashed.reason)).toMatch(
        /WorkerCrashError: pool thread \d died while running a task/,
      );
      const others = settled.filter((_, i) => i !== 1);
      expect(others.every((r) => r.status === 'fulfilled' && r.value.ok)).toBe(true);
      expect(lockHolder(pool.state)).toBe(-1);
      // The dead thread was replaced: the pool still runs tasks on two threads.
      const again = await Promise.all([0, 2].map((input) => pool.run({ ref, input, env: {} })));
      expect(again.every((r) => r.ok)).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('settles every task when a replacement thread fails to start, and says why from then on', async () => {
    const options: GilPoolOptions = {
      threads: 2,
      lock: { mode: 'cpython', switchIntervalMs: 1 },
      taskTimeoutMs: 30_000,
      workerMemoryMb: 0,
    };
    const pool = await GilPool.start(options);
    try {
      // The pool reads its options each time it starts a thread: from now on a new thread gets too
      // little heap to start, as on a machine that ran short of memory.
      options.workerMemoryMb = 1;
      const ref = { name: 'crashing', file: fixture('crashing-workload.js') };
      // Task 1 goes to thread 0 and ends it; its replacement never becomes ready.
      const settled = await within(
        Promise.allSettled([1, 0, 2, 3, 4].map((input) => pool.run({ ref, input, env: {} }))),
        20_000,
        'every task to settle',
      );
      expect(settled[0]?.status === 'rejected' && String(settled[0].reason)).toMatch(
        /WorkerCrashError: pool thread 0 died while running a task/,
      );
      for (const result of settled.slice(1)) {
        if (result.status === 'rejected') expect(String(result.reason)).toMatch(/pool thread 0 failed to start/);
        else expect(result.value.ok).toBe(true);
      }
      expect(await eventually(() => pool.failure !== undefined, 10_000)).toBe(true);
      const later = await within(
        pool.run({ ref, input: 0, env: {} }).then(
          () => 'ran',
          (error: unknown) => String(error),
        ),
        20_000,
        'a task given after the failure to settle',
      );
      expect(later).toMatch(/WorkerCrashError: pool thread 0 failed to start: .*memory/);
      expect(lockHolder(pool.state)).toBe(-1);
      expect(lockWaiters(pool.state)).toBe(0);
    } finally {
      await pool.destroy();
    }
  }, 60_000);

  it('stops a task that runs past the timeout and carries on', async () => {
    const pool = await start(500);
    try {
      const ref = { name: 'hanging', file: fixture('hanging-workload.js') };
      const settled = await Promise.allSettled([0, 1, 2].map((input) => pool.run({ ref, input, env: {} })));
      expect(settled[1]?.status === 'rejected' && String(settled[1].reason)).toMatch(
        /TaskTimeoutError: task ran longer than 500 ms/,
      );
      expect(settled[0]?.status).toBe('fulfilled');
      expect(settled[2]?.status).toBe('fulfilled');
      expect(lockHolder(pool.state)).toBe(-1);
    } finally {
      await pool.destroy();
    }
  });

  it('reports what each task did with the lock', async () => {
    const pool = await start();
    try {
      const replies = await Promise.all(
        [0, 1].map((n) => pool.run({ ref: { name: 'primes' }, input: { from: n, to: n + 150_000 }, env: {} })),
      );
      for (const reply of replies) {
        expect(reply.ok).toBe(true);
        expect(reply.stats.acquisitions).toBeGreaterThanOrEqual(1);
        expect(reply.stats.holdMs).toBeGreaterThan(0);
      }
      expect(new Set(replies.map((r) => r.stats.thread)).size).toBe(2);
    } finally {
      await pool.destroy();
    }
  });
});
