/**
 * The result of a run: plain JSON-safe data, nothing else. Reporters, comparisons and CI scripts
 * read it; nothing here computes. Times are in milliseconds.
 */
import type { WorkloadFocus, WorkloadKind } from '../../workloads/types.js';
import type { RunConfig } from '../config/types.js';
import type { StrategyName } from '../strategies/types.js';

/** Bump when a field changes meaning or disappears; adding fields keeps the version. */
export const SCHEMA_VERSION = 1;

/** completed: measured and verified. errored: a task failed. mismatch: checksums differ from sequential's. */
export type CellState = 'completed' | 'errored' | 'mismatch';

/** Summary of one cell's batch times (one sample = one whole batch). */
export interface Stats {
  /** Number of timed batches. */
  samples: number;
  median: number;
  mean: number;
  min: number;
  max: number;
  p75: number;
  p99: number;
  /** Sample standard deviation. */
  sd: number;
  /** Half-width of the 95% confidence interval of the mean. */
  moe: number;
  /** moe as a percentage of the mean. */
  rme: number;
}

/** A ratio with its 95% confidence interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** One thread's share of the simulated lock during the timed batches. */
export interface LockThread {
  thread: number;
  /** Fractions of the cell's timed wall time. */
  holdShare: number;
  waitShare: number;
  ioShare: number;
  acquisitions: number;
  switches: number;
  dropRequests: number;
  forcedSwitches: number;
}

/** What gil_load / gilknocker / py-spy --gil would report for real CPython, summed over timed batches. */
export interface LockMetrics {
  acquisitions: number;
  contended: number;
  dropRequests: number;
  /** Drop requests honoured: the holder released because another thread asked. */
  forcedSwitches: number;
  /** Acquisitions that took the lock from another thread. */
  switches: number;
  /** Switches per second of wall time. */
  switchesPerSecond: number;
  /** Legacy mode: wake-ups that found the lock taken again. */
  failedWakeups: number;
  /** Forced-switch waits that timed out (should be 0). */
  switchTimeouts: number;
  /** Fractions of wall time × threads. */
  holdShare: number;
  waitShare: number;
  ioShare: number;
  /** Time to acquire when contended, ms. */
  acquireWaitP50: number;
  acquireWaitP99: number;
  /** Delay from an I/O completion to holding the lock again, ms (the convoy effect). */
  convoyP50: number;
  convoyP99: number;
  perThread: LockThread[];
}

/** Latency of the I/O operations of a cell's timed batches: start of the wait until the task ran again. */
export interface IoLatency {
  ops: number;
  p50: number;
  p99: number;
  max: number;
}

/** The main thread and the process during a cell's timed batches. */
export interface HostMetrics {
  /** How late a 1 ms heartbeat on the main event loop fired, ms, pooled over batches. */
  loopLagP50: number;
  loopLagP99: number;
  loopLagMax: number;
  /** Share of the batch the main event loop was busy (median over batches). */
  loopUtilization: number;
  /** CPU time of the whole process per batch, ms (median). */
  cpuMsPerBatch: number;
  /** cpuMsPerBatch ÷ (median batch time × logical cores). */
  cpuUtilization: number;
}

export interface TaskMismatch {
  task: number;
  expected: number;
  actual: number | null;
}

/** One workload × strategy × thread count. */
export interface CellResult {
  workload: string;
  kind: WorkloadKind;
  /** The figure the workload is about. */
  focus: WorkloadFocus;
  /** The share of each round spent waiting, for the synthetic `ratio` workload. */
  ioRatio?: number;
  strategy: StrategyName;
  threads: number;
  state: CellState;
  tasks: number;
  /** Batch times, ms, in the order they were measured. */
  samples: number[];
  stats?: Stats;
  /** Sequential's time ÷ this cell's, both by `config.estimator` (fastest or median batch), with a bootstrap 95% CI. */
  speedup?: Interval;
  /** speedup ÷ threads. */
  efficiency?: number;
  /** Cold start of the strategy's pool (threads started and ready), ms; 0 for main-thread strategies. */
  startupMs: number;
  /** Why the cell errored: the first failing task. */
  error?: string;
  /** Tasks whose checksum differs from sequential's. */
  mismatches?: TaskMismatch[];
  lock?: LockMetrics;
  /** Present when the workload waits on I/O. */
  io?: IoLatency;
  host?: HostMetrics;
}

