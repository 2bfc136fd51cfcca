/**
 * gil-bench's programmatic API: the CLI is one client of it.
 *
 * ```ts
 * import { analyse, resolveConfig, runSuite, reporters } from 'gil-bench';
 * const { run } = resolveConfig('cpu', { quick: true }, { env: {}, stdoutIsTTY: false, cwd: process.cwd(), availableParallelism: 2 });
 * const result = analyse(await runSuite(run)); // measured, then concluded: verdicts and warnings
 * ```
 */
export { runSuite, type RunHooks } from './run/run-suite.js';
export type { ProgressEvent } from './run/types.js';
export type { CellTrace } from './engine/protocol.js';
export { analyse } from './analysis/analyse.js';
export { checkShapes, type ShapeCheck } from './analysis/check.js';
export { resolveConfig, type RawOptions, type ProcessFacts } from './config/resolve.js';
export type { RunConfig, OutputOptions, SuiteName, WorkloadSpec, Estimator } from './config/types.js';
export { DEFAULTS, QUICK, LIMITS } from './config/defaults.js';
export { reporters, findReporter, type Reporter, type RenderOptions } from './reporters/index.js';
export { saveResult } from './results/store.js';
export { SCHEMA_VERSION } from './results/types.js';
export type {
  SuiteResult,
  CellResult,
  CellState,
  Stats,
  Interval,
  LockMetrics,
  Environment,
  Warning,
  Verdict,
  CellFacts,
  Timeline,
  ThreadTimeline,
} from './results/types.js';
export { strategies } from './strategies/registry.js';
export type { StrategyName, Strategy, StrategyInfo } from './strategies/types.js';
export { builtinWorkloads } from '../workloads/index.js';
export type { Workload, WorkloadKind, TaskContext, SizeName, InputOptions, WorkloadSetup } from '../workloads/types.js';
export { UsageError, WorkerCrashError, TaskTimeoutError, EXIT } from './errors.js';
