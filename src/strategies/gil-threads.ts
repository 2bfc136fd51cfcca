import type { GilPool } from './gil/pool.js';
import { outcomeFromReplies } from './gil/outcome.js';
import type { TaskReply } from './gil/protocol.js';
import type { Batch, BatchOutcome, Strategy, StrategyName, StrategyOptions } from './types.js';

/** How a strategy hands a batch to the lock-guarded pool. */
export type Dispatch = (pool: GilPool, batch: Batch) => Promise<PromiseSettledResult<TaskReply>[]>;

/**
 * A strategy whose tasks run in a pool of threads that share one simulated GIL. With
 * `loopHoldsLock`, callbacks of the main event loop take the lock too (asyncio's loop thread).
 */
export function createLockGuarded(
  name: StrategyName,
  options: StrategyOptions,
  dispatch: Dispatch,
  loopHoldsLock = false,
): Strategy {
  let pool: GilPool | undefined;
  const onMainLoop = async <T>(callback: () => T): Promise<T> => {
    const lock = pool?.mainLock;
    if (!lock) return callback();
    // asyncio takes two loop iterations to act on a timer: its handle resolves a future, and the
    // coroutine resumes in the next iteration, after a select() that drops the GIL even with a
    // zero timeout. A CPU thread woken by that drop can win the lock, and the loop waits again.
    await lock.acquireAsync();
    await lock.releaseAsync();
    await lock.acquireAsync();
    try {
      return callback();
    } finally {
      await lock.releaseAsync();
    }
  };
  return {
    ...(loopHoldsLock ? { onMainLoop } : {}),
    name,
    threads: options.threads,
    // Shared with every strategy on the same pool (see GilPools).
    runsOn: `gil-pool×${options.threads}/${options.gil}/${options.switchIntervalMs}`,
    get startupMs() {
      return pool?.startupMs ?? 0;
    },
    async setup() {
      pool = await options.gilPools.get({
        threads: options.threads,
        lock: { mode: options.gil, switchIntervalMs: options.switchIntervalMs },
        taskTimeoutMs: options.taskTimeoutMs,
        workerMemoryMb: options.workerMemoryMb,
      });
    },
    async run(batch: Batch): Promise<BatchOutcome> {
      if (!pool) throw new Error(`${name} used before setup`);
      return outcomeFromReplies(await dispatch(pool, batch));
    },
    async teardown() {
      // The pool may serve another strategy; its GilPools stops it.
      pool = undefined;
    },
  };
}

/**
 * Python's `threading` / `ThreadPoolExecutor.map`: N threads that must hold the GIL to run workload
 * code. The whole batch is queued on the pool at once.
 */
export function createGilThreads(options: StrategyOptions): Strategy {
  return createLockGuarded('gil-threads', options, (pool, batch) =>
    Promise.allSettled(batch.inputs.map((input) => pool.run({ ref: batch.ref, input, env: batch.env }))),
  );
}
