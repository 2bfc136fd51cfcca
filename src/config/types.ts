import type { SizeName } from '../../workloads/types.js';
import type { GilMode } from '../strategies/gil/lock.js';
import type { StrategyName } from '../strategies/types.js';
import type { OutputTarget } from './targets.js';

export type SuiteName = 'cpu' | 'io' | 'mixed' | 'all' | 'run' | 'calibrate';
export type RunOrder = 'interleaved' | 'sequential';
/**
 * The statistic of each cell's batch times that speedups compare: its fastest batch (noise on a
 * machine only ever adds time), or its typical one.
 */
export type Estimator = 'min' | 'median';

/** A workload to run: a built-in by name, or a user's module file. */
export interface WorkloadSpec {
  name: string;
  /** Absolute path of a user workload module. */
  file?: string;
  /** For the synthetic `ratio` workload: the share of each round spent waiting. */
  ioRatio?: number;
}

/** Everything that decides what a run measures; recorded with its results. Fully validated. */
export interface RunConfig {
  suite: SuiteName;
  workloads: WorkloadSpec[];
  /** Always includes sequential, the reference for speedups. */
  strategies: StrategyName[];
  /** Thread counts; more than one makes a sweep. */
  threads: number[];
  /** Tasks per batch. */
  tasks: number;
  size: SizeName;
  /** Timed batches per strategy (a minimum when timeMs is set). */
  iterations: number;
  /** Time budget per strategy and workload, ms: batches continue until both it and iterations are met. 0 = none. */
  timeMs: number;
  /**
   * Timed batches a cell may reach when its relative margin of error stays over 5%: noisy cells get
   * further rounds. Absent in results of older versions, which ran exactly `iterations`.
   */
  maxIterations?: number;
  /** Untimed warm-up passes per strategy before timing: one task per thread each. */
  warmup: number;
  /** Warm-up passes continue until each strategy has also spent this long warming up, ms. */
  warmupMs: number;
  seed: number;
  gil: GilMode;
  switchIntervalMs: number;
  /** 0 = no limit. */
  taskTimeoutMs: number;
  /** Heap limit of each worker thread, MB; 0 = V8's default. A thread that runs out is replaced and its task errored. */
  workerMemoryMb: number;
  order: RunOrder;
  /** What speedups compare. Absent in results of older versions, whose speedups are ratios of medians. */
  estimator?: Estimator;
  /** Measure free cores before the run (the parallel-capacity probe). */
  probe: boolean;
}

/** How results are shown and kept; not part of what is measured. */
export interface OutputOptions {
  /** Every rendering of the result: exactly one goes to stdout. */
  targets: OutputTarget[];
  color: boolean;
  quiet: boolean;
  save: boolean;
  resultsDir: string;
}
