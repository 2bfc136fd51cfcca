import { countPrimes } from '../workloads/cpu/primes.js';
import { createLockState, GilLock } from '../src/strategies/gil/lock.js';
import type { Probe } from './types.js';

const PAIRS = 2_000_000;

/** Uncontended acquire + release: the cost every task and I/O call pays. */
export const lockPairProbe: Probe = {
  figure: 'uncontended lock acquire + release',
  unit: 'ns',
  target: '≤ 150 ns',
  pass: (ns) => ns <= 150,
  async measure() {
    const lock = new GilLock(createLockState(), 0, { mode: 'cpython', switchIntervalMs: 5 });
    for (let i = 0; i < 10_000; i++) {
      lock.acquire();
      lock.release();
    }
    lock.takeCounters();
    const start = performance.now();
    for (let i = 0; i < PAIRS; i++) {
      lock.acquire();
      lock.release();
    }
    const ns = ((performance.now() - start) * 1e6) / PAIRS;
    lock.takeCounters();
    return ns;
  },
};

/** The eval breaker's cost on a CPU kernel: the lock's checkpoint vs a no-op, side by side. */
export const checkpointProbe: Probe = {
  figure: 'checkpoint cost on the primes kernel (time with lock checkpoints ÷ time with a no-op)',
  unit: '×',
  target: '≤ 1.03×',
  pass: (ratio) => ratio <= 1.03,
  reps: 7,
  async measure() {
    const lock = new GilLock(createLockState(), 0, { mode: 'cpython', switchIntervalMs: 5 });
    const noop = (): void => {};
    const checkpoint = (): void => lock.checkpoint();
    const time = (cp: () => void): number => {
      const start = performance.now();
      countPrimes(0, 600_000, cp);
      return performance.now() - start;
    };
    lock.acquire();
    try {
      time(noop);
      time(checkpoint);
      // Alternate so drift hits both alike.
      const plain = time(noop) + time(noop);
      const checked = time(checkpoint) + time(checkpoint);
      return checked / plain;
    } finally {
      lock.release();
    }
  },
};
