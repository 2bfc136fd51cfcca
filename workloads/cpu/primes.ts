import { seededRandom, randomInt } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Width of the range each task scans, per size (about 4 / 14 / 40 / 150 ms on a 2020s core). */
const RANGE: Record<SizeName, number> = { xs: 150_000, s: 350_000, m: 700_000, l: 1_800_000 };

export interface PrimesInput {
  from: number;
  to: number;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

/** Counts the primes in [from, to) by trial division, calling the checkpoint every 256 candidates. */
export function countPrimes(from: number, to: number, checkpoint: () => void): number {
  let count = 0;
  for (let n = from; n < to; n++) {
    if ((n & 255) === 0) checkpoint();
    if (isPrime(n)) count++;
  }
  return count;
}

export const primes: Workload<PrimesInput> = {
  ...described('primes'),
  inputs({ tasks, size, seed }) {
    const random = seededRandom(seed);
    // A small random offset per task keeps tasks distinct while their cost stays equal.
    return Array.from({ length: tasks }, () => {
      const from = randomInt(random, 1000);
      return { from, to: from + RANGE[size] };
    });
  },
  run({ from, to }: PrimesInput, ctx: TaskContext) {
    return countPrimes(from, to, ctx.checkpoint);
  },
};
