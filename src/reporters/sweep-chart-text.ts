/**
 * A sweep as a line chart in the terminal: speedup against the swept parameter, a line per
 * strategy with its 95% interval as a whisker at each point, sequential's 1× line, the crossings
 * marked and each line named where it ends. Box-drawing glyphs in colour; plain ASCII when colour
 * is off (NO_COLOR, a pipe, a log file), so the chart survives being copied anywhere.
 */
import type { ChalkInstance } from 'chalk';
import { crossingsOf, type Sweep, type SweepSeries } from '../analysis/sweep.js';
import { axisTicks, labelRows, markerOf, pointPosition, tickText, xAxisLabel } from './sweep-chart-scale.js';

export interface TextChartOptions {
  /** Columns the chart may take. */
  width: number;
  color: boolean;
  /** Rows of the plot itself (axes and key not counted). */
  height?: number;
  /** Spans of points to bracket under the x axis, each with its label (the guide's regions). */
  regions?: ReadonlyArray<{ from: number; to: number; label: string }>;
  /** Places on the x axis to point at, in the parameter's units, each with its label (a workload's share). */
  marks?: ReadonlyArray<{ at: number; label: string }>;
}

interface Glyphs {
  flat: string;
  up: string;
  down: string;
  whisker: string;
  /** A whisker cut at the top of the chart. */
  offTop: string;
  ideal: string;
  reference: string;
  crossing: string;
  /** The unit of speedups on the y axis. */
  times: string;
  yAxis: string;
  yTick: string;
  xAxis: string;
  xTick: string;
  corner: string;
  bracketOpen: string;
  bracketClose: string;
  pointer: string;
}

const FANCY: Glyphs = {
  flat: '─',
  up: '╱',
  down: '╲',
  whisker: '│',
  offTop: '↑',
  ideal: '·',
  reference: '┈',
  crossing: '×',
  times: '×',
  yAxis: '│',
  yTick: '┤',
  xAxis: '─',
  xTick: '┬',
  corner: '└',
  bracketOpen: '├',
  bracketClose: '┤',
  pointer: '▲',
};

const PLAIN: Glyphs = {
  flat: '-',
  up: '/',
  down: '\\',
  whisker: '|',
  offTop: '^',
  ideal: '~',
  reference: '.',
  crossing: 'X',
  times: 'x',
  yAxis: '|',
  yTick: '+',
  xAxis: '-',
  xTick: '+',
  corner: '+',
  bracketOpen: '<',
  bracketClose: '>',
  pointer: '^',
};

/**
 * Each strategy's colour among the sixteen every terminal has (the palette's level), as near the
 * HTML's as they go: red, yellow, green and cyan stay apart where hex colours would round to two reds.
 */
const TERMINAL_COLOURS: Record<string, (c: ChalkInstance) => Paint> = {
  sequential: (c) => c.gray,
  'gil-threads': (c) => c.red,
  async: (c) => c.yellow,
  workers: (c) => c.green,
  'async-offload': (c) => c.cyan,
  ideal: (c) => c.gray,
};

/** The widest plot worth drawing: wider adds no information, only distance between the points. */
const MAX_PLOT = 72;
const MIN_PLOT = 24;
const DEFAULT_HEIGHT = 15;

type Paint = (text: string) => string;
interface Cell {
  ch: string;
  paint?: Paint;
}

const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/**
 * The highest value the chart shows: every speedup and 1×, and the intervals' tops up to twice the
 * highest speedup; a wider interval runs off the top (marked so), rather than flattening every line.
 */
export function chartTop(sweep: Sweep): number {
  const values = sweep.series.flatMap((s) => s.values.filter(known));
  const highs = sweep.series.flatMap((s) => (s.intervals ?? []).flatMap((i) => (i ? [i.high] : [])));
  const highest = Math.max(1, ...values);
  return Math.max(highest, Math.min(2 * highest, Math.max(0, ...highs)));
}

/**
 * The chart's lines, at most `width` columns each: the plot with its y axis in ×, the x axis with
 * the sweep's points, and a key of the marks (the lines themselves are named at their ends).
 */
