import type { Workload } from '../../workloads/types.js';
import type { WorkloadRef } from '../../workloads/loader.js';
import type { TaskLockStats } from './gil/protocol.js';
import type { RecordedTrace } from './gil/trace-recorder.js';
import type { GilMode } from './gil/lock.js';
import type { GilPools } from './gil/pool-set.js';

import type { StrategyName, WakeOrder } from './names.js';

export { STRATEGY_NAMES, type StrategyName } from './names.js';

/** One batch: every task of a workload, run once under one strategy. */
export interface Batch {
  ref: WorkloadRef;
  /** The workload, loaded on the main thread, for strategies that run tasks there. */
  workload: Workload;
  inputs: readonly unknown[];
  env: Record<string, unknown>;
  /** Record what every thread does (strategies with `traces` only); never set on a timed batch. */
  trace?: boolean;
}

/** Calls of `ctx.native` and the time spent in them, ms. */
export interface NativeTally {
  calls: number;
  ms: number;
}

export interface TaskFailure {
  task: number;
  error: string;
}

export interface BatchOutcome {
  /** Per task; undefined where the task failed. */
  checksums: (number | undefined)[];
  failures: TaskFailure[];
  /** Every I/O operation's latency, ms: from its start until its task ran again. */
  ioLatencies: number[];
  /** Native sections (`ctx.native`) of every task: how many, and their total time. */
  native: NativeTally;
  /** Garbage collection in the pool's threads while they ran the batch's tasks, ms (0 on the main thread). */
  gcMs: number;
  /** Per task, what it did with the simulated lock (lock-guarded strategies only). */
  lock?: TaskLockStats[];
  /** Traced batches: each task's events, and the main thread's where its loop took the lock. */
  trace?: RecordedTrace[];
}

/** Settings every strategy is built with. */
export interface StrategyOptions {
  threads: number;
  /** Lock-guarded pools, shared by the strategies of one run. */
  gilPools: GilPools;
  gil: GilMode;
  switchIntervalMs: number;
  /** Which waiter a release wakes. */
  wake: WakeOrder;
  taskTimeoutMs: number;
  /** Heap limit of each worker thread, MB; 0 = V8's default. */
  workerMemoryMb: number;
  /** The most tasks async runs at once; absent: every task of the batch. */
  asyncLimit?: number;
}

/** One way of scheduling a batch. A strategy never prints and never times itself. */
export interface Strategy {
  readonly name: StrategyName;
  /** Threads it runs tasks on: 1 for the main-thread strategies. */
  readonly threads: number;
  /**
   * Names the threads that run its tasks ("main", a pool): strategies that share them share their
   * compiled code and heaps, so one warm-up serves both.
   */
  readonly runsOn: string;
  /** True when a traced batch records its threads' events (the lock-guarded strategies). */
  readonly traces?: boolean;
  /** Starts (or borrows) its pool. */
  setup(): Promise<void>;
  /** After setup: how long its pool took to start and be ready, ms; 0 without a pool. */
  readonly startupMs: number;
  run(batch: Batch): Promise<BatchOutcome>;
  /**
   * Where tasks go to other threads: sends a batch's inputs there and back at once, with no work,
   * and returns the ms it took (what handing the tasks over costs, as CPython's process pool is
   * measured). Absent where tasks stay on the main thread.
   */
  transfer?(inputs: readonly unknown[]): Promise<number>;
  /** Stops what it started (shared pools are stopped by their GilPools). Safe to call twice. */
  teardown(): Promise<void>;
  /**
   * Runs a callback of the main event loop the way this strategy's Python twin would: asyncio's
   * loop thread must hold the GIL to run Python code, so async-offload takes the simulated lock
   * first (without blocking the loop). Absent where the loop runs callbacks freely.
   */
  onMainLoop?<T>(callback: () => T): Promise<T>;
}

/** An entry of the strategy registry. */
export interface StrategyInfo {
  name: StrategyName;
  description: string;
  /** False for strategies that always run on the main thread alone. */
  usesThreads: boolean;
  create(options: StrategyOptions): Strategy;
}
