import type { TaskContext } from '../../workloads/types.js';
import { describeError } from '../errors.js';
import type { Batch, BatchOutcome } from './types.js';

/** The context for tasks on the main thread: no lock to honour or release. */
export function mainThreadContext(env: Record<string, unknown>): TaskContext {
  return {
    checkpoint() {},
    io: (fn) => fn(),
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
  return { checksums: new Array<number | undefined>(tasks).fill(undefined), failures: [] };
}
