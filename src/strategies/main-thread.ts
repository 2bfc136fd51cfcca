import type { TaskContext } from '../../workloads/types.js';
import { TRACE, TraceRecorder } from './gil/trace-recorder.js';
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

/**
 * Events one task of the loop may record in a traced batch: two per await, so 4096 pairs hold
 * over two thousand awaits; a task that makes more loses the rest (counted as dropped).
 */
const TASK_TRACE_CAPACITY = 4096;

/**
 * A traced task of the event loop: its own context, whose `io` marks where the task yields at an
 * await and where it resumes, and its recorder. Only a traced batch builds these; a timed one
 * shares one plain context.
 */
function tracedTask(
  task: number,
  ctx: TaskContext,
): { ctx: TaskContext; recorder: TraceRecorder; begin(): void; end(): void } {
  const recorder = new TraceRecorder(task, TASK_TRACE_CAPACITY);
  return {
    recorder,
    begin: () => recorder.now(TRACE.TASK_BEGIN),
    end: () => recorder.now(TRACE.TASK_END),
    ctx: {
      ...ctx,
      async io(fn) {
        recorder.now(TRACE.IO_BEGIN);
        try {
          return await ctx.io(fn);
        } finally {
          recorder.now(TRACE.IO_END);
        }
      },
    },
  };
}

export function emptyOutcome(tasks: number): BatchOutcome {
  return {
    checksums: new Array<number | undefined>(tasks).fill(undefined),
    failures: [],
    ioLatencies: [],
    native: { calls: 0, ms: 0 },
    gcMs: 0,
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
  options: { traces?: boolean } = {},
): Strategy {
  return {
    name,
    threads: 1,
    runsOn: 'main',
    startupMs: 0,
    ...(options.traces ? { traces: true } : {}),
    async setup() {},
    async run(batch: Batch): Promise<BatchOutcome> {
      const outcome = emptyOutcome(batch.inputs.length);
      const ctx = unlockedContext(batch.env, outcome);
      if (batch.trace && options.traces) {
        // The traced batch: each task records where it runs and where it waits at an await.
        const recorders: TraceRecorder[] = [];
        await schedule(batch, async (task) => {
          const traced = tracedTask(task, ctx);
          recorders.push(traced.recorder);
          traced.begin();
          await runTaskHere(batch, task, traced.ctx, outcome, taskTimeoutMs);
          traced.end();
        });
        outcome.trace = recorders.map((recorder) => ({ ...recorder.take(), lane: 'task' as const }));
      } else await schedule(batch, (task) => runTaskHere(batch, task, ctx, outcome, taskTimeoutMs));
      outcome.failures.sort((a, b) => a.task - b.task);
      return outcome;
    },
    async teardown() {},
  };
}
