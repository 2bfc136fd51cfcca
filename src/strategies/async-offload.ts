import { createLockGuarded } from './gil-threads.js';
import type { Strategy, StrategyOptions } from './types.js';

/**
 * Python's `asyncio.to_thread` / `run_in_executor`: one coroutine per task on the main event loop,
 * each awaiting its work in the lock-guarded pool. The loop itself never runs the work, so it stays
 * free to answer timers and sockets while the threads compute.
 */
export function createAsyncOffload(options: StrategyOptions): Strategy {
  return createLockGuarded(
    'async-offload',
    options,
    async (pool, batch) => {
      const coroutines = batch.inputs.map(async (input) =>
        pool.run({ ref: batch.ref, input, env: batch.env, trace: batch.trace }),
      );
      return Promise.allSettled(coroutines);
    },
    // The loop is a Python thread too: its own callbacks wait for the GIL like any thread.
    true,
  );
}
