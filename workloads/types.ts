/**
 * The workload contract. Built-in and user workloads follow it alike, and every strategy runs the
 * same `run` function on the same inputs, so the only thing that differs between strategies is how
 * the tasks are scheduled.
 */

export type WorkloadKind = 'cpu' | 'io' | 'mixed';

/**
 * The figure a workload is about: batch time (throughput), the latency of its I/O operations
 * (the convoy effect), or the lag of the main event loop while it runs (responsiveness).
 */
export type WorkloadFocus = 'throughput' | 'io-latency' | 'loop-lag';

/** Named sizes; each workload maps them to its own parameters. */
export const SIZES = ['xs', 's', 'm', 'l'] as const;
export type SizeName = (typeof SIZES)[number];

/** What a running task may call. Each strategy supplies its own implementation. */
export interface TaskContext {
  /**
   * The "eval breaker": CPU kernels call it every few microseconds of work. In the lock-guarded
   * pool it is where a thread honours a request to drop the lock; everywhere else it does nothing.
   */
  checkpoint(): void;
  /** Waits on I/O. The lock-guarded pool releases the lock around it (`Py_BEGIN_ALLOW_THREADS`). */
  io<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs native code that releases the lock, as `hashlib` does for large buffers. */
  native<T>(fn: () => T): T;
  /** What the workload's `setup` prepared (a server port, a temp folder), shared by every task. */
  readonly env: Readonly<Record<string, unknown>>;
}

/** How many tasks a batch has, how big each one is, and the seed their inputs derive from. */
export interface InputOptions {
  tasks: number;
  size: SizeName;
  seed: number;
  /** For workloads with the `ioRatio` parameter: the share of each round spent waiting, 0–1. */
  ioRatio?: number;
}

/** Resources a workload needs for a whole run (a loopback server, a temp folder). */
export interface WorkloadSetup {
  /** Structured-cloneable values handed to every task as `ctx.env`. */
  env: Record<string, unknown>;
  /** Always called, even when the run fails. */
  teardown(): Promise<void>;
}

export interface Workload<I = unknown> {
  /** Unique, kebab-case. */
  readonly name: string;
  readonly kind: WorkloadKind;
  /** What the report puts first; throughput when absent. */
  readonly focus?: WorkloadFocus;
  /** A workload with a parameter runs only when the parameter is given (`--io-ratio`). */
  readonly parameter?: 'ioRatio';
  /** One line for `gil-bench list`. */
  readonly description: string;
  /** What one task does at each size, for `gil-bench list`. */
  readonly sizes?: Readonly<Record<SizeName, string>>;
  /** One input per task; structured-cloneable and derived from the seed only, so runs repeat. */
  inputs(opts: InputOptions): I[];
  /** Starts what the tasks need; runs once on the main thread before any strategy. */
  setup?(): Promise<WorkloadSetup>;
  /**
   * For a workload judged by its I/O latency: the tasks whose I/O is judged. Each strategy also runs
   * them alone, outside the timed batches, so its I/O has a baseline under its own conditions (its
   * own threads and event loop) rather than sequential's.
   */
  alone?(inputs: readonly I[]): I[];
  /** One task. Returns a deterministic checksum of its result, so no strategy can skip the work. */
  run(input: I, ctx: TaskContext): number | Promise<number>;
}
