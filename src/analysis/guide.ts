/**
 * `gil-bench guide`: "threads or asyncio?" decided from one run's sweep over the share of waiting.
 * At each point of the sweep each strategy gains, is flat, or cannot be told, from its speedup's 95%
 * interval alone; each region of the sweep (mostly computing, half and half, mostly waiting) gets
 * one decision from its points, and its sentence cites the figures it rests on, the figures the
 * chart above it draws.
 */
import type { CellResult, SuiteResult } from '../results/types.js';
import type { StrategyName } from '../strategies/names.js';
import { runtimeLabel } from '../results/cell-id.js';
import { completedReferenceOf } from '../results/reference.js';
import { waitShareOf, type Sweep } from './sweep.js';
import { THRESHOLDS as T } from './thresholds.js';

/** One strategy's speedup at one point, with its 95% interval. */
export interface Standing {
  name: StrategyName;
  value: number;
  low: number;
  high: number;
}

/**
 * What one strategy's interval at one point says: it gains (the whole interval above 1×, by the
 * verdicts' margin); it is flat (no gain, and the interval rules out a gain worth having); or this
 * run cannot tell.
 */
export type Status = 'gains' | 'flat' | 'unsure';

export function statusOf(s: Standing): Status {
  // Above 1 as printed, too: a low end of 1.004 reads "1.00", which no sentence may call a gain.
  if (Math.round(s.low * 100) > 100 && s.value >= T.practicalRatio) return 'gains';
  return s.high < T.undecidedGain ? 'flat' : 'unsure';
}

export interface Region {
  /** "mostly computing", "half and half", "mostly waiting". */
  name: string;
  /** The I/O shares of its points, in order. */
  points: number[];
  /** Each strategy's standing at each of the region's points. */
  standings: Standing[][];
  /** The decision, then what it rests on. */
  sentence: string;
}

/** A workload of the user's, placed on the sweep by its measured share of waiting. */
export interface Placed {
  workload: string;
  runtime?: string;
  /** Share of its sequential run not on the CPU, 0–1. */
  waitShare?: number;
  /** The sweep's region whose points lie nearest that share. */
  region?: number;
  standings: Standing[];
  sentence: string;
}

export interface Guide {
  regions: Region[];
  workloads: Placed[];
}

/** What each strategy is in Python, as the guide says it. */
export const PYTHON_WORDS: Record<StrategyName, string> = {
  sequential: 'a plain loop',
  'gil-threads': 'threads',
  async: 'asyncio',
  workers: 'processes',
  'async-offload': 'to_thread',
};

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * The regions of a sweep: its points mostly computing (under half waiting), half and half, and
 * mostly waiting. Fixed by the share, not by one run's noisy figures, so that two runs compare
 * region by region; what each region's figures decide is the run's own.
 */
export const REGIONS = [
  { name: 'mostly computing', holds: (share: number): boolean => share < 0.5 },
  { name: 'half and half', holds: (share: number): boolean => share === 0.5 },
  { name: 'mostly waiting', holds: (share: number): boolean => share > 0.5 },
] as const;

/** "1.93× (1.88–1.99)", or over several points "1.61–1.94× (95% intervals 1.17–2.20)". */
function figures(list: readonly Standing[]): string {
  const values = list.map((s) => s.value);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const [low, high] = [Math.min(...list.map((s) => s.low)), Math.max(...list.map((s) => s.high))];
  // Equal as printed: one figure, not "1.89–1.89×".
  const value = lo.toFixed(2) === hi.toFixed(2) ? `${lo.toFixed(2)}×` : `${lo.toFixed(2)}–${hi.toFixed(2)}×`;
  return `${value} (${list.length > 1 ? '95% intervals ' : ''}${low.toFixed(2)}–${high.toFixed(2)})`;
}

const named = (name: StrategyName): string => `${PYTHON_WORDS[name]} (${name})`;

function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Where a strategy stands over a region, for its decision: gains or flat only where every point
 * says so; gains at one point and flat at another is `mixed`; any point this run cannot tell
 * leaves the region undecided, so that one lucky point cannot decide it.
 */
function overall(statuses: readonly Status[]): Status | 'mixed' {
  if (statuses.includes('gains') && statuses.includes('flat')) return 'mixed';
  if (statuses.includes('unsure') || statuses.length === 0) return 'unsure';
  return statuses[0] ?? 'unsure';
}

/**
 * The decision over some points: asyncio or threads first (the question asked), from where both
 * stand; then processes where only they gain; "cannot tell" where an interval is too wide.
 */
