import type { SizeName } from '../../workloads/types.js';
import type { Estimator } from './types.js';

/** Defaults, chosen so a default `gil-bench cpu` takes about a minute on 2 cores. */
export const DEFAULTS = {
  tasks: 8,
  size: 'm' as SizeName,
  iterations: 5,
  warmup: 1,
  warmupMs: 200,
  seed: 42,
  /** CPython's default, `sys.getswitchinterval()` = 0.005 s. */
  switchIntervalMs: 5,
  taskTimeoutMs: 60_000,
  /** Speedups compare each cell's fastest batch. */
  estimator: 'min' as Estimator,
} as const;

/** Relative margin of error, %, above which a cell's estimate has not settled: it gets further rounds, and a warning. */
export const MAX_RME = 5;

/** What `--quick` changes: the smallest sizes and few iterations. */
export const QUICK = {
  tasks: 4,
  size: 's' as SizeName,
  iterations: 3,
  warmup: 1,
  warmupMs: 100,
} as const;

/** Hard limits for validated options; documented in `--help`. */
export const LIMITS = {
  maxThreads: 64,
  maxTasks: 10_000,
  maxIterations: 1000,
  maxWarmup: 100,
  minSwitchIntervalMs: 0.1,
  maxSwitchIntervalMs: 1000,
  maxTaskTimeoutMs: 3_600_000,
  maxTimeMs: 3_600_000,
  minWorkerMemoryMb: 16,
  maxWorkerMemoryMb: 65_536,
} as const;
