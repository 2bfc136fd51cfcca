import { mainThreadStrategy } from './main-thread.js';
import type { Strategy, StrategyOptions } from './types.js';

/** One task after another on the main thread: the reference every speedup is measured against. */
export function createSequential({ taskTimeoutMs }: StrategyOptions): Strategy {
  return mainThreadStrategy(
    'sequential',
    async (batch, runStretch) => {
      let next = 0;
      const take = (): number | undefined => (next < batch.inputs.length ? next++ : undefined);
      while (next < batch.inputs.length) await runStretch(take);
    },
    taskTimeoutMs,
  );
}
