import type { CellResult, SuiteResult } from '../results/types.js';
import { LOCKED_STRATEGIES, PYTHON_NAMES, type GilMode, type StrategyName } from '../strategies/names.js';
import { profileOf } from './facts.js';
import { completedReferenceOf } from '../results/reference.js';
import { runtimeLabel, unlocked } from '../results/cell-id.js';
import { THRESHOLDS as T } from './thresholds.js';

export type { Sweep, SweepSeries } from '../results/types.js';
import type { Sweep, SweepSeries } from '../results/types.js';

/** Differences below this share of the smaller speedup are noise, not an overtaking. */
const MARGIN = 0.05;

function speedupOf(cell: CellResult | undefined): number | null {
  return cell?.state === 'completed' ? (cell.speedup?.value ?? null) : null;
}

function intervalOf(cell: CellResult | undefined): Interval {
  return cell?.state === 'completed' && cell.speedup ? { low: cell.speedup.low, high: cell.speedup.high } : null;
}

/** A point of a sweep in words: "2 threads", "25% I/O"; `short` for column heads: "2 thr". */
export function pointLabel(parameter: Sweep['parameter'], x: number, short = false): string {
  if (parameter === 'io-ratio') return `${Math.round(x * 100)}% I/O`;
  return short ? `${x} thr` : `${x} thread${x === 1 ? '' : 's'}`;
}

/**
 * The best speedup t threads could give this workload on these cores: the part of its sequential
 * run that did not compute (share w: its waits and gaps) overlaps up to t at once, its computing up
 * to the cores (Amdahl's law over the two parts). Linear in t for waiting work, capped at the cores
 * for computing.
 */
export function idealSpeedup(threads: number, waitShare: number, cores: number, tasks: number): number {
  const waits = Math.min(threads, tasks);
  const compute = Math.min(threads, cores, tasks);
  return 1 / ((1 - waitShare) / compute + waitShare / waits);
}

/**
 * The share of a workload's sequential run that did not compute: 1 − its busy cores (CPU time ÷
 * wall time), which counts every wait whether or not it went through `ctx.io`; from the timed
 * waits where the CPU time was not measured.
 */
export function waitShareOf(reference: CellResult | undefined): number | undefined {
  if (reference?.host && reference.stats && reference.stats.median > 0)
    return Math.max(0, 1 - Math.min(1, reference.host.cpuMsPerBatch / reference.stats.median));
  return profileOf(reference).waitShare;
}

type Interval = { low: number; high: number } | null;

/** +1 when a is clearly ahead of b, −1 when b is, 0 within noise: by a margin, and with intervals apart. */
function lead(a: number, b: number, ai: Interval | undefined, bi: Interval | undefined): number {
  if (a > b * (1 + MARGIN) && (!ai || !bi || ai.low > bi.high)) return 1;
  return b > a * (1 + MARGIN) && (!ai || !bi || bi.low > ai.high) ? -1 : 0;
}

/**
 * One strategy overtaking others between two points of a sweep: where the straight lines between
 * the points cross (I/O ratios), or the first point where it is ahead (thread counts).
 */
export interface Crossing {
  strategy: string;
  /** The strategies it overtakes there. */
  others: string[];
  /** Where, in the sweep's parameter: an interpolated I/O ratio, or a thread count. */
  x: number;
  /** Where, in points of the sweep: 1.5 is halfway between the second and the third point. */
  index: number;
  /** The overtaking strategy's speedup there (on its straight line between the two points). */
  y: number;
  /** "above 54% I/O", "from 2 threads". */
  at: string;
  /**
   * The others pulled ahead of `strategy` rather than it overtaking them: a strategy with no threads
   * (async) cannot overtake by threads, so where it leads, the threaded ones fell behind it.
   */
  behind?: boolean;
}

/**
 * Where one strategy overtakes others: a strategy that was behind or level at one point and
 * clearly ahead at the next. I/O ratios are interpolated; thread counts are not.
 */
