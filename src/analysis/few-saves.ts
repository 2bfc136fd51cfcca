/**
 * The saved-baseline gate before the history can measure the spread between runs (fewer than
 * HISTORY_MIN saves): judged on each run's own rounds, which say nothing of how far a runner moves
 * between runs. A speedup of work that only computes cancels the runner's speed within each run
 * (sequential runs in the same rounds), so it may fail the gate; a time, even in yardsticks, moves
 * with the machine between runs by more than any run's rounds show, so a time that reads worse is
 * undecided (exit 3) until the saves can say by how much, and the decision says how many saves that
 * takes.
 */
import type { CellChange, ChangeLabel, Comparison, MetricChange, SuiteResult } from '../results/types.js';
import { compareResults, type CompareSettings } from './compare.js';
import { decide } from './decision.js';
import { HISTORY_MIN } from './history-compare.js';
import { heldCores } from './held-cores.js';
import { profileOf } from './facts.js';
import { completedReferenceOf } from '../results/reference.js';
import { THRESHOLDS as T } from './thresholds.js';
import { cellId } from '../results/cell-id.js';

const SEVERITY: Record<ChangeLabel, number> = { regressed: 3, inconclusive: 2, improved: 1, unchanged: 0 };

/** What a time that read worse waits for: the saves the spread between runs needs. */
function savesNeeded(saves: number, baseline: string): string {
  const more = Math.max(1, HISTORY_MIN - saves);
  return `${more} more save${more === 1 ? '' : 's'} of the baseline (--save-baseline ${baseline || 'NAME'})`;
}

/**
 * Why a metric that reads worse cannot fail the gate here, or undefined where it may: a time always
 * (it moves with the machine between runs); a speedup of work that waits (the waits keep their
 * length while the computing moves with the runner's speed, so the ratio moves too: async on
 * word-count read 2.7× in one run and 2.2× in the next of the same code); and a speedup where other
 * programs held cores in either run (the strategies lose to them unevenly).
 */
function heldBack(
  metric: MetricChange,
  waitShare: number,
  busy: string | undefined,
  needs: string,
): string | undefined {
  if (metric.label !== 'regressed') return undefined;
  const worse = `${Math.abs(Math.round(metric.change * 100))}%`;
  if (metric.metric === 'time')
    return `${worse} slower in this run's rounds, but a time moves between runs by more than a run's rounds show: ${needs} would measure by how much`;
  if (waitShare >= T.waitsMatter)
    return `${worse} lower, but the work waits ${Math.round(waitShare * 100)}% of its time: the waits keep their length while the computing moves with the runner's speed, so a speedup moves between runs too, and ${needs} would measure by how much`;
  return busy === undefined
    ? undefined
    : `${worse} lower, but ${busy}: a speedup moves with them, and ${needs} would measure by how much`;
}

/** The larger share of its time the cell's work waited, in either run; 0 where unmeasured. */
function waitShareOf(id: string, runs: readonly SuiteResult[]): number {
  const shares = runs.map((run) => {
    const cell = run.cells.find((c) => cellId(c) === id);
    return cell ? (profileOf(completedReferenceOf(run.cells, cell)).waitShare ?? 0) : 0;
  });
  return Math.max(0, ...shares);
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
    const waits = waitShareOf(change.id, [base, head]);
    const metrics = change.metrics.map((m): MetricChange => {
      const reason = heldBack(m, waits, busy, needs);
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
      `judged on each run's own rounds, the spread between runs unmeasured (${history}): only speedups of work that does not wait, which cancel the runner's speed within a run, may fail the gate, and only where no other program held the cores; what else reads worse is undecided until ${needs}, or gate with run --against`,
    ],
  };
}
