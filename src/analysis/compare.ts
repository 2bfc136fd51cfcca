/**
 * A run against a baseline, cell by cell, on two questions: did the strategy's speedup over
 * sequential change (the runner's speed cancels within each run), and did the cell's own time
 * change, in yardsticks (the reference kernel timed in the same rounds, so a uniformly slower runner
 * cancels too). Each change has an interval at a level spread over the looks the gate may take, so
 * re-measuring undecided cells keeps the error rate the gate claims.
 */
import { cellId } from '../results/cell-id.js';
import { decide, describeDifferences } from './decision.js';
import type {
  ChangeLabel,
  CellChange,
  Comparison,
  CompareMetric,
  MetricChange,
  SuiteResult,
} from '../results/types.js';
import { referenceOf, yardstickOf } from '../results/reference.js';
import { roundRatios } from '../stats/paired.js';
import { tCritical } from '../stats/student-t.js';
import { meanSpread, welchHalfWidth, type MeanSpread } from '../stats/welch.js';

/** The error rate the gate claims for each cell and metric, over all its looks. */
export const ALPHA = 0.05;

/**
 * Each decision is one-sided: "regressed" asks whether the cell is worse at all, "unchanged"
 * whether it is less than the threshold worse (two one-sided tests, as for equivalence). Each end
 * of an interval at 1 − 2α is a one-sided test at α, so each look's interval is taken at
 * 1 − 2 · ALPHA / looks: every decision then errs at most ALPHA over all looks (Bonferroni).
 */
export function intervalAlpha(plannedLooks: number): number {
  return (2 * ALPHA) / Math.max(1, plannedLooks);
}

/** What a comparison needs of a run: its settings, its cells, and the yardstick's times. */
export type Run = Pick<SuiteResult, 'config' | 'cells'> & { yardsticks?: SuiteResult['yardsticks'] };

export interface CompareSettings {
  metrics: readonly CompareMetric[];
  thresholdPct: number;
  /** Looks the gate may take in all (1 when it never re-measures): each tests at ALPHA / looks. */
  plannedLooks: number;
}

/** A metric's per-round values (logarithms) and its typical round, the figure compared. */
export interface Series {
  logs: number[];
  value: number;
  unit: MetricChange['unit'];
}

/**
 * The typical round (geometric mean, bursts of noise left out), the statistic Welch's interval is
 * about; the tables' fastest batch falls as a run takes more rounds, so it would make unchanged code
 * read slower against a baseline with more rounds.
 */
function typical(logs: readonly number[]): number {
  const spread = meanSpread(logs);
  return Math.exp(spread ? spread.mean : (logs[0] ?? Number.NaN));
}

function speedupSeries(run: Run, id: string): Series | undefined {
  const cell = run.cells.find((c) => cellId(c) === id);
  const reference = cell && referenceOf(run.cells, cell);
  if (!cell || !reference || reference.state !== 'completed') return undefined;
  const logs = roundRatios(reference, cell).map(Math.log);
  return { logs, value: typical(logs), unit: '×' };
}

function timeSeries(run: Run, id: string, inYardsticks: boolean): Series | undefined {
  const cell = run.cells.find((c) => cellId(c) === id);
  if (!cell) return undefined;
  const yardstick = inYardsticks ? yardstickOf(run, cell) : undefined;
  // One yardstick figure for the whole run: the kernel's own batch-to-batch noise, paired round by
  // round, would add to the cell's; what a slower runner does to both is a factor for the whole run.
  const unit = yardstick ? typical(yardstick.samples.map(Math.log)) : 1;
  const logs = cell.samples.map((s) => Math.log(s / unit));
  return { logs, value: typical(logs), unit: yardstick ? 'yardsticks' : 'ms' };
}

/** A metric's per-round values and its typical round, for one cell of a run. */
export function seriesOf(run: Run, id: string, metric: CompareMetric, inYardsticks: boolean): Series | undefined {
  return metric === 'speedup' ? speedupSeries(run, id) : timeSeries(run, id, inYardsticks);
}

/**
 * head ÷ base − 1 of the typical rounds, with Welch's interval (at two-sided level 1 − alpha) on the
 * log scale, a round hit by a burst of noise left out first; undefined with fewer than two rounds on
 * a side.
 */
export function changeInterval(
  base: Series,
  head: Series,
  alpha: number,
): { change: number; low: number; high: number } | undefined {
  const half = welchHalfWidth(base.logs, head.logs, alpha);
  if (half === undefined) return undefined;
  const ratio = head.value / base.value;
  return { change: ratio - 1, low: ratio * Math.exp(-half) - 1, high: ratio * Math.exp(half) - 1 };
}

const percent = (x: number): string => `${Math.abs(x * 100).toFixed(0)}%`;

/**
 * The label a change earns. "Worse" is a lower speedup or a longer time. Regressed: worse for sure
 * (the interval excludes no change) and by at least the threshold; improved, the same the other way;
 * unchanged: it cannot be worse by the threshold; inconclusive otherwise.
 */
export function judge(
  metric: CompareMetric,
  interval: { change: number; low: number; high: number },
  thresholdPct: number,
): { label: ChangeLabel; reason?: string } {
  const threshold = thresholdPct / 100;
  // The worse fraction: for a speedup 1 − head/base, for a time head/base − 1.
  const [w, wLow, wHigh] =
    metric === 'speedup'
      ? [-interval.change, -interval.high, -interval.low]
      : [interval.change, interval.low, interval.high];
  if (wLow > 0 && w >= threshold) return { label: 'regressed' };
  if (wHigh < 0 && -w >= threshold) return { label: 'improved' };
  if (wHigh < threshold) return { label: 'unchanged' };
  const side = (x: number): string => `${percent(x)} ${x < 0 ? 'better' : 'worse'}`;
  return {
    label: 'inconclusive',
    reason: `it could be anywhere from ${side(wLow)} to ${side(wHigh)}, past ±${thresholdPct}%`,
  };
}

