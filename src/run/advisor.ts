/** The analysis the scheduler consults between looks: which cells to measure again. */
import type { CompareSettings } from '../analysis/compare.js';
import { GATE_LOOKS, planRounds } from '../analysis/gate.js';
import { unsettledCells } from '../analysis/settle.js';
import { DEFAULTS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import type { SuiteResult } from '../results/types.js';
import type { Advisor } from './workload-rounds.js';

/** A run judged against a baseline by the regression gate. */
export interface GatePlan {
  base: SuiteResult;
  settings: CompareSettings;
  /** The baseline's name or file, as the comparison names it. */
  name: string;
  /** When set, the gate re-measures the cells its first look cannot decide. */
  enforce: boolean;
}

/** Further rounds for unsettled cells, up to --max-iterations; with an enforced gate, its rounds too. */
export function advisorFor(config: RunConfig, gate?: GatePlan): Advisor {
  const estimator = config.estimator ?? DEFAULTS.estimator;
  const maxSamples = config.maxIterations ?? config.iterations;
  return {
    unsettled: (cells) => unsettledCells(cells, estimator, maxSamples),
    ...(gate?.enforce ? { gate: { looks: GATE_LOOKS, plan: (run) => planRounds(gate.base, run, gate.settings) } } : {}),
  };
}
