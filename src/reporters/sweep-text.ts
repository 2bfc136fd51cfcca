import type { ChalkInstance } from 'chalk';
import { formatRatio } from './format.js';
import { naturalWidth, renderTable, wrap, wrapParts, type Column } from './layout.js';
import { pointLabel, type Sweep, type SweepSeries } from '../analysis/sweep.js';
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

/** Strategies as rows, points as columns. */
function byStrategy(sweep: Sweep, c: ChalkInstance): Column<SweepSeries>[] {
  const dim = (series: SweepSeries, text: string): string => (series.name === 'ideal' ? c.dim(text) : text);
  return [
    { head: 'strategy', align: 'left', value: (s) => dim(s, s.name) },
    ...sweep.points.map((x, i): Column<SweepSeries> => ({
      head: pointHead(sweep, x),
      align: 'right',
      value: (s, compact) => dim(s, valueText(sweep, s, i, !compact)),
    })),
  ];
}

/** Points as rows, strategies as columns: for sweeps with more points than the width holds across. */
function byPoint(sweep: Sweep): Column<number>[] {
  return [
    {
      head: sweep.parameter === 'threads' ? 'threads' : 'I/O',
      align: 'left',
      value: (i) => pointHead(sweep, sweep.points[i] as number),
    },
    ...sweep.series.map((series): Column<number> => ({
      head: series.name,
      short: series.name.replace('-', '-\n'),
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
  { width, color }: { width: number; color: boolean },
): string {
  const on = sweep.runtime ? ` on ${sweep.runtime}` : '';
  const title =
    sweep.parameter === 'threads'
      ? `${sweep.workload}${on}: speedup by thread count (efficiency = speedup ÷ threads; ideal = waits overlapped up to the threads, computing up to the cores)`
      : `${sweep.workload}${on}: speedup by share of waiting (--io-ratio)`;
  const across = byStrategy(sweep, c);
  const points = sweep.points.map((_, i) => i);
  const table =
    naturalWidth(across, sweep.series, width) <= width
      ? renderTable(across, sweep.series, { width, color })
      : renderTable(byPoint(sweep), points, { width, color });
  const words =
    sweep.crossovers.length > 0
      ? sweep.crossovers.map((s) => `  → ${s}`)
      : ['  → no strategy overtakes another in this range'];
  return [
    ...wrap(title, width).map((line) => c.bold(line)),
    '',
    ...renderSweepChart(sweep, c, { width, color }),
    ...wrapParts(chartKey(sweep, color), width - 2, '   ').map((line) => c.dim(`  ${line}`)),
    '',
    table,
    ...words.flatMap((line) => wrap(line, width, '    ')),
  ].join('\n');
}
