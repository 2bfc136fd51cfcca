import { setTimeout as sleep } from 'node:timers/promises';
import { CHECKSUM_SEED, mix } from '../checksum.js';
import { countPrimes } from '../cpu/primes.js';
import { seededTasks } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Rounds per task; each round is about 10 ms of CPU plus wait, split by the I/O ratio. */
const ROUNDS: Record<SizeName, number> = { xs: 3, s: 5, m: 8, l: 20 };
const ROUND_MS = 10;
/** CPU chunks per round at ratio 0: 40 × ~0.25 ms. */
const CHUNKS = 40;
const CHUNK_SPAN = 15_000;

export interface RatioInput {
  seed: number;
  rounds: number;
  chunks: number;
  waitMs: number;
}

/**
 * A synthetic task that moves from pure CPU (`--io-ratio 0`) to pure waiting (`--io-ratio 1`):
 * each round does (1 − r) of ~10 ms as CPU and r of it as a timer wait. A sweep shows where one
 * event loop overtakes parallel workers.
 */
export const ratio: Workload<RatioInput> = {
  ...described('ratio'),
  inputs({ tasks, size, seed, ioRatio = 0.5 }) {
    return seededTasks(tasks, seed, (taskSeed) => ({
      seed: taskSeed,
      rounds: ROUNDS[size],
      chunks: Math.round((1 - ioRatio) * CHUNKS),
      waitMs: Math.round(ioRatio * ROUND_MS * 10) / 10,
    }));
  },
  async run({ seed, rounds, chunks, waitMs }: RatioInput, ctx: TaskContext) {
    let hash = mix(CHECKSUM_SEED, seed);
    for (let round = 0; round < rounds; round++) {
      for (let chunk = 0; chunk < chunks; chunk++) {
        const from = (seed % 1000) + chunk * 7;
        hash = mix(hash, countPrimes(from, from + CHUNK_SPAN, ctx.checkpoint));
      }
      if (waitMs > 0) await ctx.io(() => sleep(waitMs));
      hash = mix(hash, round);
    }
    return hash;
  },
};
