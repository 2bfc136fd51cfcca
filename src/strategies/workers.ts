import { Piscina } from 'piscina';
import { compiledModuleUrl, workerExecArgv } from '../support/module-url.js';
import { describeError, TaskTimeoutError, WorkerCrashError } from '../errors.js';
import { emptyOutcome } from './main-thread.js';
import { timeoutFromStart } from './task-start.js';
import type { PiscinaReply, PiscinaTask } from './worker-entry.js';
import type { Batch, BatchOutcome, Strategy, StrategyOptions } from './types.js';

const ENTRY = compiledModuleUrl('./worker-entry-door.cjs', import.meta.url).href;

/** piscina reports a thread that died (exit, out of memory) as a plain error; name it for what it is. */
function asCrash(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /^worker exited/i.test(error.message)) {
    return new WorkerCrashError(`worker thread died while running a task: ${error.message}`);
  }
  return error;
}
/** How long each start-up probe occupies its thread. */
const OCCUPY_MS = 20;

/** Real parallelism: a piscina pool exactly N threads wide, no lock (the multiprocessing analogue). */
export function createWorkers({ threads, taskTimeoutMs, workerMemoryMb }: StrategyOptions): Strategy {
  let pool: Piscina<PiscinaTask | number, PiscinaReply> | undefined;
  let startupMs = 0;

  async function runOne(task: PiscinaTask): Promise<PiscinaReply> {
    if (!pool) throw new Error('workers strategy used before setup');
    if (taskTimeoutMs <= 0) return pool.run(task);
    // Counted from when a thread starts the task, not from submission: queued tasks wait untimed.
    // Aborting a running task makes piscina terminate its thread and start a fresh one.
    const timeout = timeoutFromStart(taskTimeoutMs);
    try {
      return await pool.run({ ...task, started: timeout.flag }, { signal: timeout.signal });
    } catch (error) {
      if (error instanceof Error && /abort/i.test(error.name + error.message)) {
        throw new TaskTimeoutError(`task ran longer than ${taskTimeoutMs} ms; its thread was stopped`);
      }
      throw asCrash(error);
    } finally {
      timeout.settle();
    }
  }

  return {
    name: 'workers',
    threads,
    runsOn: `piscina×${threads}`,
    get startupMs() {
      return startupMs;
    },
    async setup() {
      const start = performance.now();
      // minThreads = maxThreads so the pool is really N wide from the first task.
      pool = new Piscina({
        filename: ENTRY,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: Infinity,
        atomics: 'disabled',
        execArgv: workerExecArgv(),
        ...(workerMemoryMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb } } : {}),
      });
      // Resolves once every thread has started and taken a task.
      await Promise.all(Array.from({ length: threads }, () => pool?.run(OCCUPY_MS, { name: 'occupy' })));
      // The probe tasks themselves are not start-up.
      startupMs = Math.max(0, performance.now() - start - OCCUPY_MS);
    },
    async transfer(inputs: readonly unknown[]): Promise<number> {
      if (!pool) throw new Error('workers strategy used before setup');
      const started = performance.now();
      // The echo takes and returns any input, not a task: the pool's types are the task's.
      const echo = pool as unknown as Piscina<unknown, unknown>;
      await Promise.all(inputs.map((input) => echo.run(input, { name: 'echo' })));
      return performance.now() - started;
    },
    async run(batch: Batch): Promise<BatchOutcome> {
      const outcome = emptyOutcome(batch.inputs.length);
      const run = (input: unknown): Promise<PiscinaReply> =>
        runOne({ ref: batch.ref, input, env: batch.env }).catch((error: unknown) => Promise.reject(asCrash(error)));
      const settled = await Promise.allSettled(batch.inputs.map(run));
      settled.forEach((result, task) => {
        if (result.status === 'fulfilled') {
          outcome.checksums[task] = result.value.checksum;
          outcome.ioLatencies.push(...result.value.ioLatencies);
          outcome.native.calls += result.value.native.calls;
          outcome.native.ms += result.value.native.ms;
          outcome.gcMs += result.value.gcMs;
        } else outcome.failures.push({ task, error: describeError(result.reason) });
      });
      return outcome;
    },
    async teardown() {
      const closing = pool;
      pool = undefined;
      await closing?.destroy();
    },
  };
}
