import { setTimeout as sleep } from 'node:timers/promises';
import { countPrimes } from '../cpu/primes.js';
import { handlerRounds } from '../io/rounds.js';
import { seededRandom, randomInt } from '../../src/support/random.js';
import { CONVOY_IO_OPS, CONVOY_WAIT_MS, described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Short I/O operations of the I/O task, per size. */
const IO_OPS = CONVOY_IO_OPS;
/** The CPU task's prime range, per size: long enough to outlast the I/O task even when it is slowed. */
const CPU_RANGE: Record<SizeName, number> = { xs: 1_000_000, s: 1_800_000, m: 3_500_000, l: 6_000_000 };
const WAIT_MS = CONVOY_WAIT_MS;

export type ConvoyInput =
  { role: 'io'; seed: number; ops: number; waitMs: number } | { role: 'cpu'; from: number; to: number };

/**
 * Beazley's convoy effect (bpo-7946): one CPU-bound task beside one I/O-bound task doing many short
 * waits. Each time the I/O task's wait ends it needs the lock back, and the CPU-bound holder keeps
 * it until the switch interval forces a drop: every I/O operation grows by about one interval.
 * Compare each strategy's I/O operation latency with sequential's, where the I/O task runs alone.
 */
export const convoy: Workload<ConvoyInput> = {
  ...described('convoy'),
  inputs({ size, seed }) {
    const random = seededRandom(seed);
    // The I/O task comes first, so that under one event loop it is already waiting when the CPU task starts.
    return [
      { role: 'io', seed: randomInt(random, 1_000_000), ops: IO_OPS[size], waitMs: WAIT_MS },
      { role: 'cpu', from: 0, to: CPU_RANGE[size] },
    ];
  },
  alone: (inputs) => inputs.filter((input) => input.role === 'io'),
  run(input: ConvoyInput, ctx: TaskContext) {
    if (input.role === 'cpu') return countPrimes(input.from, input.to, ctx.checkpoint);
    return handlerRounds(ctx, input.seed, input.ops, async (round) => {
      await sleep(input.waitMs);
      return round;
    });
  },
};
