import { MAIN_THREAD_STRATEGIES, PYTHON_NAMES, type GilMode, type StrategyName } from '../strategies/names.js';
import type { CellResult } from './types.js';

type Named = Pick<CellResult, 'workload' | 'ioRatio' | 'strategy' | 'threads' | 'runtime' | 'variant' | 'gil'>;

/** "CPython 3.11": where a Python workload's cell ran; undefined for the Node engine's cells. */
export function runtimeLabel(cell: Pick<CellResult, 'runtime'>): string | undefined {
  if (!cell.runtime) return undefined;
  const [major, minor] = cell.runtime.version.split('.');
  return `${cell.runtime.name} ${major ?? ''}.${minor ?? ''}${cell.runtime.gil === false ? ', no GIL' : ''}`;
}

/** The simulated lock mode a cell ran under: its own where its variant set one, else the run's. */
export function gilOf(cell: Pick<CellResult, 'gil'>, gil: GilMode): GilMode {
  return cell.gil ?? gil;
}

/** "simulated, no GIL": a simulated variant's lock mode, for its title; undefined for a plain cell. */
function simulatedLabel(cell: Pick<CellResult, 'gil' | 'runtime'>): string | undefined {
  if (cell.runtime || cell.gil === undefined) return undefined;
  return cell.gil === 'none' ? 'simulated, no GIL' : `simulated GIL ${cell.gil}`;
}

type Qualified = Pick<CellResult, 'workload' | 'ioRatio' | 'runtime' | 'gil'>;

/** What sets a workload's cells apart from its others: the runtime they ran on, or their share of waiting. */
function qualifierOf(
  cell: Omit<Qualified, 'workload'>,
): { word: 'on' | 'at' | 'in' | 'under'; text: string } | undefined {
  const runtime = runtimeLabel(cell);
  if (runtime) return { word: 'on', text: runtime };
  if (!cell.runtime && cell.gil !== undefined)
    return cell.gil === 'none'
      ? { word: 'in', text: 'the simulation, no GIL' }
      : { word: 'under', text: `the simulated GIL (${cell.gil})` };
  return cell.ioRatio === undefined ? undefined : { word: 'at', text: `I/O ${Math.round(cell.ioRatio * 100)}%` };
}

/** The workload with its parameter or its runtime, when it has one: "ratio (I/O 25%)", "mine (CPython 3.11)". */
export function cellTitle(cell: Qualified): string {
  const simulated = simulatedLabel(cell);
  if (simulated) return `${cell.workload} (${simulated})`;
  const qualifier = qualifierOf(cell);
  return qualifier ? `${cell.workload} (${qualifier.text})` : cell.workload;
}

/**
 * The title inside a sentence's own parentheses, where a second pair would nest: "mine on
 * CPython 3.11", "ratio at I/O 25%".
 */
export function cellPhrase(cell: Qualified): string {
  const qualifier = qualifierOf(cell);
  return qualifier ? `${cell.workload} ${qualifier.word} ${qualifier.text}` : cell.workload;
}

/** Whether a cell ran with no lock at all: the simulation under --gil none, or a free-threaded CPython. */
export function unlocked(cell: Pick<CellResult, 'runtime' | 'gil'>, gil: GilMode): boolean {
  return cell.runtime ? !cell.runtime.gil : gilOf(cell, gil) === 'none';
}

/**
 * A strategy as the tables and sentences call it: in Python's words where every cell of it ran in
 * CPython (threading, a process pool, …); gil-threads with no lock to take is plain threads, and is
 * called so, where every cell of it ran unlocked. The result keeps its name.
 */
export function strategyTitle(
  strategy: StrategyName,
  cells: ReadonlyArray<Pick<CellResult, 'runtime' | 'strategy' | 'gil'>>,
  gil: GilMode,
): string {
  const own = cells.filter((cell) => cell.strategy === strategy);
  if (own.length > 0 && own.every((cell) => cell.runtime)) return PYTHON_NAMES[strategy];
  return strategy === 'gil-threads' && own.length > 0 && own.every((cell) => unlocked(cell, gil))
    ? 'threads'
    : strategy;
}

/** "gil-threads ×2", "threading ×2" for a Python cell: a strategy at its thread count; main-thread strategies need no count. */
export function strategyLabel(cell: Pick<CellResult, 'strategy' | 'threads' | 'runtime'>): string {
  const name = cell.runtime ? PYTHON_NAMES[cell.strategy] : cell.strategy;
  return MAIN_THREAD_STRATEGIES.includes(cell.strategy) ? name : `${name} ×${cell.threads}`;
}

/** A cell for people: "ratio (I/O 25%) / gil-threads ×2". */
export function cellLabel(cell: Named): string {
  return `${cellTitle(cell)} / ${strategyLabel(cell)}`;
}

/**
 * A stable name for a cell in CI trackers: `primes/gil-threads/2t`, `ratio@25%/async/1t`, a
 * Python workload's `cpython:mine/workers/2t` (its Node twin may share its name), and with
 * several interpreters `cpython(python3.13t):mine/workers/2t`; a --twin under several simulated lock
 * modes `sim(gil none):mine/workers/2t`.
 */
export function cellId(cell: Named): string {
  const runtime = cell.runtime
    ? `${cell.runtime.name.toLowerCase()}${cell.variant === undefined ? '' : `(${cell.variant})`}:`
    : cell.gil === undefined
      ? ''
      : `sim(gil ${cell.gil}):`;
  const named = `${runtime}${cell.workload}`;
  const workload = cell.ioRatio === undefined ? named : `${named}@${Math.round(cell.ioRatio * 100)}%`;
  return `${workload}/${cell.strategy}/${cell.threads}t`;
}
