/**
 * The names of the strategies and lock modes: vocabulary that configuration and results use
 * without loading any strategy's code.
 */
export const STRATEGY_NAMES = ['sequential', 'gil-threads', 'async', 'workers', 'async-offload'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** One line per strategy, for `gil-bench list`. */
export const STRATEGY_DESCRIPTIONS: Readonly<Record<StrategyName, string>> = {
  sequential: 'one task after another on the main thread; the reference for every speedup',
  'gil-threads': 'N worker threads that must hold one simulated global lock to run code',
  async: 'one event loop running every task at once; tasks switch only at await',
  workers: 'N truly parallel worker threads (piscina), no lock',
  'async-offload': 'the event loop hands each task to the lock-guarded pool and awaits it',
};

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

/** The simulated lock: CPython ≥ 3.2's GIL, Python 2's, or none (free-threaded Python). */
export const GIL_MODES = ['cpython', 'legacy', 'none'] as const;
export type GilMode = (typeof GIL_MODES)[number];

/**
 * Which waiter a release of the simulated lock wakes: the longest waiting, as CPython's condition
 * variable does on Linux (glibc over the kernel's FIFO futex queue), or one at random.
 */
export const WAKE_ORDERS = ['fifo', 'random'] as const;
export type WakeOrder = (typeof WAKE_ORDERS)[number];

/** Strategies whose tasks run under the simulated lock. */
export const LOCKED_STRATEGIES: readonly StrategyName[] = ['gil-threads', 'async-offload'];

/** Strategies a traced batch records (`--trace`, `--lanes`): the locked ones, and async's tasks on the loop. */
export const TRACED_STRATEGIES: readonly StrategyName[] = [...LOCKED_STRATEGIES, 'async'];

const THREADS_UNDER: Record<GilMode, string> = {
  cpython: 'threading under the GIL',
  legacy: 'threading under the Python 2 GIL',
  none: 'threading on a free-threaded build, like 3.13t',
};

/** What a strategy corresponds to in Python, under a lock mode: the one place that says it. */
export function pythonAnalogue(strategy: StrategyName, gil: GilMode = 'cpython'): string {
  switch (strategy) {
    case 'sequential':
      return 'a plain for loop';
    case 'gil-threads':
      return THREADS_UNDER[gil];
    case 'async':
      return 'asyncio';
    case 'workers':
      return 'multiprocessing';
    case 'async-offload':
      return gil === 'cpython'
        ? 'asyncio.to_thread'
        : `asyncio.to_thread, ${THREADS_UNDER[gil].replace('threading ', '')}`;
  }
}

/**
 * How a Python run names each way of running its tasks: CPython's own words, in the tables, the
 * sentences and each cell's `runtime.strategy` (the simulation keeps gil-bench's names).
 */
export const PYTHON_NAMES: Record<StrategyName, string> = {
  sequential: 'for loop',
  'gil-threads': 'threading',
  async: 'asyncio',
  workers: 'process pool',
  'async-offload': 'to_thread',
};

/** Strategies that run every task on the main thread. */
export const MAIN_THREAD_STRATEGIES: readonly StrategyName[] = ['sequential', 'async'];
