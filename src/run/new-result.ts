import { DEFAULTS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import { collectEnvironment } from '../measure/environment.js';
import { SCHEMA_VERSION } from '../results/version.js';
import type { SuiteResult } from '../results/types.js';
import { VERSION } from '../version.js';

/**
 * A run's result before any cell: the tool, the configuration with its estimator resolved (a
 * result without one reads as medians, as older versions wrote), the machine, the start. Both
 * owners of a run (the scheduler, the A/B pair loop's conclusion) begin from it.
 */
export function newResult(config: RunConfig, startedAt: Date): SuiteResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'gil-bench', version: VERSION },
    suite: config.suite,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    partial: false,
    config: { ...config, estimator: config.estimator ?? DEFAULTS.estimator },
    environment: collectEnvironment(config),
    cells: [],
    warnings: [],
  };
}