/** The parallel-capacity probe: how many of `threads` raw threads really ran at once. */
export interface CapacityProbe {
  threads: number;
  /** Two threads' work ÷ the time it took, in units of one thread alone: 2 = two free cores. */
  freeCores: number;
}

export interface Environment {
  node: string;
  v8: string;
  platform: string;
  release: string;
  arch: string;
  cpuModel: string;
  logicalCores: number;
  availableParallelism: number;
  totalMemoryMb: number;
  loadAverage: number[];
  uvThreadpoolSize: string | null;
  ci: boolean;
  /** Smallest step of performance.now() seen here, ms. */
  timerResolutionMs: number;
  /** CPU cores allowed by a cgroup quota (containers), or null when unlimited or unknown. */
  cgroupCpuLimit: number | null;
  /** The git commit of the working directory, when it is inside a repository. */
  gitCommit: string | null;
  /** A hash of the run's configuration: equal hashes measured the same thing. */
  configHash: string;
  /** Measured at the start of the run; absent with --no-probe or where it could not run. */
  capacity?: CapacityProbe;
}

export type WarningKind =
  | 'threads-exceed-cores'
  | 'tasks-below-threads'
  | 'high-rme'
  | 'few-samples'
  | 'unstable'
  | 'timer-resolution'
  | 'capacity'
  | 'reference-failed';

export interface Warning {
  kind: WarningKind;
  message: string;
  /** What to do about it. */
  hint: string;
  workload?: string;
  strategy?: StrategyName;
}

export type PythonStrategy = 'threads' | 'asyncio' | 'processes' | 'to_thread';

/** One simulated strategy against its CPython twin on one workload. */
export interface FidelityRow {
  workload: string;
  kind: 'cpu' | 'io';
  simulated: StrategyName;
  real: PythonStrategy;
  /** Speedups vs sequential in each language. */
  simulatedSpeedup: number;
  realSpeedup: number;
  /** simulated ÷ real: 1 is a perfect model. */
  fidelity: number;
  /** Part of the set the simulation is expected to match within ±15%. */
  checked: boolean;
}

/** gil-bench calibrate: the simulation beside real CPython, same workloads, same machine, same run. */
export interface Calibration {
  python: { command: string; version: string; implementation: string; gil: boolean };
  threads: number;
  rows: FidelityRow[];
  /** Extra ms per I/O operation beside a CPU-bound thread, vs the I/O alone. */
  convoy: { simulatedExtraMs: number; realExtraMs: number; fidelity: number };
  /** Heartbeat p99 on the event loop, CPU work on the loop vs offloaded to threads, ms. */
  loopLag: {
    simulatedDirectP99: number;
    realDirectP99: number;
    /** Heartbeat lag with the CPU work offloaded: the median and the tail. */
    simulatedOffloadP50: number;
    realOffloadP50: number;
    simulatedOffloadP99: number;
    realOffloadP99: number;
    /** simulated ÷ real, of the median and of p99. */
    offloadFidelityP50: number;
    offloadFidelity: number;
  };
  /** CPython's process pool start-up, reported apart from the batches. */
  processStartupMs: number;
  /** The row whose fidelity is farthest from 1. */
  worst: { workload: string; simulated: StrategyName; real: PythonStrategy; fidelity: number } | null;
}

export interface SuiteResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'gil-bench'; version: string };
  suite: RunConfig['suite'];
  startedAt: string;
  finishedAt: string;
  /** True when the run was interrupted: only the cells measured so far are here. */
  partial: boolean;
  config: RunConfig;
  environment: Environment;
  cells: CellResult[];
  warnings: Warning[];
  /** Present on results of `gil-bench calibrate`. */
  calibration?: Calibration;
}
