/**
 * The statistic of a cell's batch times that stands for it: its fastest batch (noise on a machine
 * only ever adds time), or its typical one. One choice per run, used by every figure.
 */
import { median } from './quantile.js';

export const ESTIMATORS = ['min', 'median'] as const;
export type Estimator = (typeof ESTIMATORS)[number];

/** A ratio or a value with its 95% interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

const ESTIMATE: Record<Estimator, (values: readonly number[]) => number> = {
  min: (values) => values.reduce((a, b) => Math.min(a, b), Infinity),
  median,
};

/** A set of batch times by the estimator: its fastest batch, or its median one; NaN for none. */
export function estimate(estimator: Estimator, samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : ESTIMATE[estimator](samples);
}
