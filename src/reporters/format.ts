import { Chalk, type ChalkInstance } from 'chalk';
import type { CellResult, Interval } from '../results/types.js';
import { relativeMargin } from '../stats/paired.js';

/** A duration with a unit that fits it. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatRatio(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)}×` : '–';
}

/** "1.93× (1.88–1.97)": a ratio with its 95% interval. */
export function formatInterval(interval: Interval): string {
  if (interval.low === interval.high) return formatRatio(interval.value);
  return `${formatRatio(interval.value)} (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`;
}

export function formatPercent(fraction: number, digits = 0): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '–';
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `value / max` × `width` cells, in eighths of a cell. */
export function bar(value: number, max: number, width = 12): string {
  if (!Number.isFinite(value) || !(max > 0) || value <= 0) return '';
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** Colours, or none at all: every reporter styles through this. */
export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** A speedup's 95% margin, "±1.2%": how far its interval reaches either side; "–" without one. */
export function formatMargin(cell: CellResult): string {
  if (!cell.speedup || cell.strategy === 'sequential' || cell.speedup.low === cell.speedup.high) return '–';
  return `±${(relativeMargin(cell.speedup) * 100).toFixed(1)}%`;
}
