import type { Estimator } from '../config/types.js';
import type { SuiteResult } from './types.js';

/** What a result's speedups compare. Results of older versions have no estimator: theirs are ratios of medians. */
export function estimatorOf(result: Pick<SuiteResult, 'config'>): Estimator {
  return result.config.estimator ?? 'median';
}
