import { analyse } from '../analysis/analyse.js';
import type { SuiteResult } from '../results/types.js';
import { compareHistory } from '../analysis/history-compare.js';
import { compareWithFewSaves } from '../analysis/few-saves.js';
import { DEFAULTS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import { judgesOnHistory, type GatePlan, type PairedAdvisor } from './advisor.js';
import { headCells } from './pair-cells.js';
import type { PairsScheduled } from './pairs.js';
import { roundTo } from '../support/round.js';

/**
 * A measured run with its conclusions: verdicts, warnings and the summary; its label; and, against
 * a baseline, the comparison (part of the result, so every format carries it). A stopped run is
 * not compared: its cells are incomplete.
 */
export function conclude(
  measured: SuiteResult,
  { label, gate, looks = 1 }: { label?: string; gate?: GatePlan; looks?: number } = {},
): SuiteResult {
  const analysed = analyse(measured);
  const labelled = label === undefined ? analysed : { ...analysed, label };
  if (!gate || labelled.partial) return labelled;
  if (judgesOnHistory(gate)) {
    const settings = { metrics: gate.settings.metrics, thresholdPct: gate.settings.thresholdPct, baseline: gate.name };
    return { ...labelled, comparison: compareHistory(gate.history ?? [], labelled, settings) };
  }
  const saves = gate.history?.length ?? 0;
  return {
    ...labelled,
    comparison: compareWithFewSaves(gate.base, labelled, gate.settings, gate.name, looks, saves),
  };
}

/**
 * An A/B run as a result: the head version's cells over every pair (its tables, verdicts and
 * summary, as any run's), and the comparison of the two versions, judged at the last look taken.
 */
export function concludePaired(
  config: RunConfig,
  scheduled: PairsScheduled,
  advisor: PairedAdvisor,
  { label }: { label?: string } = {},
): SuiteResult {
  const start = scheduled.run;
  const estimator = start.config.estimator ?? DEFAULTS.estimator;
  const head = config.workloads[0];
  const measured: SuiteResult = {
    ...start,
    partial: scheduled.stopped === 'signal',
    // Pairs run a fixed number of rounds each, under no time budget.
    config: { ...start.config, tasks: scheduled.tasks, timeMs: 0 },
    cells: headCells(scheduled.pairs, estimator),
    ...(scheduled.sizing
      ? { sizing: [{ ...scheduled.sizing, ...(head?.ioRatio !== undefined ? { ioRatio: head.ioRatio } : {}) }] }
      : {}),
  };
  const analysed = conclude(measured, label === undefined ? {} : { label });
  // More rounds come from more pairs here, not from --max-iterations or --time.
  const concluded = {
    ...analysed,
    warnings: analysed.warnings.map((w) =>
      w.kind === 'high-rme'
        ? { ...w, hint: 'something else is using the CPU: close it, or raise --pairs for more' }
        : w,
    ),
  };
  if (measured.partial || scheduled.pairs.length === 0) return concluded;
  const comparison = advisor.judge(scheduled.pairs, scheduled.looks);
  const spent = { spentSeconds: roundTo(scheduled.spentMs / 1000, 1), budgetSeconds: scheduled.budgetMs / 1000 };
  return {
    ...concluded,
    comparison: comparison.design ? { ...comparison, design: { ...comparison.design, ...spent } } : comparison,
  };
}