function decision(has: (name: StrategyName) => Status | 'mixed' | undefined): string {
  const async = has('async');
  const threads = has('gil-threads');
  if (async === 'gains' && threads === 'gains') return 'asyncio if the code can await, threads if it cannot';
  if (async === 'gains' && threads === 'flat') return 'asyncio, not threads';
  if (threads === 'gains' && async === 'flat') return 'threads, not asyncio';
  if (async === 'flat' && threads === 'flat')
    return has('workers') === 'gains' ? 'processes: threads and asyncio gain nothing here' : 'none of them gains here';
  if (async === 'gains') return 'asyncio; whether threads gain, this run cannot tell';
  if (threads === 'gains') return 'threads; whether asyncio gains, this run cannot tell';
  return 'this run cannot tell whether threads or asyncio gain here';
}

const STATUS_WORDS: Record<Status, string> = {
  gains: 'gained',
  flat: 'gained nothing worth having',
  unsure: 'too wide an interval to tell',
};

/** "gained at 50% and 100%: 1.57–1.93× (…), and too wide an interval to tell at 75%: 1.81× (0.92–3.56)". */
function pointByPoint(list: readonly Standing[], points: readonly number[]): string {
  const statuses = list.map(statusOf);
  return (['gains', 'flat', 'unsure'] as const)
    .filter((status) => statuses.includes(status))
    .map((status) => {
      const at = statuses.flatMap((s, i) => (s === status ? [i] : []));
      return `${STATUS_WORDS[status]} at ${listed(at.map((i) => pct(points[i] ?? 0)))}: ${figures(at.map((i) => list[i] as Standing))}`;
    })
    .join(', and ');
}

/** One sentence for some points: the decision, then every strategy's figures there, grouped by where it stands. */
function sentenceOf(byStrategy: Map<StrategyName, Standing[]>, points: readonly number[], lockWaits?: string): string {
  const statuses = new Map([...byStrategy].map(([name, list]) => [name, list.map(statusOf)]));
  const uniform = (name: StrategyName): Status | undefined => {
    const list = statuses.get(name) ?? [];
    return list.every((s) => s === list[0]) ? list[0] : undefined;
  };
  const group = (wanted: Status): StrategyName[] => [...byStrategy.keys()].filter((name) => uniform(name) === wanted);
  const cite = (names: readonly StrategyName[]): string =>
    listed(names.map((name) => `${named(name)} ${figures(byStrategy.get(name) ?? [])}`));
  const gainers = group('gains');
  const unsure = group('unsure');
  const parts = [
    ...(gainers.length > 0 ? [`${cite(gainers)} gained`] : []),
    ...(group('flat').length > 0 ? [`${cite(group('flat'))} gained nothing worth having`] : []),
    ...(unsure.length > 0
      ? [`${cite(unsure)}: too wide an interval to tell whether ${unsure.length > 1 ? 'they gain' : 'it gains'}`]
      : []),
    ...[...byStrategy.keys()]
      .filter((name) => uniform(name) === undefined)
      .map((name) => `${named(name)} ${pointByPoint(byStrategy.get(name) ?? [], points)}`),
  ];
  // Gainers whose intervals overlap at every point cannot be ranked from this run.
  const tie =
    gainers.length > 1 &&
    points.every((_, i) => {
      const at = gainers.map((name) => byStrategy.get(name)?.[i]).filter((x): x is Standing => x !== undefined);
      return Math.max(...at.map((x) => x.low)) <= Math.min(...at.map((x) => x.high));
    })
      ? ` This run cannot rank ${listed(gainers.map((n) => PYTHON_WORDS[n]))}: their 95% intervals overlap${points.length > 1 ? ' at each point' : ''}.`
      : '';
  // One gainer whose interval lies above every other gainer's, at every point, gained the most.
  const best = gainers.reduce<StrategyName | undefined>(
    (a, b) => (a === undefined || (byStrategy.get(b)?.[0]?.value ?? 0) > (byStrategy.get(a)?.[0]?.value ?? 0) ? b : a),
    undefined,
  );
  const ahead =
    best !== undefined &&
    gainers.length > 1 &&
    points.every((_, i) => {
      const own = byStrategy.get(best)?.[i];
      return gainers.every((name) => name === best || (own?.low ?? 0) > (byStrategy.get(name)?.[i]?.high ?? Infinity));
    })
      ? ` ${PYTHON_WORDS[best]} gained clearly the most: its 95% interval lies above every other's.`
      : '';
  const offload = lockWaits && (statuses.get('async-offload') ?? []).includes('gains') ? ` ${lockWaits}` : '';
  // Where asyncio or threads gain at one point and not at another, each point decides for itself.
  const mixed = (['async', 'gil-threads'] as const).some((name) => overall(statuses.get(name) ?? []) === 'mixed');
  const decided = mixed
    ? points.map((point, i) => `at ${pct(point)}, ${decision((name) => statuses.get(name)?.[i])}`).join('; ')
    : decision((name) => overall(statuses.get(name) ?? []));
  return `${decided}: ${parts.join('; ')}.${tie}${ahead}${offload}`;
}

