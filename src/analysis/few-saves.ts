/**
 * The saved-baseline gate before the history can measure the spread between runs (fewer than
 * HISTORY_MIN saves): judged on each run's own rounds, which say nothing of how far a runner moves
 * between runs. A speedup cancels the runner's speed within each run (sequential runs in the same
 * rounds), so it may fail the gate; a time, even in yardsticks, moves with the machine between
 * runs by more than any run's rounds show, so a time that reads worse is undecided (exit 3) until
 * the saves can say by how much, and the decision says how many saves that takes.
 */
import type { CellChange, ChangeLabel, Comparison, MetricChange, SuiteResult } from '../results/types.js';
import { compareResults, type CompareSettings } from './compare.js';
import { decide } from './decision.js';
import { HISTORY_MIN } from './history-compare.js';
import { heldCores } from './held-cores.js';

const SEVERITY: Record<ChangeLabel, number> = { regressed: 3, inconclusive: 2, improved: 1, unchanged: 0 };

/** What a time that read worse waits for: the saves the spread between runs needs. */
function savesNeeded(saves: number, baseline: string): string {
  const more = Math.max(1, HISTORY_MIN - saves);
  return `${more} more save${more === 1 ? '' : 's'} of the baseline (--save-baseline ${baseline || 'NAME'})`;
}

/**
 * Why a metric that reads worse cannot fail the gate here, or undefined where it may: a time always
 * (it moves with the machine between runs), a speedup where other programs held cores in either
 * run (the strategies lose to them unevenly, so the runner's state no longer cancels).
 */
function heldBack(metric: MetricChange, busy: string | undefined, needs: string): string | undefined {
  if (metric.label !== 'regressed') return undefined;
  const worse = `${Math.abs(Math.round(metric.change * 100))}%`;
  if (metric.metric === 'time')
    return `${worse} slower in this run's rounds, but a time moves between runs by more than a run's rounds show: ${needs} would measure by how much`;
  return busy === undefined
    ? undefined
    : `${worse} lower, but ${busy}: a speedup moves with them, and ${needs} would measure by how much`;
}

/** A run against a baseline of `saves` saves (fewer than HISTORY_MIN): only speedups may fail it. */
export function compareWithFewSaves(
  base: SuiteResult,
  head: SuiteResult,
  settings: CompareSettings,
  baseline: string,
  looks: number,
  saves: number,
): Comparison {
  const comparison = compareResults(base, head, settings, baseline, looks);
  const needs = savesNeeded(saves, baseline);
  const busy = heldCores([
    [base, 'the baseline'],
    [head, 'this run'],
  ]);
  let held = false;
  const changes: CellChange[] = comparison.changes.map((change) => {
    const metrics = change.metrics.map((m): MetricChange => {
      const reason = heldBack(m, busy, needs);
      if (reason === undefined) return m;
      held = true;
      return { ...m, label: 'inconclusive', reason };
    });
    const label = metrics.reduce<ChangeLabel>((w, m) => (SEVERITY[m.label] > SEVERITY[w] ? m.label : w), 'unchanged');
    return { ...change, label, metrics };
  });
  const decision = decide(changes, settings.thresholdPct, looks);
  const history = saves === 0 ? 'no history of saves' : `${saves} save${saves === 1 ? '' : 's'} in the history`;
  return {
    ...comparison,
    changes,
    decision:
      held && decision.exitCode === 3
        ? { ...decision, summary: `${decision.summary}; judged after ${needs}` }
        : decision,
    notes: [
      `judged on each run's own rounds, the spread between runs unmeasured (${history}): only speedups, which cancel the runner's speed within a run, may fail the gate, and only where no other program held the cores; what else reads worse is undecided until ${needs}, or gate with run --against`,
    ],
  };
}