export function renderSweepChart(sweep: Sweep, c: ChalkInstance, options: TextChartOptions): string[] {
  const g = options.color ? FANCY : PLAIN;
  const real = sweep.series.filter((s) => s.name !== 'ideal');
  const ticks = axisTicks(chartTop(sweep), options.height ?? DEFAULT_HEIGHT);
  const top = ticks[ticks.length - 1] ?? 1;
  // As many rows per tick as fit the height asked for, so every tick falls on a row of its own.
  const perTick = Math.max(1, Math.round(((options.height ?? DEFAULT_HEIGHT) - 1) / (ticks.length - 1)));
  const rows = perTick * (ticks.length - 1) + 1;
  const yLabels = ticks.map((t) => tickText(t, g.times));
  const yWidth = Math.max(...yLabels.map((l) => l.length)) + 1;
  const names = sweep.series.map((s) => labelOf(s));
  const labelWidth = Math.max(...names.map((n) => n.length)) + 1;
  const plot = Math.max(MIN_PLOT, Math.min(MAX_PLOT, options.width - yWidth - 1 - labelWidth));
  // Whiskers of one point stand side by side, one column per strategy: the plot keeps room for them.
  const dodge = (k: number): number => k - Math.floor((real.length - 1) / 2);
  const inset = Math.max(1, Math.ceil(real.length / 2));
  const colOf = (position: number): number => inset + Math.round(position * (plot - 1 - 2 * inset));
  const rowOf = (v: number): number => (1 - Math.min(v, top) / top) * (rows - 1);
  const grid: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: plot }, () => ({ ch: ' ' })));
  const put = (row: number, col: number, ch: string, paint?: Paint): void => {
    const r = Math.round(row);
    if (r < 0 || r >= rows || col < 0 || col >= plot) return;
    grid[r]![col] = paint ? { ch, paint } : { ch };
  };
  const paintOf = (name: string): Paint =>
    options.color ? (TERMINAL_COLOURS[name] ?? ((ch) => ch.magenta))(c) : (t) => t;
  const dim: Paint = options.color ? c.dim : (t) => t;

  // Sequential's 1×, sparse, under everything.
  for (let col = 0; col < plot; col += 2) put(rowOf(1), col, g.reference, dim);

  const placed = sweep.series.map((series) => {
    const k = real.indexOf(series);
    const shift = k < 0 ? 0 : dodge(k);
    return series.values.map((v, i) =>
      known(v) ? { col: colOf(pointPosition(sweep, i)) + shift, row: rowOf(v), value: v, i } : undefined,
    );
  });
  // Lines: the ideal dotted, then each strategy's straight segments between its points.
  sweep.series.forEach((series, s) => {
    const points = (placed[s] ?? []).filter((p) => p !== undefined);
    const paint = series.name === 'ideal' ? dim : paintOf(series.name);
    for (let p = 0; p + 1 < points.length; p++) {
      const a = points[p]!;
      const b = points[p + 1]!;
      const slope = (b.row - a.row) / Math.max(1, b.col - a.col);
      const rowAt = (col: number): number => a.row + slope * (col - a.col);
      for (let col = a.col + 1; col < b.col; col++) {
        // Level within the column: a flat stroke; else a slanted one on every row it passes, so
        // that a gentle line steps up once where it crosses a row and a steep one stays unbroken.
        const before = Math.round(rowAt(col - 0.5));
        const after = Math.round(rowAt(col + 0.5));
        const ch = series.name === 'ideal' ? g.ideal : before === after ? g.flat : after < before ? g.up : g.down;
        if (before === after) put(before, col, ch, paint);
        else for (let r = Math.min(before, after); r <= Math.max(before, after); r++) put(r, col, ch, paint);
      }
    }
  });
  // Each point's 95% interval, then the point itself as the strategy's letter.
  real.forEach((series) => {
    const s = sweep.series.indexOf(series);
    for (const p of placed[s] ?? []) {
      const interval = p ? series.intervals?.[p.i] : undefined;
      if (!p || !interval || interval.low === interval.high) continue;
      for (let r = Math.round(rowOf(interval.high)); r <= Math.round(rowOf(interval.low)); r++)
        put(r, p.col, r === 0 && interval.high > top ? g.offTop : g.whisker, paintOf(series.name));
    }
  });
  real.forEach((series) => {
    const s = sweep.series.indexOf(series);
    for (const p of placed[s] ?? []) if (p) put(p.row, p.col, markerOf(series.name), paintOf(series.name));
  });
  const crossings = crossingsOf(sweep.parameter, sweep.points, sweep.series);
  for (const crossing of crossings) {
    const position = pointPosition(sweep, crossing.index);
    put(rowOf(crossing.y), colOf(position), g.crossing, options.color ? c.bold : undefined);
  }

  // Each line named where it ends, moved a row or two only where two ends meet.
  const ends = sweep.series.map((_, s) => {
    const last = (placed[s] ?? []).filter((p) => p !== undefined).pop();
    return last ? Math.round(last.row) : undefined;
  });
  const labelAt = labelRows(ends, rows);
  const tickRows = new Map(ticks.map((t, i) => [Math.round(rowOf(t)), yLabels[i] ?? '']));
  const lines = grid.map((cells, r) => {
    const label = tickRows.get(r);
    const axis = `${(label ?? '').padStart(yWidth - 1)} ${label !== undefined ? g.yTick : g.yAxis}`;
    const body = cells.map((cell) => (cell.paint ? cell.paint(cell.ch) : cell.ch)).join('');
    const named = sweep.series.flatMap((series, s) =>
      labelAt[s] === r ? [(series.name === 'ideal' ? dim : paintOf(series.name))(names[s] ?? '')] : [],
    );
    return `${dim(axis)}${body}${named.length > 0 ? ` ${named.join(' ')}` : ''}`.trimEnd();
  });
  const under = [
    ...(options.regions ? [regionRow(sweep, options.regions, g, colOf, plot)] : []),
    ...(options.marks ?? []).map((mark) => markRow(sweep, mark, g, colOf, plot)),
  ].map((row) => `${' '.repeat(yWidth + 1)}${row}`.trimEnd());
  return [...lines, ...xAxis(sweep, g, { yWidth, plot, colOf, dim }), ...under];
}

