import { mainThreadStrategy } from './main-thread.js';
import type { Strategy, StrategyOptions } from './types.js';

/**
 * Every task started at once on the main thread's event loop, like `asyncio.gather`: tasks switch
 * only where they await, so waits overlap and CPU work does not. A traced batch records each
 * task's turns on the loop and its awaits (`--lanes`).
 */
export function createAsync({ taskTimeoutMs }: StrategyOptions): Strategy {
  return mainThreadStrategy(
    'async',
    async (batch, runTask) => {
      await Promise.all(batch.inputs.map((_, task) => runTask(task)));
    },
    taskTimeoutMs,
    { traces: true },
  );
}
