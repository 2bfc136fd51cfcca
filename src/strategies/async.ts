import { emptyOutcome, runTaskHere, unlockedContext } from './main-thread.js';
import type { Batch, BatchOutcome, Strategy, StrategyOptions } from './types.js';

/**
 * Every task started at once on the main thread's event loop, like `asyncio.gather`: tasks switch
 * only where they await, so waits overlap and CPU work does not.
 */
export function createAsync({ taskTimeoutMs }: StrategyOptions): Strategy {
  return {
    name: 'async',
    threads: 1,
    runsOn: 'main',
    startupMs: 0,
    async setup() {},
    async run(batch: Batch): Promise<BatchOutcome> {
      const outcome = emptyOutcome(batch.inputs.length);
      const ctx = unlockedContext(batch.env, outcome);
      await Promise.all(batch.inputs.map((_, task) => runTaskHere(batch, task, ctx, outcome, taskTimeoutMs)));
      outcome.failures.sort((a, b) => a.task - b.task);
      return outcome;
    },
    async teardown() {},
  };
}
