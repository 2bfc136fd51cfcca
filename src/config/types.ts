import type { OutputTarget } from './targets.js';
import type { LaneChoice } from './trace-options.js';
import type { ESTIMATORS, RunConfigData, SUITE_NAMES } from './schema.js';

export type SuiteName = (typeof SUITE_NAMES)[number];
export type RunOrder = RunConfigData['order'];
/**
 * The statistic of each cell's batch times that speedups compare: its fastest batch (noise on a
 * machine only ever adds time), or its typical one.
 */
export type Estimator = (typeof ESTIMATORS)[number];

/** A workload to run: a built-in by name, or a user's module file. */
export type WorkloadSpec = RunConfigData['workloads'][number];

/** Everything that decides what a run measures; recorded with its results. Fully validated. */
export type RunConfig = RunConfigData;

/** How results are shown and kept; not part of what is measured. */
export interface OutputOptions {
  /** Every rendering of the result: exactly one goes to stdout. */
  targets: OutputTarget[];
  color: boolean;
  /** Columns the terminal table must fit: the terminal's, or a wide default when stdout is not one. */
  width: number;
  /** Every workload's table and each strategy's reasoning, before the summary (--details). */
  details: boolean;
  /** What to call the run (--label): it names the run's column in `gil-bench merge`. */
  label?: string;
  quiet: boolean;
  save: boolean;
  resultsDir: string;
  /** --trace: where the traced batches are written, in the Chrome Trace Event Format. */
  tracePath?: string;
  /** --lanes: the traced cell whose strips are printed. */
  lanes?: LaneChoice;
}
