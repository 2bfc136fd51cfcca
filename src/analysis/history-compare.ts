/**
 * The saved-baseline gate, judged on a history: the last few saves of a baseline give the spread
 * between runs of the same code on this runner (pooled over a workload's metrics of one kind, for
 * degrees of freedom, save a cell whose own spread is clearly wider), and this run is judged as one
 * more draw from it. A change the runner's own spread between runs explains cannot fail the gate,
 * however tight each run's own rounds are.
 */
import { cellId } from '../results/cell-id.js';
import { yardstickOf } from '../results/reference.js';
import type { CompareMetric, Comparison, SuiteResult } from '../results/types.js';
import { fUpperTail } from '../stats/f-distribution.js';
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

interface Spread {
  variance: number;
  df: number;
}

/**
 * A cell whose own spread between saves is wider than the rest's pool with a chance below this
 * (an F test) is judged by its own: pooled, one cell that jumps between runs (async on a timer
 * workload: 12% against the others' 4%) would make every other metric of its kind look as noisy.
 */
const OWN_SPREAD_P = 0.01;

/**
 * The variance between saved runs, and its degrees of freedom, for each figure: pooled over a
 * workload's metrics of one kind, for degrees of freedom, except where a cell's own is clearly wider.
 */
function spreadsOf(figures: readonly Figures[]): Map<Figures, Spread> {
  const groups = new Map<string, Array<{ figure: Figures; ss: number; df: number }>>();
  for (const f of figures) {
    if (f.saved.length < 2) continue;
    const m = mean(f.saved);
    const key = `${f.workload} ${f.metric}`;
    const ss = f.saved.reduce((s, x) => s + (x - m) ** 2, 0);
    groups.set(key, [...(groups.get(key) ?? []), { figure: f, ss, df: f.saved.length - 1 }]);
  }
  const out = new Map<Figures, Spread>();
  const pool = (of: readonly { ss: number; df: number }[]): Spread => {
    const df = of.reduce((n, x) => n + x.df, 0);
    return { variance: of.reduce((s, x) => s + x.ss, 0) / df, df };
  };
  for (const members of groups.values()) {
    let rest = [...members];
    while (rest.length >= 2) {
      const widest = rest.reduce((w, x) => (x.ss / x.df > w.ss / w.df ? x : w));
      const others = pool(rest.filter((x) => x !== widest));
      const wider = fUpperTail(widest.ss / widest.df / others.variance, widest.df, others.df) < OWN_SPREAD_P;
      if (!wider) break;
      out.set(widest.figure, { variance: widest.ss / widest.df, df: widest.df });
      rest = rest.filter((x) => x !== widest);
    }
    const shared = pool(rest);
    for (const x of rest) out.set(x.figure, shared);
  }
  return out;
}

/** This run against the saved runs of a baseline, every metric at once. */
export function compareHistory(
  history: readonly SuiteResult[],
  head: SuiteResult,
  settings: HistorySettings,
): Comparison {
  const figures = figuresOf(history, head, settings.metrics);
  const spreads = spreadsOf(figures);
  const evidence: Evidence[] = figures.map((f) => {
    const spread = spreads.get(f);
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
