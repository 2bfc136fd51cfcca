/**
 * A thread of the lock-guarded pool. It holds the lock while it runs a task, releases it around
 * I/O and native calls, honours drop requests at checkpoints, and waits for the next task without
 * the lock, as a ThreadPoolExecutor thread blocked on its queue does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadWorkload } from '../../../workloads/loader.js';
import type { TaskContext } from '../../../workloads/types.js';
import { GilLock } from './lock.js';
import type { GilWorkerData, TaskLockStats, TaskReply, TaskRequest } from './protocol.js';

if (!parentPort) throw new Error('gil worker must run in a worker thread');
const port = parentPort;
const { id, state, lock: lockOptions } = workerData as GilWorkerData;
const lock = new GilLock(state, id, lockOptions);

async function runTask(request: TaskRequest): Promise<TaskReply> {
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
      try {
        return await fn();
      } finally {
        const done = performance.now();
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
      try {
        return fn();
      } finally {
        nativeCalls++;
        nativeMs += performance.now() - start - lockWait;
        lock.acquire();
      }
    },
    env: request.env,
  };
  let started = 0;
  const stats = (): TaskLockStats => {
    const counters = lock.takeCounters();
    // Derived rather than clocked on every acquire and release, which keeps the fast path cheap.
    const elapsed = started > 0 ? performance.now() - started : 0;
    const holdMs = Math.max(0, elapsed - counters.waitMs - counters.switchWaitMs - counters.wakeMs - ioMs - nativeMs);
    return { ...counters, thread: id, holdMs, ioMs, nativeCalls, nativeMs, ioReacquireWaits };
  };
  try {
    const workload = await loadWorkload(request.ref);
    started = performance.now();
    lock.acquire();
    let checksum: number;
    try {
      checksum = Number(await workload.run(request.input, ctx));
    } finally {
      // An exception in the workload must never leave the lock held. Released before the figures
      // are taken: this release, too, may wait for a forced switch.
      if (lock.held) lock.release();
    }
    return { type: 'result', taskId: request.taskId, ok: true, checksum, stats: stats(), ioLatencies };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { type: 'result', taskId: request.taskId, ok: false, error: { name, message }, stats: stats(), ioLatencies };
  }
}

port.on('message', (message: TaskRequest) => {
  void runTask(message).then((reply) => port.postMessage(reply));
});
port.postMessage({ type: 'ready' });
