import type { SizeName } from '../../workloads/types.js';
import type { Estimator } from './types.js';

/**
 * Defaults, chosen so a default `gil-bench cpu` takes well under a minute on 2 cores. Batches are
 * sized by time: short ones, so that sequential's batch and each cell's batch of a round meet the
 * machine in the same state, and many of them, so that each workload can stop when it has settled.
 */
export const DEFAULTS = {
  /** The fewest tasks of a batch sized by time, per thread of the largest thread count. */
  tasksPerThread: 2,
  /** Tasks per batch of a workload whose batch is not sized by time (its inputs ignore --tasks). */
  tasks: 8,
  size: 'xs' as SizeName,
  /** A sequential batch takes about this long, ms; each workload's task count is chosen to fit. */
  batchMs: 50,
  /** Each workload's share of the timed time, ms: --time is this times the number of workloads. */
  workloadTimeMs: 4500,
  iterations: 5,
  /** With a time budget, a cell's batches are capped here as well. */
  maxIterations: 50,
  warmup: 1,
  warmupMs: 150,
  seed: 42,
  /** CPython's default, `sys.getswitchinterval()` = 0.005 s. */
  switchIntervalMs: 5,
  taskTimeoutMs: 60_000,
  /** Speedups compare each cell's fastest batch. */
  estimator: 'min' as Estimator,
} as const;

/** Relative margin of error, %, above which a cell's estimate has not settled: it gets further rounds, and a warning. */
export const MAX_RME = 5;

/**
 * What `--quick` changes: a first look of about 3 s of timed batches for `cpu` on any host. The
 * smallest size, short batches of one task per thread, and one warm-up pass per pool (the main
 * thread counts its two sizing passes); a thread still settling shows in the timed batches' trend.
 */
export const QUICK = {
  tasks: 4,
  tasksPerThread: 1,
  size: 'xs' as SizeName,
  batchMs: 15,
  workloadTimeMs: 400,
  iterations: 5,
  warmup: 1,
  warmupMs: 0,
} as const;

/**
 * What `--quick` changes further for a CPython module. Its batches are at least 100 ms (a process
 * pool's floor), so five of them leave no room for the rounds that settle a cell: on a 2-core
 * machine whose second core comes and goes, five gave threads under the GIL 1.47× in one run of
 * seven. A first look gets a budget for further rounds of the cells still unsettled, and a
 * warm-up in which the interpreter specialises its code.
 */
export const QUICK_PYTHON = { workloadTimeMs: 3000, warmupMs: 200 } as const;

/**
 * What `--quick` changes further for a user's JavaScript module: a library's code keeps getting
 * faster in a fresh thread for hundreds of milliseconds (a Markdown renderer's first timed half
 * read 74% slower than its second after one warm-up pass, and its workers 0.24× against 1.01×
 * in a full run); 400 ms of warm-up per strategy brought the first look in line with the full run.
 */
export const QUICK_MODULE = { warmupMs: 400 } as const;

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

export const ALTERNATIONS = ['rounds', 'processes'] as const;
export type Alternation = (typeof ALTERNATIONS)[number];

/**
 * The A/B run's defaults: pairs before the first look, the looks it may take in all, the seconds
 * it may spend on further looks for metrics still undecided, and the warm-up of each
 * engine (one pass per thread and no more: every pair starts both versions afresh, and turns taken
 * A B B A cancel a steady warming trend, so a longer warm-up would mostly cost time). Here rather
 * than in against.ts, so that the help can state them without loading the checks.
 */
export const AGAINST_DEFAULTS = {
  pairs: 6,
  looks: 5,
  budgetSeconds: 60,
  alternation: 'rounds' as Alternation,
  warmupMs: 0,
};
