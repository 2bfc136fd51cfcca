/**
 * The figures every human format shows for a cell, each defined once: its header and its text.
 * The terminal table, Markdown and HTML take them from here, so a change of meaning (what `rme`
 * is the margin of, say) is one change.
 */
import type { CellResult } from '../results/types.js';
import { formatInterval, formatMargin, formatMs, formatPercent } from './format.js';
import type { Headline } from './group.js';

export interface CellFigure {
  head: string;
  /** The header where room is short. */
  short: string;
  value(cell: CellResult): string;
}

/** The batch time speedups are computed from (fastest or median). */
export function timeFigure(shown: Headline): CellFigure {
  return {
    head: shown.head,
    short: shown.head,
    value: (cell) => (cell.stats ? formatMs(shown.time(cell.stats)) : '–'),
  };
}

/**
 * The speedup's 95% margin, from the rounds' paired ratios: how far its interval reaches either
 * side. Sequential and a single batch have none, so they show "–".
 */
export const RME: CellFigure = {
  head: '±',
  short: '±',
  value: formatMargin,
};

/** Process CPU time over wall time and cores. */
export const CPU: CellFigure = {
  head: 'cpu',
  short: 'cpu',
  value: (cell) => (cell.host ? formatPercent(cell.host.cpuUtilization) : '–'),
};

/** The speedup vs sequential with its 95% interval; sequential's own is 1 by definition. */
export const SPEEDUP: CellFigure = {
  head: 'speedup (95% CI)',
  short: 'speedup',
  value: (cell) =>
    cell.speedup
      ? formatInterval(cell.speedup)
      : cell.strategy === 'sequential' && cell.state === 'completed'
        ? '1.00×'
        : '–',
};

/** The main event loop's heartbeat lag p99. */
export const LOOP_LAG_P99: CellFigure = {
  head: 'loop lag p99',
  short: 'lag p99',
  value: (cell) => (cell.host?.loopLagP99 !== undefined ? formatMs(cell.host.loopLagP99) : '–'),
};
