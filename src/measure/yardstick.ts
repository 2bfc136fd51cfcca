import { countPrimes } from '../../workloads/cpu/primes.js';

/**
 * A fixed reference kernel, timed once in every round beside the work: about 10 ms of integer
 * arithmetic on the main thread, the same in every version of gil-bench and of the user's code.
 * A cell's time divided by the yardstick's in the same round is a time in units of this machine's
 * speed: a uniformly slower runner slows both and the ratio stays; a slower workload does not slow
 * the yardstick, and the ratio grows. The regression gate compares these ratios across runs.
 */
export const YARDSTICK = {
  name: 'primes below 250k, main thread',
  run(): number {
    return countPrimes(0, 250_000, noop);
  },
} as const;

function noop(): void {}

/** The yardstick's batch times of one workload's rounds. */
export interface YardstickTimes {
  samples: number[];
  rounds: number[];
}
