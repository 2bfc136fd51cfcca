/**
 * The A/B comparison: both versions of a workload measured in one job, each in processes of its
 * own, a process pair the unit. Each pair gives one log ratio per metric (head over base, each
 * version's typical round in that pair), so the spread between pairs holds what separate
 * processes differ by (JIT, GC, where the threads landed) as well as the batches' own noise: an
 * A/A run does not read one process's luck as a change.
 */
import type { CellResult, Comparison, CompareMetric, MetricChange } from '../results/types.js';
import { cellId } from '../results/cell-id.js';
import { referenceOf } from '../results/reference.js';
import { roundRatios } from '../stats/paired.js';
import { pairSpread } from '../stats/pair-test.js';
import { meanSpread, withoutOutliers } from '../stats/welch.js';
import { decide } from './decision.js';
import { byCell, FAMILY_RATE, familyLevels, judgeFamily, type Evidence } from './family.js';

/** One process pair: the cells each version measured, and which ran first. */
export interface PairMeasure {
  first: 'base' | 'head';
  base: readonly CellResult[];
  head: readonly CellResult[];
  /** Each version's checksums of its reference batch, one per task. */
  checksums?: { base: readonly (number | null)[]; head: readonly (number | null)[] };
}

/** The share of the threshold a change between versions must surely pass (family.ts's floor). */
export const PAIRED_FLOOR = 0.5;

export interface PairedSettings {
  metrics: readonly CompareMetric[];
  thresholdPct: number;
  plannedLooks: number;
  /** Looks taken so far (1 after the planned pairs). */
  looks: number;
  alternation: 'rounds' | 'processes';
  /** The base version as given (its file). */
  baseline: string;
}

/**
 * A version's typical round in one pair, as a logarithm: for a speedup, the mean log ratio of its
 * rounds' pairs with sequential; for a time, the mean log batch time (a burst of noise left out).
 */
export function versionLog(cells: readonly CellResult[], id: string, metric: CompareMetric): number | undefined {
  const cell = cells.find((c) => cellId(c) === id);
  if (!cell || cell.state !== 'completed') return undefined;
  let logs: number[];
  if (metric === 'speedup') {
    const reference = referenceOf(cells, cell);
    if (!reference || reference.state !== 'completed') return undefined;
    logs = roundRatios(reference, cell).map(Math.log);
  } else logs = cell.samples.map(Math.log);
  const spread = meanSpread(logs);
  return spread ? spread.mean : logs[0];
}

/** One worse-positive log ratio per pair where both versions measured the metric. */
export function pairLogs(pairs: readonly PairMeasure[], id: string, metric: CompareMetric): number[] {
  const logs: number[] = [];
  for (const pair of pairs) {
    const b = versionLog(pair.base, id, metric);
    const h = versionLog(pair.head, id, metric);
    if (b === undefined || h === undefined) continue;
    logs.push(metric === 'speedup' ? b - h : h - b);
  }
  return logs;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** A cell that failed in either version, in any pair: its state and where. */
function failureOf(pairs: readonly PairMeasure[], id: string): string | undefined {
  for (const [i, pair] of pairs.entries()) {
    for (const side of ['base', 'head'] as const) {
      const cell = pair[side].find((c) => cellId(c) === id);
      if (cell && cell.state !== 'completed') return `${side} cell ${cell.state} in pair ${i + 1}`;
    }
  }
  return undefined;
}

function evidenceOf(pairs: readonly PairMeasure[], id: string, metric: CompareMetric): Evidence {
  const figure = (side: 'base' | 'head'): number => {
    const logs = pairs.map((p) => versionLog(p[side], id, metric)).filter((x): x is number => x !== undefined);
    return logs.length > 0 ? Math.exp(mean(logs)) : Number.NaN;
  };
  const rounds = (side: 'base' | 'head'): number =>
    pairs.reduce((n, p) => n + (p[side].find((c) => cellId(c) === id)?.samples.length ?? 0), 0);
  const failed = failureOf(pairs, id);
  // A pair hit by a burst of noise (a core gone for a second while one version took its turns) is
  // left out by the modified z-score, as a round is within a run; the rest carry the spread.
  const logs = failed ? [] : withoutOutliers(pairLogs(pairs, id, metric));
  const spread = pairSpread(logs);
  return {
    id,
    metric,
    base: figure('base'),
    head: figure('head'),
    unit: metric === 'speedup' ? '×' : 'ms',
    baseRounds: rounds('base'),
    headRounds: rounds('head'),
    ...(spread ? { spread } : {}),
    failed: failed ?? `too few pairs to judge (${logs.length}; at least 2)`,
  };
}

/** The cells of the first pair, in its order: every pair measures them, or a subset of them. */
function cellIds(pairs: readonly PairMeasure[]): CellResult[] {
  return [...(pairs[0]?.head ?? [])];
}

/**
 * Both versions judged on every metric at once, over the pairs measured so far. `previous` holds
 * the metrics decided at earlier looks.
 */
export function comparePaired(
  pairs: readonly PairMeasure[],
  settings: PairedSettings,
  previous: ReadonlyMap<string, MetricChange> = new Map(),
): Comparison {
  const evidence: Evidence[] = [];
  for (const cell of cellIds(pairs)) {
    for (const metric of settings.metrics) {
      if (metric === 'speedup' && cell.strategy === 'sequential') continue;
      evidence.push(evidenceOf(pairs, cellId(cell), metric));
    }
  }
  const judged = judgeFamily(evidence, { ...settings, look: settings.looks, floor: PAIRED_FLOOR }, previous);
  const changes = byCell(judged.map((m, i) => ({ ...m, id: (evidence[i] as Evidence).id })));
  const { strictest } = familyLevels(evidence.filter((e) => e.spread).length, settings.plannedLooks, settings.looks);
  return {
    baseline: settings.baseline,
    metrics: [...settings.metrics],
    thresholdPct: settings.thresholdPct,
    confidence: 1 - 2 * strictest,
    looks: settings.looks,
    changes,
    design: {
      kind: 'paired',
      units: pairs.length,
      correction: 'holm',
      familyRate: FAMILY_RATE,
      alternation: settings.alternation,
    },
    differences: checksumDifferences(pairs),
    decision: decide(changes, settings.thresholdPct, settings.looks),
  };
}

/** The metrics decided so far, by cell and metric, for the next look. */
export function decidedMetrics(comparison: Comparison): Map<string, MetricChange> {
  const decided = new Map<string, MetricChange>();
  for (const change of comparison.changes)
    for (const m of change.metrics) if (m.label !== 'inconclusive') decided.set(`${change.id} ${m.metric}`, m);
  return decided;
}

/** Cells with a metric still open that more pairs could settle (it has a spread, not a failure). */
export function openCells(comparison: Comparison): string[] {
  return comparison.changes
    .filter((c) => c.metrics.some((m) => m.label === 'inconclusive' && m.units !== undefined))
    .map((c) => c.id);
}

/** Where the two versions' checksums differ: they may not do the same work. */
function checksumDifferences(pairs: readonly PairMeasure[]): string[] {
  const sums = pairs.find((p) => p.checksums && p.checksums.base.length > 0)?.checksums;
  if (!sums || JSON.stringify(sums.base) === JSON.stringify(sums.head)) return [];
  const workload = pairs[0]?.head[0]?.workload ?? 'the workload';
  return [`${workload}: the two versions' results differ (their checksums), so they may not do the same work`];
}
