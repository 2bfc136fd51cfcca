/**
 * A thread of the lock-guarded pool. It holds the lock while it runs a task, releases it around
 * I/O and native calls, honours drop requests at checkpoints, and waits for the next task without
 * the lock, as a ThreadPoolExecutor thread blocked on its queue does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadWorkload } from '../../../workloads/loader.js';
import type { TaskContext } from '../../../workloads/types.js';
import { gcTimer, type GcTimer } from '../../support/gc-time.js';
import { GilLock } from './lock.js';
import type { GilWorkerData, TaskLockStats, TaskReply, TaskRequest } from './protocol.js';
import { TRACE, TraceRecorder } from './trace-recorder.js';

if (!parentPort) throw new Error('gil worker must run in a worker thread');
const port = parentPort;
const { id, state, lock: lockOptions } = workerData as GilWorkerData;
const lock = new GilLock(state, id, lockOptions);
/** Allocated at the first traced task and kept: its buffer is this thread's bound on trace memory. */
let recorder: TraceRecorder | undefined;

async function runTask(request: TaskRequest): Promise<TaskReply> {
  if (!request.trace) return runTraced(request, undefined);
  recorder ??= new TraceRecorder(id);
  lock.traceTo(recorder);
  try {
    return await runTraced(request, recorder);
  } finally {
    lock.traceTo(undefined);
  }
}

async function runTraced(request: TaskRequest, trace: TraceRecorder | undefined): Promise<TaskReply> {
  let ioMs = 0;
  let nativeMs = 0;
  let nativeCalls = 0;
  const ioReacquireWaits: number[] = [];
  const ioLatencies: number[] = [];
  const ctx: TaskContext = {
    checkpoint: () => lock.checkpoint(),
    async io<T>(fn: () => Promise<T>): Promise<T> {
      // Clocked from before the release, like every other non-holding interval.
      const start = performance.now();
      // The release's own waits (a wake-up, a forced switch) are the lock's (wakeMs, switchWaitMs), not I/O.
      const lockWait = lock.release();
      trace?.now(TRACE.IO_BEGIN);
      try {
        return await fn();
      } finally {
        const done = performance.now();
        trace?.at(done, TRACE.IO_END);
        ioMs += done - start - lockWait;
        lock.acquire();
        const running = performance.now();
        ioReacquireWaits.push(running - done);
        ioLatencies.push(running - start);
      }
    },
    native<T>(fn: () => T): T {
      const start = performance.now();
      const lockWait = lock.release();
      trace?.now(TRACE.NATIVE_BEGIN);
      try {
        return fn();
      } finally {
        const done = performance.now();
        trace?.at(done, TRACE.NATIVE_END);
        nativeCalls++;
        nativeMs += done - start - lockWait;
        lock.acquire();
      }
    },
    env: request.env,
  };
  let started = 0;
  let gc: GcTimer | undefined;
  // The task's end is read once, for its trace and its figures alike: a thread descheduled between
  // two readings would otherwise count that stretch as holding in one and not in the other.
  const stats = (ended: number): TaskLockStats => {
    const counters = lock.takeCounters();
    // Derived rather than clocked on every acquire and release, which keeps the fast path cheap.
    const elapsed = started > 0 ? ended - started : 0;
    const holdMs = Math.max(0, elapsed - counters.waitMs - counters.switchWaitMs - counters.wakeMs - ioMs - nativeMs);
    return { ...counters, thread: id, holdMs, ioMs, nativeCalls, nativeMs, ioReacquireWaits };
  };
  try {
    const workload = await loadWorkload(request.ref);
    gc = gcTimer();
    started = performance.now();
    trace?.at(started, TRACE.TASK_BEGIN);
    lock.acquire();
    let checksum: number;
    try {
      checksum = Number(await workload.run(request.input, ctx));
    } finally {
      // An exception in the workload must never leave the lock held. Released before the figures
      // are taken: this release, too, may wait for a forced switch.
      if (lock.held) lock.release();
    }
    const ended = performance.now();
    trace?.at(ended, TRACE.TASK_END);
    return {
      type: 'result',
      taskId: request.taskId,
      ok: true,
      checksum,
      stats: stats(ended),
      gcMs: gc?.stop() ?? 0,
      ioLatencies,
      ...traced(trace),
    };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    const ended = performance.now();
    if (started > 0) trace?.at(ended, TRACE.TASK_END);
    return {
      type: 'result',
      taskId: request.taskId,
      ok: false,
      error: { name, message },
      stats: stats(ended),
      gcMs: gc?.stop() ?? 0,
      ioLatencies,
      ...traced(trace),
    };
  }
}

/** The task's events, if it was traced; the recorder starts empty for the next task. */
const traced = (trace: TraceRecorder | undefined): Pick<TaskReply, 'trace'> => (trace ? { trace: trace.take() } : {});

port.on('message', (message: TaskRequest) => {
  void runTask(message).then((reply) =>
    // The events' buffer is a copy made for this reply: moved, not copied again.
    port.postMessage(reply, reply.trace ? [reply.trace.events.buffer as ArrayBuffer] : []),
  );
});
port.postMessage({ type: 'ready' });
