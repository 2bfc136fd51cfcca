import type { TaskContext } from '../../workloads/types.js';
import { describeError } from '../errors.js';
import { callBounded } from './bounded-call.js';
import type { StrategyName } from './names.js';
import type { Batch, BatchOutcome, Strategy } from './types.js';

/**
 * The context for tasks with no lock to honour or release (the main thread, piscina's threads).
 * Each I/O operation's latency, from its start until the task runs again, goes to `sink.ioLatencies`;
 * native sections are timed too, so the analysis can tell native work from plain computing.
 */
export function unlockedContext(
  env: Record<string, unknown>,
  sink: Pick<BatchOutcome, 'ioLatencies' | 'native'>,
): TaskContext {
  return {
    checkpoint() {},
    async io(fn) {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        sink.ioLatencies.push(performance.now() - start);
      }
    },
    native(fn) {
      const start = performance.now();
      try {
        return fn();
      } finally {
        sink.native.calls++;
        sink.native.ms += performance.now() - start;
      }
    },
    env,
  };
}

/**
 * Runs one task of a batch on this thread, within the task timeout, and records its checksum or its
 * failure. A user's workload (one loaded from a file) is guarded against endless loops too.
 */
export async function runTaskHere(
  batch: Batch,
  task: number,
  ctx: TaskContext,
  outcome: BatchOutcome,
  timeoutMs: number,
): Promise<void> {
  try {
    const run = (): number | Promise<number> => batch.workload.run(batch.inputs[task], ctx);
    outcome.checksums[task] = Number(await callBounded(run, timeoutMs, batch.ref.file !== undefined));
  } catch (error) {
    outcome.failures.push({ task, error: describeError(error) });
  }
}

export function emptyOutcome(tasks: number): BatchOutcome {
  return {
    checksums: new Array<number | undefined>(tasks).fill(undefined),
    failures: [],
    ioLatencies: [],
    native: { calls: 0, ms: 0 },
  };
}

/**
 * A strategy that runs every task on the main thread: no pool to start or stop. `schedule` decides
 * how the batch's tasks are run there (one after another, or all at once on the event loop).
 */
export function mainThreadStrategy(
  name: StrategyName,
  schedule: (batch: Batch, runTask: (task: number) => Promise<void>) => Promise<void>,
  taskTimeoutMs: number,
): Strategy {
  return {
    name,
    threads: 1,
    runsOn: 'main',
    startupMs: 0,
    async setup() {},
    async run(batch: Batch): Promise<BatchOutcome> {
      const outcome = emptyOutcome(batch.inputs.length);
      const ctx = unlockedContext(batch.env, outcome);
      await schedule(batch, (task) => runTaskHere(batch, task, ctx, outcome, taskTimeoutMs));
      outcome.failures.sort((a, b) => a.task - b.task);
      return outcome;
    },
    async teardown() {},
  };
}