export function crossingsOf(
  parameter: Sweep['parameter'],
  points: readonly number[],
  series: readonly SweepSeries[],
): Crossing[] {
  const overtakes = new Map<string, Crossing>();
  const real = series.filter((s) => s.name !== 'ideal');
  for (const a of real) {
    for (const b of real) {
      if (a === b) continue;
      for (let i = 0; i + 1 < points.length; i++) {
        const [a0, a1, b0, b1] = [a.values[i], a.values[i + 1], b.values[i], b.values[i + 1]];
        if (
          a0 === null ||
          a0 === undefined ||
          a1 === null ||
          a1 === undefined ||
          b0 === null ||
          b0 === undefined ||
          b1 === null ||
          b1 === undefined
        )
          continue;
        if (
          lead(a0, b0, a.intervals?.[i], b.intervals?.[i]) > 0 ||
          lead(a1, b1, a.intervals?.[i + 1], b.intervals?.[i + 1]) <= 0
        )
          continue;
        const x0 = points[i] as number;
        const x1 = points[i + 1] as number;
        // Where the straight lines between the two points cross (at x0 when they were level there).
        const t = parameter === 'threads' ? 1 : a0 >= b0 ? 0 : (b0 - a0) / (b0 - a0 + (a1 - b1));
        const x = x0 + (x1 - x0) * t;
        const at = parameter === 'threads' ? `from ${pointLabel(parameter, x1)}` : `above ${pointLabel(parameter, x)}`;
        // A strategy with no threads (async) cannot overtake anything by threads: the others fell behind it.
        const behind = parameter === 'threads' && !a.threaded;
        const [subject, other] = behind ? [b.name, a.name] : [a.name, b.name];
        const key = `${subject}\u0000${at}\u0000${behind ? 'behind' : 'ahead'}`;
        const known = overtakes.get(key);
        if (known) known.others.push(other);
        else
          overtakes.set(key, {
            strategy: subject,
            others: [other],
            x,
            index: i + t,
            y: a0 + (a1 - a0) * t,
            at,
            ...(behind ? { behind: true } : {}),
          });
      }
    }
  }
  return [...overtakes.values()];
}

/** A crossing in words: "async overtakes workers above 54% I/O", "gil-threads falls behind async from 2 threads". */
export function crossingWords(crossing: Crossing, series: readonly SweepSeries[] = []): string {
  const shown = (name: string): string => series.find((s) => s.name === name)?.label ?? name;
  const others = crossing.others.map(shown);
  const list = others.length === 1 ? others[0] : `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}`;
  return `${shown(crossing.strategy)} ${crossing.behind ? 'falls behind' : 'overtakes'} ${list} ${crossing.at}`;
}

/** Where one strategy overtakes others, in words. */
export function findCrossovers(
  parameter: Sweep['parameter'],
  points: readonly number[],
  series: readonly SweepSeries[],
): string[] {
  return crossingsOf(parameter, points, series).map((crossing) => crossingWords(crossing, series));
}

/** Each strategy's speedups at the points, picked from the cells by `at`. */
function seriesFor(
  cells: readonly CellResult[],
  points: readonly number[],
  at: (point: number, name: StrategyName) => CellResult | undefined,
): SweepSeries[] {
  const names = [...new Set(cells.map((c) => c.strategy))].filter((n) => n !== 'sequential');
  return names.map((name) => {
    const picked = points.map((point) => at(point, name));
    const python = cells.filter((c) => c.strategy === name).every((c) => c.runtime);
    return {
      name,
      ...(python ? { label: PYTHON_NAMES[name] } : {}),
      threaded: threadedIn(cells, name),
      values: picked.map(speedupOf),
      intervals: picked.map(intervalOf),
    };
  });
}

