import { mainThreadStrategy } from './main-thread.js';
import type { Strategy, StrategyOptions } from './types.js';

/**
 * Every task started at once on the main thread's event loop, like `asyncio.gather`: tasks switch
 * only where they await, so waits overlap and CPU work does not. With `asyncLimit`, at most that
 * many run at once (an `asyncio.Semaphore`): the next starts when one ends, as a pool's thread
 * takes the next task, so a row can be compared with the pools' at the same count. A traced batch
 * records each task's turns on the loop and its awaits (`--lanes`).
 */
export function createAsync({ taskTimeoutMs, asyncLimit }: StrategyOptions): Strategy {
  return mainThreadStrategy(
    'async',
    async (batch, runStretch) => {
      const tasks = batch.inputs.length;
      const lanes = Math.min(asyncLimit ?? tasks, tasks);
      let next = 0;
      const take = (): number | undefined => (next < tasks ? next++ : undefined);
      // A lane runs tasks until one awaits; tasks that never await run one after another in any lane alike.
      const lane = async (): Promise<void> => {
        while (next < tasks) await runStretch(take);
      };
      // Without a limit, a lane a task: each stretch is started at once, without a lane around it
      // (a thousand waiting tasks paid a promise and a turn each for the loop).
      const single = lanes === tasks && batch.ref.file === undefined;
      await Promise.all(Array.from({ length: lanes }, single ? () => runStretch(take) : lane));
    },
    taskTimeoutMs,
    { traces: true },
  );
}