/** A line's name at its end: the strategy's letter (its points' mark) and its name. */
function labelOf(series: SweepSeries): string {
  return series.name === 'ideal' ? 'ideal' : `${markerOf(series.name)} ${series.label ?? series.name}`;
}

/** The x axis: a tick under each point, the points' values under the ticks, and what is swept. */
function xAxis(
  sweep: Sweep,
  g: Glyphs,
  layout: { yWidth: number; plot: number; colOf: (position: number) => number; dim: Paint },
): string[] {
  const { yWidth, plot, colOf, dim } = layout;
  const axis = Array.from({ length: plot }, () => g.xAxis);
  const labels = Array.from({ length: plot + 8 }, () => ' ');
  let free = 0;
  sweep.points.forEach((x, i) => {
    const col = colOf(pointPosition(sweep, i));
    axis[col] = g.xTick;
    const text = xAxisLabel(sweep.parameter, x);
    const start = Math.max(free, col - Math.floor((text.length - 1) / 2));
    // A label that would run into the one before it is left out; its tick still shows.
    if (start > col) return;
    [...text].forEach((ch, j) => (labels[start + j] = ch));
    free = start + text.length + 1;
  });
  const pad = ' '.repeat(yWidth);
  const title =
    sweep.parameter === 'io-ratio' ? "share of each task's time spent waiting (--io-ratio)" : 'threads (--threads)';
  return [
    dim(`${pad}${g.corner}${axis.join('')}`),
    `${pad} ${labels.join('').trimEnd()}`,
    dim(`${pad} ${title.length <= plot ? title.padStart(Math.floor((plot + title.length) / 2)) : title}`),
  ];
}

const offTop = (sweep: Sweep): boolean =>
  sweep.series.some((s) => (s.intervals ?? []).some((i) => i !== null && i !== undefined && i.high > chartTop(sweep)));

/** Brackets under the axis, one per span of points, its label in the middle: "├──1──┤". */
function regionRow(
  sweep: Sweep,
  regions: NonNullable<TextChartOptions['regions']>,
  g: Glyphs,
  colOf: (position: number) => number,
  plot: number,
): string {
  const row = Array.from({ length: plot + 4 }, () => ' ');
  for (const region of regions) {
    const from = colOf(pointPosition(sweep, region.from));
    const to = colOf(pointPosition(sweep, region.to));
    if (to > from) {
      for (let col = from; col <= to; col++) row[col] = g.xAxis;
      row[from] = g.bracketOpen;
      row[to] = g.bracketClose;
    }
    const start = Math.max(0, Math.round((from + to) / 2) - Math.floor(region.label.length / 2));
    [...region.label].forEach((ch, j) => (row[start + j] = ch));
  }
  return row.join('');
}

/** A pointer under the axis at a place in the parameter's units, and its label: "^ mine.js, 37%". */
function markRow(
  sweep: Sweep,
  mark: NonNullable<TextChartOptions['marks']>[number],
  g: Glyphs,
  colOf: (position: number) => number,
  plot: number,
): string {
  const first = sweep.points[0] ?? 0;
  const last = sweep.points[sweep.points.length - 1] ?? 1;
  const position = last === first ? 0.5 : Math.min(1, Math.max(0, (mark.at - first) / (last - first)));
  const col = colOf(position);
  const text = `${g.pointer} ${mark.label}`;
  // The label runs right of the pointer where it fits, else ends at it.
  return col + text.length <= plot + 8
    ? `${' '.repeat(col)}${text}`
    : `${' '.repeat(Math.max(0, col - text.length + 1))}${mark.label} ${g.pointer}`;
}

/** What the marks mean, for the line under the chart: one part per mark. */
export function chartKey(sweep: Sweep, color: boolean): string[] {
  const g = color ? FANCY : PLAIN;
  const parts = [
    `${g.whisker} 95% interval${offTop(sweep) ? ` (${g.offTop} goes on above)` : ''}`,
    `${g.reference}${g.reference} 1${g.times} = sequential`,
    ...(sweep.series.some((s) => s.name === 'ideal') ? [`${g.ideal}${g.ideal} ideal`] : []),
    ...(crossingsOf(sweep.parameter, sweep.points, sweep.series).length > 0
      ? [`${g.crossing} one strategy overtakes another`]
      : []),
  ];
  return parts;
}
