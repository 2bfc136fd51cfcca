/**
 * Fitting text to a terminal's width: tables whose columns are data (each knows its header, a
 * shorter one, and whether it may be dropped or wrapped), and prose wrapped at word boundaries.
 * Pure: the width is decided once by the CLI and passed in.
 */
import Table from 'cli-table3';

/** Below this many columns a table uses its compact layout: short headers, no bars, shorter text. */
export const COMPACT_BELOW = 100;
export { DEFAULT_WIDTH } from '../config/formats.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Columns a string takes on a terminal: colour codes take none. */
export function displayWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * The lines of plain `text`, each at most `width` columns: wrapped between words, continuation
 * lines indented; a word longer than a line is cut where the line ends. Colour is applied after.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const room = Math.max(displayWidth(indent) + 1, width);
  const lines: string[] = [];
  let line: string | undefined;
  for (const word of text.split(' ')) {
    if (line === undefined) line = `${lines.length > 0 ? indent : ''}${word}`;
    else if (displayWidth(line) + 1 + displayWidth(word) <= room) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = `${indent}${word}`;
    }
    while (displayWidth(line) > room) {
      const chars: string[] = [...line];
      lines.push(chars.slice(0, room).join(''));
      line = `${indent}${chars.slice(room).join('')}`;
    }
  }
  lines.push(line ?? '');
  return lines;
}

/**
 * Parts joined by `separator`, wrapped only between parts where the line would be too long: a
 * header like "gil-bench 0.1.0 · cpu · size m · …" breaks at its dots, not inside a part.
 */
export function wrapParts(parts: readonly string[], width: number, separator = ' · ', indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const candidate = line === '' ? part : `${line}${separator}${part}`;
    if (line !== '' && displayWidth(candidate) > width) {
      lines.push(line);
      line = `${indent}${part}`;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines.flatMap((l) => (displayWidth(l) > width ? wrap(l, width, indent) : [l]));
}

/** One column of a table, as data: what it shows and how it gives way when room is short. */
export interface Column<Row> {
  head: string;
  /** The header in the compact layout; may hold a line break ("gil-\nthreads"). */
  short?: string;
  align: 'left' | 'right';
  value(row: Row, compact: boolean): string;
  /** Dropped when the table does not fit, lowest first; absent = always kept. */
  drop?: number;
  /** Wraps onto several lines, rather than the table growing, when the table does not fit. */
  wrap?: boolean;
  /** Shown in the wide layout only (a bar). */
  wideOnly?: boolean;
}

export interface TableOptions {
  width: number;
  color: boolean;
}

const lineWidth = (text: string): number => Math.max(0, ...text.split('\n').map(displayWidth));
const PADDING = 2;

/** The width a table takes at `width` without dropping, wrapping or narrowing anything. */
export function naturalWidth<Row>(columns: readonly Column<Row>[], rows: readonly Row[], width: number): number {
  const compact = width < COMPACT_BELOW;
  const shown = columns.filter((col) => !(compact && col.wideOnly));
  const widths = shown.map(
    (col) =>
      Math.max(
        lineWidth(compact ? (col.short ?? col.head) : col.head),
        ...rows.map((row) => lineWidth(col.value(row, compact))),
      ) + PADDING,
  );
  return widths.reduce((a, b) => a + b, 0) + widths.length + 1;
}

/**
 * A bordered table within `width` columns: the compact layout below COMPACT_BELOW; then wrapping
 * columns narrowed down to their longest word, then columns dropped in their `drop` order, and
 * last the widest narrowed (its text wraps, a word too long for it is cut with "…").
 */
export function renderTable<Row>(
  allColumns: readonly Column<Row>[],
  rows: readonly Row[],
  { width, color }: TableOptions,
): string {
  const compact = width < COMPACT_BELOW;
  let columns = allColumns.filter((col) => !(compact && col.wideOnly));
  const cellsOf = (cols: readonly Column<Row>[]): string[][] =>
    rows.map((row) => cols.map((col) => col.value(row, compact)));
  const headOf = (col: Column<Row>): string => (compact ? (col.short ?? col.head) : col.head);
  const natural = (cols: readonly Column<Row>[], cells: string[][]): number[] =>
    cols.map((col, i) => Math.max(lineWidth(headOf(col)), ...cells.map((r) => lineWidth(r[i] ?? ''))) + PADDING);
  const total = (widths: readonly number[]): number => widths.reduce((a, b) => a + b, 0) + widths.length + 1;

  // Narrowing never goes below a column's longest word, so wrapping never cuts one.
  const floorsOf = (cols: readonly Column<Row>[], cells: string[][]): number[] =>
    cols.map(
      (col, i) =>
        Math.max(
          ...[headOf(col), ...cells.map((r) => r[i] ?? '')].flatMap((text) => text.split(/\s+/).map(displayWidth)),
        ) + PADDING,
    );
  const narrow = (widths: number[], eligible: (i: number) => boolean, floor: (i: number) => number): number[] => {
    const narrowed = [...widths];
    while (total(narrowed) > width) {
      let widest = -1;
      narrowed.forEach((w, i) => {
        if (eligible(i) && w > floor(i) && (widest < 0 || w > (narrowed[widest] ?? 0))) widest = i;
      });
      if (widest < 0) break;
      narrowed[widest] = Math.max(floor(widest), (narrowed[widest] ?? 0) - (total(narrowed) - width));
    }
    return narrowed;
  };
  // Wrapping columns give way first; only when that is not enough is a column dropped.
  let cells = cellsOf(columns);
  let floors = floorsOf(columns, cells);
  let widths = narrow(
    natural(columns, cells),
    (i) => columns[i]?.wrap === true,
    (i) => floors[i] ?? 5,
  );
  while (total(widths) > width) {
    const droppable = columns.filter((col) => col.drop !== undefined);
    if (droppable.length === 0) break;
    const next = droppable.reduce((a, b) => ((a.drop ?? 0) <= (b.drop ?? 0) ? a : b));
    columns = columns.filter((col) => col !== next);
    cells = cellsOf(columns);
    floors = floorsOf(columns, cells);
    widths = narrow(
      natural(columns, cells),
      (i) => columns[i]?.wrap === true,
      (i) => floors[i] ?? 5,
    );
  }
  // A table that still does not fit has its widest columns wrapped, then cut with "…".
  widths = narrow(
    widths,
    () => true,
    (i) => floors[i] ?? 5,
  );
  widths = narrow(
    widths,
    () => true,
    () => 5,
  );

  const table = new Table({
    head: columns.map(headOf),
    colWidths: widths,
    wordWrap: true,
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: columns.map((col) => col.align),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of cells) table.push(row);
  return table.toString();
}
