import { emptyOutcome, runTaskHere, unlockedContext } from './main-thread.js';
import type { Batch, BatchOutcome, Strategy, StrategyOptions } from './types.js';

/** One task after another on the main thread: the reference every speedup is measured against. */
export function createSequential({ taskTimeoutMs }: StrategyOptions): Strategy {
  return {
    name: 'sequential',
    threads: 1,
    runsOn: 'main',
    startupMs: 0,
    async setup() {},
    async run(batch: Batch): Promise<BatchOutcome> {
      const outcome = emptyOutcome(batch.inputs.length);
      const ctx = unlockedContext(batch.env, outcome);
      for (let task = 0; task < batch.inputs.length; task++) {
        await runTaskHere(batch, task, ctx, outcome, taskTimeoutMs);
      }
      return outcome;
    },
    async teardown() {},
  };
}
