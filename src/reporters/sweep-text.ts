import type { ChalkInstance } from 'chalk';
import { formatRatio } from './format.js';
import { naturalWidth, renderTable, wrap, wrapParts, type Column } from './layout.js';
import { pointLabel, type Sweep, type SweepSeries } from '../analysis/sweep.js';
import type { StrategyName } from '../strategies/names.js';
import { chartKey, renderSweepChart } from './sweep-chart-text.js';

const pointHead = (sweep: Sweep, x: number): string => pointLabel(sweep.parameter, x, true);

/** A speedup at one point, with its efficiency (speedup ÷ threads) where the strategy is threaded. */
function valueText(sweep: Sweep, series: SweepSeries, i: number, efficiency: boolean): string {
  const v = series.values[i];
  if (v === null || v === undefined) return '–';
  const withEfficiency =
    efficiency && sweep.parameter === 'threads' && series.name !== 'ideal' && series.threaded
      ? ` (${(v / (sweep.points[i] as number)).toFixed(2)})`
      : '';
  return `${formatRatio(v)}${withEfficiency}`;
}

/**
 * Whether a series has a figure per point. A strategy with no threads (async, on one event loop) has
 * one cell whatever the thread count: under a thread column it would read as run at that count.
 */
const perPoint = (sweep: Sweep, series: SweepSeries): boolean =>
  sweep.parameter !== 'threads' || series.threaded || series.name === 'ideal';

/** Strategies as rows, points as columns. */
function byStrategy(sweep: Sweep, c: ChalkInstance, named: (series: SweepSeries) => string): Column<SweepSeries>[] {
  const dim = (series: SweepSeries, text: string): string => (series.name === 'ideal' ? c.dim(text) : text);
  return [
    { head: 'strategy', align: 'left', value: (s) => dim(s, named(s)) },
    ...sweep.points.map((x, i): Column<SweepSeries> => ({
      head: pointHead(sweep, x),
      align: 'right',
      value: (s, compact) => dim(s, valueText(sweep, s, i, !compact)),
    })),
  ];
}

/** Points as rows, strategies as columns: for sweeps with more points than the width holds across. */
function byPoint(sweep: Sweep, named: (series: SweepSeries) => string): Column<number>[] {
  return [
    {
      head: sweep.parameter === 'threads' ? 'threads' : 'I/O',
      align: 'left',
      value: (i) => pointHead(sweep, sweep.points[i] as number),
    },
    ...sweep.series
      .filter((series) => perPoint(sweep, series))
      .map((series): Column<number> => ({
        head: named(series),
        short: named(series).replace('-', '-\n'),
        align: 'right',
        value: (i, compact) => valueText(sweep, series, i, !compact),
      })),
  ];
}

/**
 * A sweep for the terminal, within `width` columns: the chart (a line per strategy, its 95%
 * intervals, the crossings), then the figures it draws, speedup (and efficiency) per point, and
 * the crossovers in words.
 */
export function renderSweep(
  sweep: Sweep,
  c: ChalkInstance,
  {
    width,
    color,
    name = (strategy) => strategy,
  }: { width: number; color: boolean; name?: (strategy: StrategyName) => string },
): string {
  const named = (series: SweepSeries): string => (series.name === 'ideal' ? 'ideal' : name(series.name));
  const on = sweep.runtime ? ` on ${sweep.runtime}` : '';
  const title =
    sweep.parameter === 'threads'
      ? `${sweep.workload}${on}: speedup by thread count (efficiency = speedup ÷ threads; ideal = waits overlapped up to the threads, computing up to the cores)`
      : `${sweep.workload}${on}: speedup by share of waiting (--io-ratio)`;
  const across = byStrategy(sweep, c, named);
  const points = sweep.points.map((_, i) => i);
  const rows = sweep.series.filter((series) => perPoint(sweep, series));
  const table =
    naturalWidth(across, rows, width) <= width
      ? renderTable(across, rows, { width, color })
      : renderTable(byPoint(sweep, named), points, { width, color });
  // Strategies with no threads: their one figure, beside the table rather than under a count.
  const single = sweep.series
    .filter((series) => !perPoint(sweep, series))
    .map(
      (series) =>
        `  ${named(series)}: ${valueText(sweep, series, 0, false)} whatever the thread count (it has none: one event loop runs its tasks at once)`,
    );
  const words = [
    ...(sweep.crossovers.length > 0
      ? sweep.crossovers.map((s) => `  → ${s}`)
      : ['  → no strategy overtakes another in this range']),
    ...(sweep.beyondIdeal ?? []).map((s) => `  ↑ ${s}`),
    ...(sweep.shortOfIdeal ?? []).map((s) => `  ↓ ${s}`),
  ];
  return [
    ...wrap(title, width).map((line) => c.bold(line)),
    '',
    ...renderSweepChart(sweep, c, { width, color }),
    ...wrapParts(chartKey(sweep, color), width - 2, '   ').map((line) => c.dim(`  ${line}`)),
    '',
    table,
    ...single.flatMap((line) => wrap(line, width, '    ')),
    ...words.flatMap((line) => wrap(line, width, '    ')),
  ].join('\n');
}
