import type { GilPool } from './gil/pool.js';
import { MAIN_THREAD_SLOT } from './gil/lock.js';
import { outcomeFromReplies } from './gil/outcome.js';
import type { TaskReply } from './gil/protocol.js';
import { TRACE, TraceRecorder } from './gil/trace-recorder.js';
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
  /** The main thread's events, while a traced batch runs. */
  let mainTrace: TraceRecorder | undefined;
  const onMainLoop = async <T>(callback: () => T): Promise<T> => {
    const lock = pool?.mainLock;
    if (!lock) return callback();
    const trace = mainTrace;
    trace?.now(TRACE.CALLBACK_BEGIN);
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
      trace?.now(TRACE.CALLBACK_END);
    }
  };
  return {
    ...(loopHoldsLock ? { onMainLoop } : {}),
    name,
    threads: options.threads,
    // Shared with every strategy on the same pool (see GilPools).
    runsOn: `gil-pool×${options.threads}/${options.gil}/${options.switchIntervalMs}/${options.wake}`,
    traces: true,
    get startupMs() {
      return pool?.startupMs ?? 0;
    },
    async setup() {
      pool = await options.gilPools.get({
        threads: options.threads,
        lock: { mode: options.gil, switchIntervalMs: options.switchIntervalMs, wake: options.wake },
        taskTimeoutMs: options.taskTimeoutMs,
        workerMemoryMb: options.workerMemoryMb,
      });
    },
    async run(batch: Batch): Promise<BatchOutcome> {
      if (!pool) throw new Error(`${name} used before setup`);
      if (!batch.trace) return outcomeFromReplies(await dispatch(pool, batch));
      // The main thread takes part only through its loop's callbacks: a small buffer does.
      const recorder = new TraceRecorder(MAIN_THREAD_SLOT, 1 << 15);
      mainTrace = recorder;
      pool.mainLock.traceTo(recorder);
      let outcome;
      try {
        outcome = outcomeFromReplies(await dispatch(pool, batch));
      } finally {
        mainTrace = undefined;
        pool.mainLock.traceTo(undefined);
      }
      const main = recorder.take();
      if (main.events.length > 0 || main.dropped > 0) (outcome.trace ??= []).push(main);
      return outcome;
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
    Promise.allSettled(
      batch.inputs.map((input) => pool.run({ ref: batch.ref, input, env: batch.env, trace: batch.trace })),
    ),
  );
}
