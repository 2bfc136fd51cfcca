import { mainThreadStrategy } from './main-thread.js';
import type { Strategy, StrategyOptions } from './types.js';

/** One task after another on the main thread: the reference every speedup is measured against. */
export function createSequential({ taskTimeoutMs }: StrategyOptions): Strategy {
  return mainThreadStrategy(
    'sequential',
    async (batch, runTask) => {
      for (let task = 0; task < batch.inputs.length; task++) await runTask(task);
    },
    taskTimeoutMs,
  );
}
