import { Piscina } from 'piscina';
import { compiledModuleUrl } from '../../workloads/module-url.js';
import { describeError, TaskTimeoutError } from '../errors.js';
import { emptyOutcome } from './main-thread.js';
import type { PiscinaReply, PiscinaTask } from './worker-entry.js';
import type { Batch, BatchOutcome, Strategy, StrategyOptions } from './types.js';

const ENTRY = compiledModuleUrl('./worker-entry.js', import.meta.url).href;
/** How long each start-up probe occupies its thread. */
const OCCUPY_MS = 20;

/** Real parallelism: a piscina pool exactly N threads wide, no lock (the multiprocessing analogue). */
export function createWorkers({ threads, taskTimeoutMs }: StrategyOptions): Strategy {
  let pool: Piscina<PiscinaTask | number, PiscinaReply> | undefined;
  let startupMs = 0;

  async function runOne(task: PiscinaTask): Promise<PiscinaReply> {
    if (!pool) throw new Error('workers strategy used before setup');
    if (taskTimeoutMs <= 0) return pool.run(task);
    // Aborting a running task makes piscina terminate its thread and start a fresh one.
    try {
      return await pool.run(task, { signal: AbortSignal.timeout(taskTimeoutMs) });
    } catch (error) {
      if (error instanceof Error && /abort/i.test(error.name + error.message)) {
        throw new TaskTimeoutError(`task ran longer than ${taskTimeoutMs} ms; its thread was stopped`);
      }
      throw error;
    }
  }

  return {
    name: 'workers',
    threads,
    get startupMs() {
      return startupMs;
    },
    async setup() {
      const start = performance.now();
      // minThreads = maxThreads so the pool is really N wide from the first task.
      pool = new Piscina({ filename: ENTRY, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, atomics: 'disabled' });
      // Resolves once every thread has started and taken a task.
      await Promise.all(Array.from({ length: threads }, () => pool?.run(OCCUPY_MS, { name: 'occupy' })));
      // The probe tasks themselves are not start-up.
      startupMs = Math.max(0, performance.now() - start - OCCUPY_MS);
    },
    async run(batch: Batch): Promise<BatchOutcome> {
      const outcome = emptyOutcome(batch.inputs.length);
      const settled = await Promise.allSettled(batch.inputs.map((input) => runOne({ ref: batch.ref, input, env: batch.env })));
      settled.forEach((result, task) => {
        if (result.status === 'fulfilled') {
          outcome.checksums[task] = result.value.checksum;
          outcome.ioLatencies.push(...result.value.ioLatencies);
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
