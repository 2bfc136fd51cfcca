import { CHECKSUM_SEED, mix } from '../checksum.js';
import { countPrimes } from '../cpu/primes.js';
import type { TaskContext } from '../types.js';

/** About 0.3 ms of CPU per round: the parsing and bookkeeping a request handler does. */
export const CPU_SPAN = 12_000;

/**
 * The shape of a request handler: a little CPU, then a wait, several times over. Each round's CPU
 * result and each wait's answer fold into the checksum, so a skipped round changes it.
 */
export async function handlerRounds(
  ctx: TaskContext,
  seed: number,
  rounds: number,
  wait: (round: number) => Promise<number>,
  cpuSpan = CPU_SPAN,
): Promise<number> {
  let hash = mix(CHECKSUM_SEED, seed);
  for (let round = 0; round < rounds; round++) {
    const from = seed + round * 7;
    hash = mix(hash, countPrimes(from, from + cpuSpan, ctx.checkpoint));
    hash = mix(hash, await ctx.io(() => wait(round)));
  }
  return hash;
}
