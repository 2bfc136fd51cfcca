/** Messages between the lock-guarded pool (main thread) and its worker threads. */
import type { WorkloadRef } from '../../../workloads/loader.js';
import type { LockCounters, LockOptions } from './lock.js';
import type { RecordedTrace } from './trace-recorder.js';

/** Passed as workerData when a pool thread starts. */
export interface GilWorkerData {
  id: number;
  state: SharedArrayBuffer;
  lock: LockOptions;
}

export interface TaskRequest {
  type: 'task';
  taskId: number;
  ref: WorkloadRef;
  input: unknown;
  env: Record<string, unknown>;
  /** Record every lock, I/O and native event of this task, with its time, and send them back. */
  trace?: boolean;
}

/** What one task did with the lock, measured in the thread that ran it. */
export interface TaskLockStats extends LockCounters {
  /** Pool thread id. */
  thread: number;
  /** Milliseconds the task held the lock: its run time less waits, I/O and native calls. */
  holdMs: number;
  /** Milliseconds spent in I/O with the lock released. */
  ioMs: number;
  /** Calls of native code with the lock released, and the milliseconds spent in them. */
  nativeCalls: number;
  nativeMs: number;
  /** For each I/O completion, ms until the thread held the lock again (the convoy delay). */
  ioReacquireWaits: number[];
}

interface ReplyBase {
  type: 'result';
  taskId: number;
  stats: TaskLockStats;
  /** Garbage collection in the thread during the task, ms. */
  gcMs: number;
  /** Each I/O operation's latency, ms: from its start until the thread held the lock again. */
  ioLatencies: number[];
  /** The task's events, when the request asked for them. */
  trace?: RecordedTrace;
}

export type TaskReply =
  (ReplyBase & { ok: true; checksum: number }) | (ReplyBase & { ok: false; error: { name: string; message: string } });

export type WorkerMessage = { type: 'ready' } | TaskReply;
