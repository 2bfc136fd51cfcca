import { analyse } from '../analysis/analyse.js';
import { compareResults } from '../analysis/compare.js';
import type { SuiteResult } from '../results/types.js';
import type { GatePlan } from './advisor.js';

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
  return { ...labelled, comparison: compareResults(gate.base, labelled, gate.settings, gate.name, looks) };
}