/** The sweeps in a result: over thread counts when several were run, over I/O ratios likewise. */
export function sweepsOf(result: SuiteResult): Sweep[] {
  const sweeps: Sweep[] = [];
  const cores = result.environment.availableParallelism;
  const threads = [...result.config.threads].sort((a, b) => a - b);
  const workloads = [...new Set(result.cells.map((c) => c.workload))];
  if (threads.length > 1) {
    // One sweep per workload and interpreter: a calibration runs a workload in CPython and in the simulation.
    const runtimes = [...new Set(result.cells.map((c) => runtimeLabel(c)))];
    for (const [workload, runtime] of workloads.flatMap((w) => runtimes.map((r) => [w, r] as const))) {
      const cells = result.cells.filter(
        (c) => c.workload === workload && c.ioRatio === undefined && runtimeLabel(c) === runtime,
      );
      if (cells.length === 0) continue;
      const reference = cells[0] ? completedReferenceOf(cells, cells[0]) : undefined;
      // What does not compute (waits, and the loop's own gaps) overlaps with the threads; computing,
      // with the cores.
      const waitShare = waitShareOf(reference) ?? 0;
      const tasks = reference?.tasks ?? result.config.tasks;
      const ideal: SweepSeries = {
        name: 'ideal',
        threaded: true,
        values: threads.map((t) => Math.round(idealSpeedup(t, waitShare, cores, tasks) * 100) / 100),
      };
      const series = [ideal, ...seriesFor(cells, threads, (t, name) => pick(cells, name, t))];
      const beyond = beyondIdeal(cells, threads, ideal.values);
      const short = shortOfIdeal(cells, threads, ideal.values, cores, result.config.gil);
      sweeps.push({
        workload,
        ...(runtime !== undefined ? { runtime } : {}),
        parameter: 'threads',
        points: threads,
        series,
        crossovers: findCrossovers('threads', threads, series),
        ...(beyond.length > 0 ? { beyondIdeal: beyond } : {}),
        ...(short.length > 0 ? { shortOfIdeal: short } : {}),
      });
    }
  }
  const ratios = [...new Set(result.cells.map((c) => c.ioRatio).filter((r): r is number => r !== undefined))].sort(
    (a, b) => a - b,
  );
  if (ratios.length > 1) {
    const cells = result.cells.filter((c) => c.ioRatio !== undefined);
    const maxThreads = Math.max(...threads);
    const at = (r: number, name: StrategyName): CellResult | undefined =>
      pick(
        cells.filter((c) => c.ioRatio === r),
        name,
        maxThreads,
      );
    const series = seriesFor(cells, ratios, at);
    sweeps.push({
      workload: cells[0]?.workload ?? 'ratio',
      parameter: 'io-ratio',
      points: ratios,
      series,
      crossovers: findCrossovers('io-ratio', ratios, series),
    });
  }
  return sweeps;
}

/**
 * Each pool's point above the ideal, said with what its cell measured: the ideal is a model from
 * sequential's busy share, so a point above it is either a measurement fault (the verdict names
 * the batch), waits that ran shorter together than alone, or an interval that reaches back to it.
 */
function beyondIdeal(
  cells: readonly CellResult[],
  threads: readonly number[],
  ideal: readonly (number | null)[],
): string[] {
  const out: string[] = [];
  for (const cell of cells) {
    const at = threads.indexOf(cell.threads);
    const top = ideal[at];
    const speedup = cell.state === 'completed' ? cell.speedup : undefined;
    if (!speedup || top === null || top === undefined || at < 0 || !threadedIn(cells, cell.strategy)) continue;
    if (!(speedup.value > top * (1 + MARGIN))) continue;
    const where = `${nameOf(cell)} at ${pointLabel('threads', cell.threads)}: ${speedup.value.toFixed(2)}× against an ideal of ${top.toFixed(2)}×`;
    const ratio = cell.verdict?.facts.waitRatio;
    const why =
      cell.verdict?.class === 'measurement-fault'
        ? `a measurement fault (${cell.verdict.reason.replace(/; not a gain: run it again$/, '')})`
        : ratio !== undefined && ratio < 0.95
          ? `its waits ran ${ratio.toFixed(2)}× as long as alone, which the ideal does not count`
          : speedup.low <= top
            ? 'its interval reaches back to the ideal'
            : speedup.value <= top * T.faultMargin
              ? `within the ${Math.round((T.faultMargin - 1) * 100)}% the ideal (a model from sequential's busy share) leaves`
              : "beyond the ideal's model: sequential's busy share, which it counts as computing, held work that overlapped too";
    out.push(`${where}: ${why}`);
  }
  return out;
}

/** Below this share of the ideal (its whole interval), a pool has stopped scaling. */
const SCALING = 0.8;

/**
 * Where each pool stops scaling: its first thread count whose whole interval lies below 80% of the
 * ideal, with the reason its cell measured. Fewer cores busy than the threads could keep: they
 * waited (for a lock, the GIL, or I/O) or met the machine's cores; as many busy with no gain: the
 * threads got in each other's way (contention on shared objects, locks in the code, or memory).
 */