/** Each strategy's standings, by name, in the order given. */
function byName(rows: readonly (readonly Standing[])[]): Map<StrategyName, Standing[]> {
  const map = new Map<StrategyName, Standing[]>();
  for (const row of rows) for (const s of row) map.set(s.name, [...(map.get(s.name) ?? []), s]);
  return map;
}

/** The standings at point i of a sweep: every strategy with a speedup and an interval there. */
function standingsAt(sweep: Sweep, i: number): Standing[] {
  return sweep.series.flatMap((series) => {
    const value = series.values[i];
    if (series.name === 'ideal' || value === null || value === undefined) return [];
    const interval = series.intervals?.[i] ?? { low: value, high: value };
    return [{ name: series.name, value, low: interval.low, high: interval.high }];
  });
}

/** "to_thread's threads still took turns on the lock: they waited for it 12–40% of the time." */
function lockWaitsOf(cells: readonly CellResult[]): string | undefined {
  const waits = cells.filter((c) => c.strategy === 'async-offload' && c.lock).map((c) => c.lock?.waitShare ?? 0);
  if (waits.length === 0) return undefined;
  const [lo, hi] = [Math.min(...waits), Math.max(...waits)];
  const share = lo === hi || pct(lo) === pct(hi) ? pct(lo) : `${pct(lo)}–${pct(hi)}`;
  return `to_thread runs the work off the event loop, in threads, and they took turns on the lock: they waited for it ${share} of the time.`;
}

/** The regions of an I/O-share sweep, each with the decision its points' figures make. */
export function regionsOf(sweep: Sweep, cells: readonly CellResult[] = []): Region[] {
  return REGIONS.flatMap(({ name, holds }) => {
    // A point where no strategy completed has nothing to decide from.
    const at = sweep.points.flatMap((point, i) => {
      const standings = standingsAt(sweep, i);
      return holds(point) && standings.length > 0 ? [{ point, standings }] : [];
    });
    if (at.length === 0) return [];
    const points = at.map((a) => a.point);
    const standings = at.map((a) => a.standings);
    const lock = cells.filter((c) => c.ioRatio !== undefined && points.includes(c.ioRatio));
    return [{ name, points, standings, sentence: sentenceOf(byName(standings), points, lockWaitsOf(lock)) }];
  });
}

/** The region whose points lie nearest an I/O share. */
function nearestRegion(regions: readonly Region[], share: number): number | undefined {
  let best: number | undefined;
  let distance = Infinity;
  regions.forEach((region, r) => {
    for (const point of region.points) {
      if (Math.abs(point - share) < distance) {
        distance = Math.abs(point - share);
        best = r;
      }
    }
  });
  return best;
}

/** A user's workload: its measured share of waiting, where that falls on the sweep, and its own call. */
function placed(workload: string, cells: readonly CellResult[], regions: readonly Region[]): Placed {
  const reference = cells[0] ? completedReferenceOf(cells, cells[0]) : undefined;
  const waitShare = waitShareOf(reference);
  const top = Math.max(...cells.map((c) => c.threads));
  const standings: Standing[] = cells.flatMap((c) => {
    // At the run's largest thread count; main-thread strategies have one cell.
    if (c.strategy === 'sequential' || c.state !== 'completed' || !c.speedup) return [];
    if (c.threads !== top && cells.some((o) => o.strategy === c.strategy && o.threads === top)) return [];
    return [{ name: c.strategy, value: c.speedup.value, low: c.speedup.low, high: c.speedup.high }];
  });
  const region = waitShare === undefined ? undefined : nearestRegion(regions, waitShare);
  const runtime = cells[0] ? runtimeLabel(cells[0]) : undefined;
  return {
    workload,
    ...(runtime !== undefined ? { runtime } : {}),
    ...(waitShare !== undefined ? { waitShare } : {}),
    ...(region !== undefined ? { region } : {}),
    standings,
    sentence: sentenceOf(byName([standings]), [waitShare ?? 0], lockWaitsOf(cells)),
  };
}

/** The guide of a result: the regions of its I/O-share sweep, and each workload of the user's placed on it. */
export function guideOf(result: SuiteResult): Guide | undefined {
  const sweep = (result.sweeps ?? []).find((s) => s.parameter === 'io-ratio');
  if (!sweep) return undefined;
  const regions = regionsOf(sweep, result.cells);
  const own = result.cells.filter((c) => c.ioRatio === undefined);
  const names = [...new Set(own.map((c) => c.workload))];
  return {
    regions,
    workloads: names.map((name) =>
      placed(
        name,
        own.filter((c) => c.workload === name),
        regions,
      ),
    ),
  };
}