/** More rounds than this for one look are not worth a cell's while: the noise is too high to decide. */
const MOST_ROUNDS = 30;

/**
 * Rounds a metric still needs: enough that its interval (at the look's level) could end on one side
 * of the threshold, given the spread measured so far (each side's squared standard error of its
 * mean, which shrinks as 1/n). Undefined when more head rounds cannot help: the baseline's
 * own spread is already wider than the margin to decide.
 */
export function roundsNeeded(
  base: MeanSpread,
  baseRounds: number,
  head: MeanSpread,
  headRounds: number,
  worse: number,
  thresholdPct: number,
  alpha: number,
): number | undefined {
  const threshold = Math.log(1 + thresholdPct / 100);
  // To be unchanged the interval must end below the threshold; to regress, above no change.
  const margin = worse >= threshold ? worse : threshold - worse;
  const t = tCritical(Math.max(2, baseRounds + headRounds - 2), alpha);
  const allowed = (margin / t) ** 2 - base.d;
  if (!(allowed > 0)) return undefined;
  const total = Math.ceil((head.d * headRounds) / allowed);
  return Math.min(MOST_ROUNDS, Math.max(2, total - headRounds));
}

const SEVERITY: Record<ChangeLabel, number> = { regressed: 3, inconclusive: 2, improved: 1, unchanged: 0 };

/** One cell on every metric the settings ask for; undefined where the baseline lacks the cell. */
export function compareCell(base: Run, head: Run, id: string, settings: CompareSettings): CellChange | undefined {
  const before = base.cells.find((c) => cellId(c) === id);
  const after = head.cells.find((c) => cellId(c) === id);
  if (!before || !after) return undefined;
  const alpha = intervalAlpha(settings.plannedLooks);
  // Time in yardsticks only where both runs timed one; else absolute times, which a runner's speed moves.
  const inYardsticks = Boolean(yardstickOf(base, before) && yardstickOf(head, after));
  const metrics: MetricChange[] = [];
  for (const metric of settings.metrics) {
    if (metric === 'speedup' && after.strategy === 'sequential') continue;
    const failed = [before, after].find((c) => c.state !== 'completed');
    const b = failed ? undefined : seriesOf(base, id, metric, inYardsticks);
    const h = failed ? undefined : seriesOf(head, id, metric, inYardsticks);
    const interval = b && h ? changeInterval(b, h, alpha) : undefined;
    const common = {
      metric,
      base: b?.value ?? Number.NaN,
      head: h?.value ?? Number.NaN,
      unit: h?.unit ?? (metric === 'speedup' ? '×' : 'ms'),
      baseRounds: b?.logs.length ?? 0,
      headRounds: h?.logs.length ?? 0,
    } as const;
    if (!interval) {
      const reason = failed
        ? `${failed === before ? 'base' : 'head'} cell ${failed.state}`
        : `too few rounds to judge (${common.baseRounds} and ${common.headRounds}; at least 2 on each side)`;
      metrics.push({ ...common, change: Number.NaN, low: Number.NaN, high: Number.NaN, label: 'inconclusive', reason });
      continue;
    }
    const { change, low, high } = interval;
    const verdict = judge(metric, interval, settings.thresholdPct);
    if (
      verdict.label === 'inconclusive' &&
      b &&
      h &&
      baselineTooNoisy(b, h, metric, change, settings.thresholdPct, alpha)
    ) {
      verdict.reason += '; the baseline alone is too noisy to settle it: save it again with more --iterations';
    }
    metrics.push({ ...common, change, low, high, ...verdict });
  }
  if (metrics.length === 0) return undefined;
  const label = metrics.reduce<ChangeLabel>(
    (worst, m) => (SEVERITY[m.label] > SEVERITY[worst] ? m.label : worst),
    'unchanged',
  );
  return { id, label, metrics };
}

/** True when no number of head rounds could decide: the baseline's own spread is wider than the margin. */
function baselineTooNoisy(
  base: Series,
  head: Series,
  metric: CompareMetric,
  change: number,
  thresholdPct: number,
  alpha: number,
): boolean {
  const bs = meanSpread(base.logs);
  const hs = meanSpread(head.logs);
  const worse = metric === 'speedup' ? -Math.log(1 + change) : Math.log(1 + change);
  return Boolean(
    bs && hs && roundsNeeded(bs, base.logs.length, hs, head.logs.length, worse, thresholdPct, alpha) === undefined,
  );
}

/** Compares two runs, every cell both have. */
export function compareResults(
  base: SuiteResult,
  head: SuiteResult,
  settings: CompareSettings,
  baseline = '',
  looks = 1,
): Comparison {
  const changes = head.cells
    .map((cell) => compareCell(base, head, cellId(cell), settings))
    .filter((c): c is CellChange => c !== undefined);
  return {
    baseline,
    metrics: [...settings.metrics],
    thresholdPct: settings.thresholdPct,
    confidence: 1 - intervalAlpha(settings.plannedLooks),
    looks,
    changes,
    differences: describeDifferences(base, head),
    decision: decide(changes, settings.thresholdPct, looks),
  };
}
