import type { TaskContext } from '../../workloads/types.js';
import { TRACE, TraceRecorder } from './gil/trace-recorder.js';
import { describeError } from '../errors.js';
import { callGuarded, settleWithin, taskTimedOut } from './bounded-call.js';
import { deadlineAt } from './deadlines.js';
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
    // Chained rather than an async function: one promise an I/O op, not two and a turn.
    io(fn) {
      const start = performance.now();
      const done = (): void => {
        sink.ioLatencies.push(performance.now() - start);
      };
      let pending;
      try {
        pending = fn();
      } catch (error) {
        done();
        return Promise.reject(error as Error);
      }
      return Promise.resolve(pending).then(
        (value) => {
          done();
          return value;
        },
        (error: unknown) => {
          done();
          throw error;
        },
      );
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

/** A task that settled at once: one shared promise, so that a synchronous task allocates none. */
const SETTLED: Promise<void> = Promise.resolve();

/**
 * Runs one task of a batch on this thread, within the task timeout, and records its checksum or its
 * failure. A user's workload (one loaded from a file) is guarded against endless loops too. Chained,
 * not awaited: each layer of async functions cost a task on the event loop a promise and a turn,
 * which a thousand tasks waiting at once pay a thousand times.
 */
export function runTaskHere(
  batch: Batch,
  task: number,
  ctx: TaskContext,
  outcome: BatchOutcome,
  timeoutMs: number,
): Promise<void> {
  const start = timeoutMs > 0 ? performance.now() : 0;
  let value: unknown;
  try {
    value =
      timeoutMs > 0 && batch.ref.file !== undefined
        ? callGuarded(() => batch.workload.run(batch.inputs[task], ctx), timeoutMs)
        : batch.workload.run(batch.inputs[task], ctx);
  } catch (error) {
    failTask(outcome, task, error);
    return SETTLED;
  }
  if (!(value instanceof Promise)) {
    outcome.checksums[task] = Number(value);
    return SETTLED;
  }
  if (timeoutMs <= 0)
    return value.then(
      (checksum: unknown) => {
        outcome.checksums[task] = Number(checksum);
      },
      (error: unknown) => failTask(outcome, task, error),
    );
  // One promise a task: settled by the task, or by its deadline, whichever comes first.
  return new Promise<void>((resolve) => {
    const deadline = deadlineAt(start + Math.max(1, timeoutMs), () => {
      failTask(outcome, task, taskTimedOut(timeoutMs));
      resolve();
    });
    value.then(
      (checksum: unknown) => {
        if (deadline.settle()) outcome.checksums[task] = Number(checksum);
        resolve();
      },
      (error: unknown) => {
        if (deadline.settle()) failTask(outcome, task, error);
        resolve();
      },
    );
  });
}

function failTask(outcome: BatchOutcome, task: number, error: unknown): void {
  outcome.failures.push({ task, error: describeError(error) });
}

/**
 * How long a stretch of a user's synchronous tasks runs under one guard, ms. A task the timeout
 * stops has run past its limit all the same: the guard's limit is the task's plus this stretch.
 */
const GUARDED_STRETCH_MS = 20;

/** Claims the batch's next task for a stretch: its index, or undefined when every task is taken. */
export type TakeTask = () => number | undefined;

/**
 * Runs tasks the batch's `take` hands out, one after another on this thread, recording each
 * checksum or failure, until a task returns a promise (awaited within its timeout) or none is
 * left. A user's synchronous tasks run in stretches of about 20 ms under one guard (one guard a
 * task cost 0.15 ms, as long as a short task itself); an untrusted-free run takes one task.
 */
export function runStretchHere(
  batch: Batch,
  take: TakeTask,
  ctx: TaskContext,
  outcome: BatchOutcome,
  timeoutMs: number,
): Promise<void> {
  if (timeoutMs <= 0 || batch.ref.file === undefined) {
    const task = take();
    return task === undefined ? SETTLED : runTaskHere(batch, task, ctx, outcome, timeoutMs);
  }
  return runGuardedStretch(batch, take, ctx, outcome, timeoutMs);
}

/** A stretch of a user's tasks under one guard: see runStretchHere. */
async function runGuardedStretch(
  batch: Batch,
  take: TakeTask,
  ctx: TaskContext,
  outcome: BatchOutcome,
  timeoutMs: number,
): Promise<void> {
  let current: number | undefined;
  let pending: { task: number; value: Promise<unknown>; start: number } | undefined;
  const stretch = (): void => {
    const start = performance.now();
    while (performance.now() - start < GUARDED_STRETCH_MS && (current = take()) !== undefined) {
      const begun = performance.now();
      try {
        const value = batch.workload.run(batch.inputs[current], ctx);
        if (value instanceof Promise) {
          pending = { task: current, value, start: begun };
          return;
        }
        outcome.checksums[current] = Number(value);
      } catch (error) {
        outcome.failures.push({ task: current, error: describeError(error) });
      }
    }
  };
  try {
    callGuarded(stretch, timeoutMs + GUARDED_STRETCH_MS, timeoutMs);
  } catch (error) {
    // Stopped by the timeout or Ctrl-C: the task in flight is the one that failed.
    if (current !== undefined) outcome.failures.push({ task: current, error: describeError(error) });
    return;
  }
  if (!pending) return;
  const { task, value, start } = pending;
  try {
    outcome.checksums[task] = Number(await settleWithin(value, timeoutMs - (performance.now() - start), timeoutMs));
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
  schedule: (batch: Batch, runStretch: (take: TakeTask) => Promise<void>) => Promise<void>,
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
        const runTraced = async (task: number): Promise<void> => {
          const traced = tracedTask(task, ctx);
          recorders.push(traced.recorder);
          traced.begin();
          await runTaskHere(batch, task, traced.ctx, outcome, taskTimeoutMs);
          traced.end();
        };
        // Each traced task on its own, so that each records where it ran.
        await schedule(batch, async (take) => {
          const task = take();
          if (task !== undefined) await runTraced(task);
        });
        outcome.trace = recorders.map((recorder) => ({ ...recorder.take(), lane: 'task' as const }));
      } else await schedule(batch, (take) => runStretchHere(batch, take, ctx, outcome, taskTimeoutMs));
      outcome.failures.sort((a, b) => a.task - b.task);
      return outcome;
    },
    async teardown() {},
  };
}
