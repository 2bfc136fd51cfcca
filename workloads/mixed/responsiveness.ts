import { countPrimes } from '../cpu/primes.js';
import { seededRandom, randomInt } from '../random.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Prime range per task (about 4 / 14 / 40 / 150 ms), as in the primes workload. */
const RANGE: Record<SizeName, number> = { xs: 150_000, s: 350_000, m: 700_000, l: 1_800_000 };

export interface ResponsivenessInput {
  from: number;
  to: number;
}

/**
 * CPU work while the main event loop is expected to stay responsive: what `asyncio.to_thread`
 * exists for. The figure that matters is the heartbeat's lag on the main loop, which gil-bench
 * measures around every batch: CPU work on the loop blocks it; work offloaded to threads does not.
 */
export const responsiveness: Workload<ResponsivenessInput> = {
  name: 'responsiveness',
  kind: 'mixed',
  focus: 'loop-lag',
  description: 'CPU tasks while a 1 ms heartbeat runs on the main event loop; shows how late the heartbeat fires',
  sizes: { xs: 'primes below 150k', s: 'primes below 350k', m: 'primes below 700k', l: 'primes below 1.8M' },
  inputs({ tasks, size, seed }) {
    const random = seededRandom(seed);
    return Array.from({ length: tasks }, () => {
      const from = randomInt(random, 1000);
      return { from, to: from + RANGE[size] };
    });
  },
  run({ from, to }: ResponsivenessInput, ctx: TaskContext) {
    return countPrimes(from, to, ctx.checkpoint);
  },
};
