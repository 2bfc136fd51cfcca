import type { TaskContext } from '../../workloads/types.js';
import { describeError } from '../errors.js';
import type { Batch, BatchOutcome } from './types.js';

/**
 * The context for tasks with no lock to honour or release (the main thread, piscina's threads).
 * Each I/O operation's latency, from its start until the task runs again, goes to `ioLatencies`.
 */
export function unlockedContext(env: Record<string, unknown>, ioLatencies: number[]): TaskContext {
  return {
    checkpoint() {},
    async io(fn) {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        ioLatencies.push(performance.now() - start);
      }
    },
    native: (fn) => fn(),
    env,
  };
}

/** Runs one task of a batch on this thread and records its checksum or its failure. */
export async function runTaskHere(batch: Batch, task: number, ctx: TaskContext, outcome: BatchOutcome): Promise<void> {
  try {
    outcome.checksums[task] = Number(await batch.workload.run(batch.inputs[task], ctx));
  } catch (error) {
    outcome.failures.push({ task, error: describeError(error) });
  }
}

export function emptyOutcome(tasks: number): BatchOutcome {
  return { checksums: new Array<number | undefined>(tasks).fill(undefined), failures: [], ioLatencies: [] };
}
