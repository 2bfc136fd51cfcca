/**
 * The names of the strategies and lock modes: vocabulary that configuration and results use
 * without loading any strategy's code.
 */
export const STRATEGY_NAMES = ['sequential', 'gil-threads', 'async', 'workers', 'async-offload'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** The simulated lock: CPython ≥ 3.2's GIL, Python 2's, or none (free-threaded Python). */
export const GIL_MODES = ['cpython', 'legacy', 'none'] as const;
export type GilMode = (typeof GIL_MODES)[number];

/** Strategies whose tasks run under the simulated lock. */
export const LOCKED_STRATEGIES: readonly StrategyName[] = ['gil-threads', 'async-offload'];