function shortOfIdeal(
  cells: readonly CellResult[],
  threads: readonly number[],
  ideal: readonly (number | null)[],
  cores: number,
  gil: GilMode,
): string[] {
  const out: string[] = [];
  for (const name of [...new Set(cells.map((c) => c.strategy))].filter((n) => threadedIn(cells, n))) {
    const cell = threads
      .map((t) => cells.find((c) => c.strategy === name && c.threads === t && c.state === 'completed'))
      .find((c, i) => {
        const top = ideal[i];
        return (
          c?.speedup !== undefined &&
          c.threads > 1 &&
          top !== null &&
          top !== undefined &&
          c.speedup.high < top * SCALING
        );
      });
    const top = cell ? ideal[threads.indexOf(cell.threads)] : undefined;
    if (!cell?.speedup || top === null || top === undefined) {
      const levelled = levelsOffAtCores(cells, name, threads, cores);
      if (levelled) out.push(levelled);
      continue;
    }
    const facts = cell.verdict?.facts;
    const busy = facts?.busyCores;
    const could = Math.min(cell.threads, cores);
    const where = `${nameOf(cell)} stops scaling at ${pointLabel('threads', cell.threads)}: ${cell.speedup.value.toFixed(2)}× against an ideal of ${top.toFixed(2)}×`;
    const lock = cell.verdict?.class === 'lock-serialised' || cell.verdict?.class === 'lock-battle';
    const why = lock
      ? `only one thread at a time can hold the ${cell.runtime ? 'GIL' : 'lock'}`
      : busy === undefined
        ? 'no cores-busy figure to say why'
        : busy < SCALING * could
          ? `${busy.toFixed(1)} of ${could} cores busy: the threads waited (${waitedFor(cell, gil)})${cell.threads > cores ? `, and ${cell.threads} threads share ${cores} cores` : ''}`
          : `${busy.toFixed(1)} cores busy, yet no faster: the threads got in each other's way (contention on shared objects or locks in the code, or on memory)`;
    out.push(`${where}: ${why}`);
  }
  return out;
}

/**
 * A pool that scaled as far as the cores and no further: "threading gains no more past 2 threads:
 * 1.89× at 4 threads against 1.85× at 2: the machine has 2 cores". Undefined where it never ran
 * more threads than cores, or still gained beyond them.
 */
function levelsOffAtCores(
  cells: readonly CellResult[],
  name: StrategyName,
  threads: readonly number[],
  cores: number,
): string | undefined {
  const at = (t: number) => cells.find((c) => c.strategy === name && c.threads === t && c.state === 'completed');
  const full = at(cores);
  const beyond = threads.filter((t) => t > cores).map(at);
  const last = beyond[beyond.length - 1];
  if (!full?.speedup || !last?.speedup || full.speedup.value <= 1) return undefined;
  // No more than the noise beyond the cores: its interval reaches back to the value at the core count.
  if (last.speedup.low > full.speedup.value * LEVEL_MARGIN) return undefined;
  return `${nameOf(last)} gains no more past ${pointLabel('threads', cores)}: ${last.speedup.value.toFixed(2)}× at ${pointLabel('threads', last.threads)} against ${full.speedup.value.toFixed(2)}× at ${pointLabel('threads', cores)}: the machine has ${cores} cores`;
}

/** A speedup beyond the cores within this of the one at the core count has levelled off. */
const LEVEL_MARGIN = 1.1;

/** What threads that kept few cores busy may have waited for: the GIL or the simulated lock only where there is one. */
function waitedFor(cell: CellResult, gil: GilMode): string {
  const strategyLock = LOCKED_STRATEGIES.includes(cell.strategy) && !unlocked(cell, gil);
  return strategyLock
    ? `for a lock in the code, ${cell.runtime ? 'the GIL' : 'the simulated lock'} or I/O`
    : 'for a lock in the code or I/O';
}

/** A strategy as a Python run calls it (threading, a process pool), else by its own name. */
const nameOf = (cell: CellResult): string => (cell.runtime ? PYTHON_NAMES[cell.strategy] : cell.strategy);

/** True when the strategy ran at several thread counts (it uses a pool). */
function threadedIn(cells: readonly CellResult[], name: StrategyName): boolean {
  return new Set(cells.filter((c) => c.strategy === name).map((c) => c.threads)).size > 1;
}

/** A strategy's cell at a thread count; main-thread strategies have one cell that holds at every count. */
function pick(cells: readonly CellResult[], name: StrategyName, threads: number): CellResult | undefined {
  const own = cells.filter((c) => c.strategy === name);
  return threadedIn(cells, name) ? own.find((c) => c.threads === threads) : own[0];
}
