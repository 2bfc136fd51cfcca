import { mannWhitneyP, median, ratioOf } from '../stats/summary.js';
import { cellId as idOf } from './cell-id.js';
import type { CellResult, SuiteResult } from './types.js';
import { referenceOf } from './reference.js';
import { roundRatios } from '../stats/paired.js';

export type CompareMetric = 'speedup' | 'time';
export type ChangeLabel = 'improved' | 'regressed' | 'unchanged' | 'inconclusive';

/** One cell, before and after. */
export interface CellChange {
  /** `primes/gil-threads/2t`. */
  id: string;
  metric: CompareMetric;
  /** Median of the metric's samples in each run (speedup ×, or batch time in ms). */
  base: number;
  head: number;
  /** Relative change of the median, as a fraction (+0.1 = 10% higher), with its 95% bootstrap interval. */
  change: number;
  low: number;
  high: number;
  /** Mann–Whitney U test, two-sided. */
  p: number;
  label: ChangeLabel;
  /** Why it is inconclusive, or what failed. */
  reason?: string;
}

export interface Comparison {
  metric: CompareMetric;
  /** Changes smaller than this (%) count as unchanged. */
  thresholdPct: number;
  changes: CellChange[];
  /** How the two runs differ in machine or configuration, one line each. */
  differences: string[];
}

/** Fewer samples than this in either run cannot support a significance test. */
export const MIN_COMPARE_SAMPLES = 3;
const ALPHA = 0.05;
/** The bootstrap's seed: the same two runs always give the same interval. */
const SEED = 20261125;

/**
 * Per-round speedups: sequential's batch time ÷ the cell's, paired by the round each was measured
 * in. Strategies take turns within a round, so both times share the machine's state, and the
 * runner's speed cancels out.
 */
function speedupsByRound(result: SuiteResult, cell: CellResult): number[] {
  const reference = referenceOf(result.cells, cell);
  return reference ? roundRatios(reference, cell) : [];
}

function label(
  worse: { change: number; low: number; high: number },
  p: number,
  thresholdPct: number,
  n: [number, number],
): Pick<CellChange, 'label' | 'reason'> {
  const threshold = thresholdPct / 100;
  if (Math.min(...n) < MIN_COMPARE_SAMPLES)
    return {
      label: 'inconclusive',
      reason: `too few samples (${n[0]} and ${n[1]}; need ${MIN_COMPARE_SAMPLES} in each)`,
    };
  if (p < ALPHA) {
    if (worse.change >= threshold) return { label: 'regressed' };
    if (-worse.change >= threshold) return { label: 'improved' };
    return { label: 'unchanged' };
  }
  // Only the worse side matters to a gate: "at most 4% worse" is settled, however much better it may be.
  if (worse.high < threshold) return { label: 'unchanged' };
  const describe = (x: number): string => `${Math.abs(x * 100).toFixed(0)}% ${x < 0 ? 'better' : 'worse'}`;
  return {
    label: 'inconclusive',
    reason: `too noisy: the change could be anywhere from ${describe(worse.low)} to ${describe(worse.high)} (95% interval), past ±${thresholdPct}%`,
  };
}

/** Lines naming how two runs differ in machine or configuration. */
export function describeDifferences(base: SuiteResult, head: SuiteResult): string[] {
  const lines: string[] = [];
  const envKeys = ['node', 'platform', 'arch', 'cpuModel', 'availableParallelism', 'cgroupCpuLimit'] as const;
  for (const key of envKeys) {
    if (base.environment[key] !== head.environment[key])
      lines.push(`environment.${key}: ${String(base.environment[key])} → ${String(head.environment[key])}`);
  }
  // Either run may lack a key that a newer version added. The estimator shapes only the speedups a
  // run shows; compare works from the samples themselves.
  const configKeys = new Set([...Object.keys(base.config), ...Object.keys(head.config)] as Array<
    keyof SuiteResult['config']
  >);
  configKeys.delete('estimator');
  for (const key of configKeys) {
    const a = JSON.stringify(base.config[key]) ?? '(absent)';
    const b = JSON.stringify(head.config[key]) ?? '(absent)';
    if (a !== b) lines.push(`config.${key}: ${a} → ${b}`);
  }
  return lines;
}

/**
 * Compares two runs cell by cell. The default metric, speedup vs sequential within each run,
 * cancels out the runner's own speed; `time` compares absolute batch times. A change is regressed or
 * improved only when it is both significant (Mann–Whitney U, p < 0.05) and at least the threshold.
 */
export function compareResults(
  base: SuiteResult,
  head: SuiteResult,
  options: { metric: CompareMetric; thresholdPct: number },
): Comparison {
  const changes: CellChange[] = [];
  for (const cell of head.cells) {
    const id = idOf(cell);
    // Sequential's speedup is 1 by definition: nothing to compare.
    if (options.metric === 'speedup' && cell.strategy === 'sequential') continue;
    const before = base.cells.find((c) => idOf(c) === id);
    if (!before) continue;
    const failed = [before, cell].find((c) => c.state !== 'completed');
    if (failed) {
      changes.push({
        id,
        metric: options.metric,
        base: NaN,
        head: NaN,
        change: NaN,
        low: NaN,
        high: NaN,
        p: NaN,
        label: 'inconclusive',
        reason: `${failed === before ? 'base' : 'head'} cell ${failed.state}`,
      });
      continue;
    }
    const a = options.metric === 'speedup' ? speedupsByRound(base, before) : before.samples;
    const b = options.metric === 'speedup' ? speedupsByRound(head, cell) : cell.samples;
    // Medians and ranks: one batch hit by a vanished core moves neither much.
    const ratio = ratioOf('median', b, a, SEED);
    const relative = { change: ratio.value - 1, low: ratio.low - 1, high: ratio.high - 1 };
    const p = mannWhitneyP(a, b);
    // Worse is a lower speedup, or a longer time.
    const worse =
      options.metric === 'speedup' ? { change: -relative.change, low: -relative.high, high: -relative.low } : relative;
    changes.push({
      id,
      metric: options.metric,
      base: median(a),
      head: median(b),
      ...relative,
      p,
      ...label(worse, p, options.thresholdPct, [a.length, b.length]),
    });
  }
  return {
    metric: options.metric,
    thresholdPct: options.thresholdPct,
    changes,
    differences: describeDifferences(base, head),
  };
}

/** The gate's decision: 1 if anything regressed, else 3 if anything could not be decided, else 0. */
export function gateExitCode(comparison: Comparison): 0 | 1 | 3 {
  if (comparison.changes.some((c) => c.label === 'regressed')) return 1;
  return comparison.changes.some((c) => c.label === 'inconclusive') ? 3 : 0;
}
