import type { Estimator } from '../config/types.js';
import { cellTitle, strategyTitle } from '../results/cell-id.js';
import { MAIN_THREAD_STRATEGIES, PYTHON_NAMES, type StrategyName } from '../strategies/names.js';
import { estimatorOf } from '../results/estimator.js';
import type { CellResult, Stats, SuiteResult } from '../results/types.js';

export interface CellGroup {
  /** The workload, with its parameter when it has one ("ratio (I/O 25%)"). */
  title: string;
  kind: CellResult['kind'];
  cells: CellResult[];
}

/** Cells grouped by workload (and parameter), in the order they ran. */
export function byWorkload(result: SuiteResult): CellGroup[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of result.cells) {
    const title = cellTitle(cell);
    const list = groups.get(title) ?? [];
    list.push(cell);
    groups.set(title, list);
  }
  return [...groups].map(([title, cells]) => ({ title, kind: cells[0]?.kind ?? 'cpu', cells }));
}

/** The batch time a run's speedups are computed from, so a table's times and speedups agree. */
export interface Headline {
  /** Column name: "fastest" or "median"; `title` is the same, capitalised. */
  head: string;
  title: string;
  time(stats: Stats): number;
}

export const HEADLINES: Record<Estimator, Headline> = {
  min: { head: 'fastest', title: 'Fastest', time: (stats) => stats.min },
  median: { head: 'median', title: 'Median', time: (stats) => stats.median },
};

export function headline(result: SuiteResult): Headline {
  return HEADLINES[estimatorOf(result)];
}

/** The completed cell with the lowest headline time, if any. */
export function fastest(cells: readonly CellResult[], { time }: Headline): CellResult | undefined {
  let best: CellResult | undefined;
  let bestTime = Infinity;
  for (const cell of cells) {
    if (cell.state !== 'completed' || !cell.stats || time(cell.stats) >= bestTime) continue;
    best = cell;
    bestTime = time(cell.stats);
  }
  return best;
}

/**
 * The lock the run simulated, with its switch interval only where there is one; for Python
 * workloads, the interpreter that ran them and its GIL's state, as measured.
 */
export function lockMode(config: SuiteResult['config'], cells: readonly CellResult[] = []): string {
  // Each interpreter once, with its GIL's state as measured: a run may compare several.
  const runtimes = [
    ...new Set(
      cells.flatMap(({ runtime: r }) =>
        r ? [`${r.name} ${r.version}, GIL ${r.gil === null ? 'state not reported' : r.gil ? 'on' : 'off'}`] : [],
      ),
    ),
  ];
  const real = runtimes.length > 0 ? runtimes.join(' · ') : undefined;
  if (real && cells.every((cell) => cell.runtime)) return real;
  const simulated = simulatedLocks(config);
  return real ? `${simulated} · Python workloads in ${real}` : simulated;
}

function simulatedLock(config: SuiteResult['config']): string {
  const random = config.gilWake === 'random' ? ', waking a random waiter' : '';
  if (config.gil === 'cpython') return `GIL cpython, switch interval ${config.switchIntervalMs} ms${random}`;
  if (config.gil === 'legacy') return `GIL legacy (Python 2: released and re-taken at every check)${random}`;
  return 'no GIL (free-threaded)';
}

/** The simulation's lock: the run's, and where a --twin ran in several modes, each of them. */
function simulatedLocks(config: SuiteResult['config']): string {
  const own = simulatedLock(config);
  const others = (config.twinGils ?? []).filter((gil) => gil !== config.gil);
  return others.length === 0 ? own : [own, ...others.map((gil) => simulatedLock({ ...config, gil }))].join(' and ');
}

/** "5" or "5–12": a count as measured over the cells that ran, else as configured. */
function countRange(values: readonly number[], planned: number): string {
  if (values.length === 0) return String(planned);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? String(low) : `${low}–${high}`;
}

/**
 * The timed batches each cell ran and the tasks in each batch, as measured: a time budget can stop
 * a cell early or give it further rounds, and batches sized by time differ by workload, so the
 * configured figures would contradict the notes below them.
 */
export function batchesRun(result: SuiteResult): { batches: string; tasks: string } {
  const measured = result.cells.filter((cell) => (cell.stats?.samples ?? 0) > 0);
  const count = countRange(
    measured.map((cell) => cell.stats?.samples ?? 0),
    result.config.iterations,
  );
  const tasks = countRange(
    measured.map((cell) => cell.tasks),
    result.config.tasks,
  );
  const batches = `${count} timed batch${count === '1' ? '' : 'es'}${count.includes('–') ? ' a cell' : ''}`;
  return { batches, tasks: `${tasks} tasks per batch` };
}

/** A strategy as the run's tables call it (gil-threads with no lock to take is threads). */
export function shownName(strategy: StrategyName, result: SuiteResult): string {
  return strategyTitle(strategy, result.cells, result.config.gil);
}

/** A cell's strategy as its row calls it: a Python cell's in Python's words, else as the run's tables do. */
export function shownNameOf(cell: CellResult, result: SuiteResult): string {
  return cell.runtime ? PYTHON_NAMES[cell.strategy] : shownName(cell.strategy, result);
}

/** "threads ×2", "to_thread ×2": a cell's strategy as its row calls it, at its thread count. */
export function shownLabel(cell: CellResult, result: SuiteResult): string {
  const name = shownNameOf(cell, result);
  return MAIN_THREAD_STRATEGIES.includes(cell.strategy) ? name : `${name} ×${cell.threads}`;
}
