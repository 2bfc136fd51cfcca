/**
 * What the terminal chart and the SVG chart of a sweep share: where a point sits along the x axis,
 * the y axis's ticks, each strategy's mark, and where the lines' names go so that none overlap.
 */
import type { Sweep } from '../analysis/sweep.js';

/** Each strategy's mark on its points (and before its name), the same in every chart. */
const MARKERS: Record<string, string> = {
  sequential: 'S',
  'gil-threads': 'T',
  async: 'A',
  workers: 'W',
  'async-offload': 'O',
};

export const markerOf = (name: string): string => MARKERS[name] ?? (name[0] ?? '?').toUpperCase();

/**
 * Where point `index` of a sweep sits between the axis's ends, 0 to 1; a fractional index lies
 * between two points. I/O ratios are placed by value (0.25 is a quarter of the way); thread counts
 * one step apart each, as 1, 2, 4, 8 double.
 */
export function pointPosition(sweep: Pick<Sweep, 'parameter' | 'points'>, index: number): number {
  const { points } = sweep;
  if (points.length < 2) return 0.5;
  if (sweep.parameter === 'threads') return index / (points.length - 1);
  const below = Math.max(0, Math.min(points.length - 2, Math.floor(index)));
  const x0 = points[below] as number;
  const x1 = points[below + 1] as number;
  const x = x0 + (x1 - x0) * (index - below);
  const first = points[0] as number;
  const last = points[points.length - 1] as number;
  return last === first ? 0.5 : (x - first) / (last - first);
}

/** A point's value on the x axis: "25%" of waiting, or "4" threads. */
export function xAxisLabel(parameter: Sweep['parameter'], x: number): string {
  return parameter === 'io-ratio' ? `${Math.round(x * 100)}%` : String(x);
}

/** Ticks from 0 to at least `top`, a round step apart (0.25, 0.5, 1, 2, 2.5, 5, … ×), at most `most` of them. */
export function axisTicks(top: number, most: number): number[] {
  const steps = [0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100];
  const limit = Math.max(2, Math.floor(most / 2));
  const step = steps.find((s) => Math.ceil(top / s) <= limit) ?? Math.ceil(top / limit);
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 100) / 100);
}

/** "1.5×"; "1.5x" where the chart keeps to ASCII. */
export const tickText = (tick: number, unit = '×'): string => `${Number(tick.toFixed(2))}${unit}`;

/**
 * Places labels as near their wanted positions as they may go: each at least `gap` from the next,
 * all between `lo` and `hi`. `undefined` wants no label and gets none. Positions grow downwards.
 */
export function spreadLabels(
  wanted: readonly (number | undefined)[],
  gap: number,
  lo: number,
  hi: number,
): (number | undefined)[] {
  const order = wanted
    .map((at, i) => ({ at, i }))
    .filter((w): w is { at: number; i: number } => w.at !== undefined)
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const placed = order.map((w) => Math.max(lo, Math.min(hi, w.at)));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k] as number, (placed[k - 1] as number) + gap);
  // Pushed past the bottom: the labels move back up, together.
  for (let k = placed.length - 1; k >= 0; k--) {
    const limit = k === placed.length - 1 ? hi : (placed[k + 1] as number) - gap;
    placed[k] = Math.min(placed[k] as number, limit);
  }
  const out: (number | undefined)[] = wanted.map(() => undefined);
  order.forEach((w, k) => (out[w.i] = placed[k]));
  return out;
}

/** `spreadLabels` on whole rows of a terminal chart. */
export const labelRows = (ends: readonly (number | undefined)[], rows: number): (number | undefined)[] =>
  spreadLabels(ends, 1, 0, rows - 1).map((r) => (r === undefined ? undefined : Math.round(r)));
