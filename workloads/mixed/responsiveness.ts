import { primes, type PrimesInput } from '../cpu/primes.js';
import { described } from '../catalogue.js';
import type { Workload } from '../types.js';

/**
 * CPU work while the main event loop is expected to stay responsive: what `asyncio.to_thread`
 * exists for. The tasks are the primes workload's; the figure that matters is the heartbeat's lag
 * on the main loop, which gil-bench measures around every batch: CPU work on the loop blocks it;
 * work offloaded to threads does not.
 */
export const responsiveness: Workload<PrimesInput> = {
  ...primes,
  ...described('responsiveness'),
};
