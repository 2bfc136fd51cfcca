/** The analysis the scheduler consults between looks: which cells to measure again. */
import type { CompareSettings } from '../analysis/compare.js';
import { GATE_LOOKS, planRounds } from '../analysis/gate.js';
import { HISTORY_MIN } from '../analysis/history-compare.js';
import {
  comparePaired,
  decidedMetrics,
  openCells,
  type PairedSettings,
  type PairMeasure,
} from '../analysis/paired-compare.js';
import { unsettledCells } from '../analysis/settle.js';
import { DEFAULTS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import type { Comparison, MetricChange, SuiteResult } from '../results/types.js';
import type { PairAdvisor } from './pairs.js';
import type { Advisor } from './workload-rounds.js';

/** A run judged against a baseline by the regression gate. */
export interface GatePlan {
  base: SuiteResult;
  settings: CompareSettings;
  /** The baseline's name or file, as the comparison names it. */
  name: string;
  /** When set, the gate re-measures the cells its first look cannot decide. */
  enforce: boolean;
  /**
   * The baseline's saves, oldest first: with HISTORY_MIN or more, the gate judges on the spread
   * between them, and more rounds of this run cannot settle what that spread leaves open.
   */
  history?: SuiteResult[];
}

/** True when the gate judges on the history of saves rather than on each run's own rounds. */
export function judgesOnHistory(gate: GatePlan): boolean {
  return (gate.history?.length ?? 0) >= HISTORY_MIN;
}

/** Further rounds for unsettled cells, up to --max-iterations; with an enforced gate, its rounds too. */
export function advisorFor(config: RunConfig, gate?: GatePlan): Advisor {
  const estimator = config.estimator ?? DEFAULTS.estimator;
  const maxSamples = config.maxIterations ?? config.iterations;
  return {
    unsettled: (cells) => unsettledCells(cells, estimator, maxSamples),
    ...(gate?.enforce && !judgesOnHistory(gate)
      ? { gate: { looks: GATE_LOOKS, plan: (run) => planRounds(gate.base, run, gate.settings) } }
      : {}),
  };
}

/**
 * The paired gate's say between looks: the cells more pairs could settle. It keeps the labels
 * decided at each look, since a decision stands once made; the run's conclusion reads them.
 */
export class PairedAdvisor implements PairAdvisor {
  readonly decided = new Map<string, MetricChange>();

  constructor(private readonly settings: Omit<PairedSettings, 'looks'>) {}

  /** The comparison at look `look`, its decisions kept for the next. */
  judge(pairs: readonly PairMeasure[], look: number): Comparison {
    const comparison = comparePaired(pairs, { ...this.settings, looks: look }, this.decided);
    for (const [key, metric] of decidedMetrics(comparison)) this.decided.set(key, metric);
    return comparison;
  }

  /**
   * None once a metric has regressed: a decision stands, so the gate's exit is settled and more
   * pairs would only spend time on metrics that cannot change it.
   */
  open(pairs: readonly PairMeasure[], look: number): string[] {
    const comparison = this.judge(pairs, look);
    return comparison.decision.exitCode === 1 ? [] : openCells(comparison);
  }
}
