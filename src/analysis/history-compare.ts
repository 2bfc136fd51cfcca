/**
 * The saved-baseline gate, judged on a history: the last few saves of a baseline give the spread
 * between runs of the same code on this runner (pooled over a workload's metrics of one kind, for
 * degrees of freedom), and this run is judged as one more draw from it. A change the runner's own
 * spread between runs explains cannot fail the gate, however tight each run's own rounds are.
 */
import { cellId } from '../results/cell-id.js';
import { yardstickOf } from '../results/reference.js';
import type { CompareMetric, Comparison, SuiteResult } from '../results/types.js';
import { meanSpread } from '../stats/welch.js';
import { seriesOf } from './compare.js';
import { decide, describeDifferences } from './decision.js';
import { byCell, FAMILY_RATE, familyLevels, judgeFamily, type Evidence } from './family.js';
import { heldCores } from './held-cores.js';

/** Saves below this give no spread worth judging on: the within-run gate judges, and says so. */
export const HISTORY_MIN = 3;

export interface HistorySettings {
  metrics: readonly CompareMetric[];
  thresholdPct: number;
  baseline: string;
}

interface Figures {
  id: string;
  metric: CompareMetric;
  workload: string;
  saved: number[];
  head: number;
  /** The head run's own squared standard error of its typical round. */
  headD: number;
  unit: Evidence['unit'];
  rounds: number;
  headRounds: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function figuresOf(history: readonly SuiteResult[], head: SuiteResult, metrics: readonly CompareMetric[]): Figures[] {
  const out: Figures[] = [];
  for (const cell of head.cells) {
    if (cell.state !== 'completed') continue;
    const id = cellId(cell);
    const runs = [...history, head];
    const inYardsticks = runs.every((run) => {
      const same = run.cells.find((c) => cellId(c) === id);
      return same !== undefined && yardstickOf(run, same) !== undefined;
    });
    for (const metric of metrics) {
      if (metric === 'speedup' && cell.strategy === 'sequential') continue;
      const series = runs.map((run) => {
        const same = run.cells.find((c) => cellId(c) === id);
        return same?.state === 'completed' ? seriesOf(run, id, metric, inYardsticks) : undefined;
      });
      const headSeries = series[series.length - 1];
      const saved = series
        .slice(0, -1)
        .filter((s) => s !== undefined && s.logs.length > 0)
        .map((s) => Math.log((s as NonNullable<typeof s>).value));
      if (!headSeries || headSeries.logs.length === 0 || saved.length === 0) continue;
      const signed = (x: number): number => (metric === 'speedup' ? -x : x);
      out.push({
        id,
        metric,
        workload: cell.workload,
        saved: saved.map(signed),
        head: signed(Math.log(headSeries.value)),
        headD: meanSpread(headSeries.logs)?.d ?? 0,
        unit: headSeries.unit,
        rounds: series.slice(0, -1).reduce((n, s) => n + (s?.logs.length ?? 0), 0),
        headRounds: headSeries.logs.length,
      });
    }
  }
  return out;
}

/** The pooled variance between saved runs, and its degrees of freedom, for each workload and metric kind. */
function pooledSpread(figures: readonly Figures[]): Map<string, { variance: number; df: number }> {
  const sums = new Map<string, { ss: number; df: number }>();
  for (const f of figures) {
    if (f.saved.length < 2) continue;
    const m = mean(f.saved);
    const key = `${f.workload} ${f.metric}`;
    const sum = sums.get(key) ?? { ss: 0, df: 0 };
    sum.ss += f.saved.reduce((s, x) => s + (x - m) ** 2, 0);
    sum.df += f.saved.length - 1;
    sums.set(key, sum);
  }
  return new Map([...sums].map(([key, { ss, df }]) => [key, { variance: ss / df, df }]));
}

/** This run against the saved runs of a baseline, every metric at once. */
export function compareHistory(
  history: readonly SuiteResult[],
  head: SuiteResult,
  settings: HistorySettings,
): Comparison {
  const figures = figuresOf(history, head, settings.metrics);
  const pooled = pooledSpread(figures);
  const evidence: Evidence[] = figures.map((f) => {
    const spread = pooled.get(`${f.workload} ${f.metric}`);
    const k = f.saved.length;
    const center = mean(f.saved);
    // This run is one more draw: its distance from the saves' mean varies by the spread between
    // runs, by the mean's own uncertainty, and by this run's own rounds.
    const se = spread ? Math.sqrt(spread.variance * (1 + 1 / k) + f.headD) : Number.NaN;
    const worse = f.head - center;
    const unsign = (x: number): number => Math.exp(f.metric === 'speedup' ? -x : x);
    return {
      id: f.id,
      metric: f.metric,
      base: unsign(center),
      head: unsign(f.head),
      unit: f.unit,
      baseRounds: f.rounds,
      headRounds: f.headRounds,
      ...(spread && spread.df >= 1
        ? { spread: { n: k + 1, df: spread.df, mean: worse, sd: Math.sqrt(spread.variance), se } }
        : {}),
      failed: `the history has ${k} save${k === 1 ? '' : 's'} of this cell: no spread between runs to judge by`,
    };
  });
  // A run beside other programs is no draw from the saves' spread: what it reads as worse waits.
  const busy = heldCores([[head, 'this run']]);
  const judged = judgeFamily(evidence, { thresholdPct: settings.thresholdPct, plannedLooks: 1 }).map((m) =>
    busy && m.label === 'regressed'
      ? {
          ...m,
          label: 'inconclusive' as const,
          reason: `${Math.abs(Math.round(m.change * 100))}% worse, but ${busy}: run it again on a quieter machine`,
        }
      : m,
  );
  const changes = byCell(judged.map((m, i) => ({ ...m, id: (evidence[i] as Evidence).id })));
  const { strictest } = familyLevels(evidence.filter((e) => e.spread).length, 1);
  const last = history[history.length - 1] ?? head;
  return {
    baseline: settings.baseline,
    metrics: [...settings.metrics],
    thresholdPct: settings.thresholdPct,
    confidence: 1 - 2 * strictest,
    looks: 1,
    changes,
    design: { kind: 'history', units: history.length, correction: 'holm', familyRate: FAMILY_RATE },
    differences: describeDifferences(last, head),
    decision: decide(changes, settings.thresholdPct, 1),
  };
}
