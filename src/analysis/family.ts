/**
 * Many metrics judged at once, each on a spread measured between units (process pairs, or saved
 * runs): one-sided tests against no change (or a floor) and against the threshold, corrected with Holm's
 * method so that each claim ("regressed", "unchanged") errs on any metric at most at the family's
 * rate, spent over the looks a gate may take (Bonferroni across looks: half at the first, which
 * decides most gates, the rest evenly over the further ones, which have more pairs). A `cpu` run judges
 * dozens of metrics: uncorrected, one of them would read as a change on unchanged code in most runs.
 */
import type { CellChange, ChangeLabel, CompareMetric, MetricChange } from '../results/types.js';
import { holmRejectionLevels } from '../stats/holm.js';
import { detectableChange, pairPValues, worseBounds, type PairSpread } from '../stats/pair-test.js';

/** The rate each claim errs at over every metric and every look. */
export const FAMILY_RATE = 0.05;

/** What one metric of one cell brings to the family: its figures and its spread between units. */
export interface Evidence {
  id: string;
  metric: CompareMetric;
  base: number;
  head: number;
  unit: MetricChange['unit'];
  baseRounds: number;
  headRounds: number;
  /** The worse-positive log ratio's spread between units; absent when it cannot be judged. */
  spread?: PairSpread | undefined;
  /** Why it cannot be judged, when it cannot. */
  failed?: string;
}

export interface FamilySettings {
  thresholdPct: number;
  /** Looks the gate may take in all: their rates add up to FAMILY_RATE (lookRate). */
  plannedLooks: number;
  /** The look being judged, from 1. */
  look?: number;
  /**
   * The share of the threshold a change must surely pass to be claimed (0: surely any change).
   * The A/B gate asks half: surely worse at all is not enough where pairs spread widely (an A/A's
   * +19%, +2…+38%, against 15%).
   */
  floor?: number;
}

/** The rate spent at look `look` (from 1) of `planned`: half at the first, the rest evenly after. */
export function lookRate(planned: number, look = 1): number {
  if (planned <= 1) return FAMILY_RATE;
  return look <= 1 ? FAMILY_RATE / 2 : FAMILY_RATE / (2 * (planned - 1));
}

/** The level of a look, and the strictest level Holm tests at among `m` metrics. */
export function familyLevels(m: number, plannedLooks: number, lookIndex = 1): { look: number; strictest: number } {
  const look = lookRate(plannedLooks, lookIndex);
  return { look, strictest: look / Math.max(1, m) };
}

/**
 * The threshold on the worse-positive log scale: a speedup `pct` lower is ln(1 / (1 − pct)), a time
 * `pct` longer is ln(1 + pct), as the within-run gate reads a threshold.
 */
export function logThreshold(metric: CompareMetric, thresholdPct: number): number {
  const t = thresholdPct / 100;
  return metric === 'speedup' ? -Math.log(Math.max(1e-9, 1 - t)) : Math.log(1 + t);
}

/** head ÷ base − 1 from a worse-positive log ratio. */
const changeOf = (metric: CompareMetric, worse: number): number =>
  metric === 'speedup' ? Math.exp(-worse) - 1 : Math.exp(worse) - 1;

const percent = (x: number): string => `${Math.abs(x * 100).toFixed(0)}%`;

/**
 * Every metric's label, decided together. `previous` holds the metrics decided at earlier looks: a
 * decision stands once made, with the figures it was made on (each look's errors are bounded on
 * their own, so their union is too; a cell measured again for another metric does not reopen it).
 */
export function judgeFamily(
  evidence: readonly Evidence[],
  settings: FamilySettings,
  previous: ReadonlyMap<string, MetricChange> = new Map(),
): MetricChange[] {
  const judged = evidence.filter((e) => e.spread);
  const { look, strictest } = familyLevels(judged.length, settings.plannedLooks, settings.look);
  // A change is claimed only when it surely passes the floor and reads past the threshold.
  const floor = settings.floor ?? 0;
  const tests = judged.map((e) => {
    const tau = logThreshold(e.metric, settings.thresholdPct);
    return pairPValues(e.spread as PairSpread, tau, tau * floor);
  });
  const worse = holmRejectionLevels(
    tests.map((t) => t.worse),
    look,
  );
  const within = holmRejectionLevels(
    tests.map((t) => t.withinThreshold),
    look,
  );
  const better = holmRejectionLevels(
    tests.map((t) => t.better),
    look,
  );
  return evidence.map((e) => {
    const common = {
      metric: e.metric,
      base: e.base,
      head: e.head,
      unit: e.unit,
      baseRounds: e.baseRounds,
      headRounds: e.headRounds,
    };
    const kept = previous.get(`${e.id} ${e.metric}`);
    if (kept) return kept;
    const i = judged.indexOf(e);
    if (!e.spread || i < 0) {
      return {
        ...common,
        change: Number.NaN,
        low: Number.NaN,
        high: Number.NaN,
        label: 'inconclusive' as const,
        reason: e.failed ?? 'too few units to judge',
      };
    }
    const spread = e.spread;
    const change = changeOf(e.metric, spread.mean);
    const tau = logThreshold(e.metric, settings.thresholdPct);
    const detectable = detectableChange(spread, strictest, tau * floor);
    let label: ChangeLabel = 'inconclusive';
    // The interval is drawn at the level its claim was decided at, so that it agrees with the label;
    // undecided, at the strictest level, the widest.
    let level = strictest;
    const [worseAt, withinAt, betterAt] = [worse[i], within[i], better[i]];
    if (worseAt !== undefined && spread.mean >= tau) [label, level] = ['regressed', worseAt];
    else if (betterAt !== undefined && -spread.mean >= tau) [label, level] = ['improved', betterAt];
    else if (withinAt !== undefined) [label, level] = ['unchanged', withinAt];
    const bounds = worseBounds(spread, level);
    const ends = [changeOf(e.metric, Math.log1p(bounds.low)), changeOf(e.metric, Math.log1p(bounds.high))];
    // The ends as the share worse: a speedup's 1 − head/base, a time's head/base − 1.
    const share = (end: number): number => (e.metric === 'speedup' ? 1 - 1 / (1 + end) : end);
    const sided = (end: number): string => `${percent(share(end))} ${end > 0 ? 'worse' : 'better'}`;
    return {
      ...common,
      change,
      low: Math.min(...ends),
      high: Math.max(...ends),
      label,
      units: spread.n,
      spread: spread.sd,
      detectable,
      ...(label === 'inconclusive'
        ? {
            reason: `it could be anywhere from ${sided(bounds.low)} to ${sided(bounds.high)}, past ±${settings.thresholdPct}%; over ${spread.n} units this runner detects ${Number.isFinite(detectable) ? percent(detectable) : '?'} or more`,
          }
        : {}),
    };
  });
}

const SEVERITY: Record<ChangeLabel, number> = { regressed: 3, inconclusive: 2, improved: 1, unchanged: 0 };

/** Metrics grouped by cell, each cell labelled by its worst metric. */
export function byCell(metrics: ReadonlyArray<MetricChange & { id: string }>): CellChange[] {
  const cells = new Map<string, MetricChange[]>();
  for (const { id, ...metric } of metrics) cells.set(id, [...(cells.get(id) ?? []), metric]);
  return [...cells].map(([id, list]) => ({
    id,
    label: list.reduce<ChangeLabel>((worst, m) => (SEVERITY[m.label] > SEVERITY[worst] ? m.label : worst), 'unchanged'),
    metrics: list,
  }));
}
