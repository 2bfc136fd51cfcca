/**
 * The lanes in a terminal (`--lanes`): one strip per thread over a traced cell's window, a column
 * per slice of time showing what the thread did most in it, fitted to the width given.
 */
import type { CellResult, SpanState, SuiteResult, ThreadTimeline, Timeline } from '../results/types.js';
import { palette } from './format.js';
import { wrapParts } from './layout.js';
import { heldWords, laneName, MARK_KEY, onTheLoop, shownLanes, STATE_KEY, windowTitle } from './lanes-key.js';

export interface StripOptions {
  /** Columns available (the terminal's width; 80 when it is not a terminal). */
  width: number;
  color: boolean;
}

/** The strips' narrowest width, whatever the terminal's. */
const MIN_STRIP = 20;

/** What one column shows: the state the thread spent most of the column in (' ' for none), then a mark over it. */
function strip(thread: ThreadTimeline, timeline: Timeline, columns: number): Array<SpanState | string> {
  const from = timeline.fromMs;
  const per = (timeline.toMs - from) / columns;
  const time = Array.from({ length: columns }, () => new Map<SpanState, number>());
  for (const span of thread.spans) {
    const first = Math.max(0, Math.floor((span.from - from) / per));
    const last = Math.min(columns - 1, Math.floor((span.to - from) / per));
    for (let c = first; c <= last; c++) {
      const overlap = Math.min(span.to, from + (c + 1) * per) - Math.max(span.from, from + c * per);
      if (overlap > 0) time[c]?.set(span.state, (time[c]?.get(span.state) ?? 0) + overlap);
    }
  }
  const cells: Array<SpanState | string> = time.map((spent) => {
    let best: SpanState | undefined;
    let most = per / 4;
    for (const [state, ms] of spent) {
      if (ms > most) {
        best = state;
        most = ms;
      }
    }
    return best ?? ' ';
  });
  // Marks in the key's order of precedence: a drop request, then a vain wake-up, then a drop honoured.
  for (const entry of [...MARK_KEY].reverse()) {
    for (const at of thread.marks.find((m) => m.kind === entry.kind)?.at ?? []) {
      const c = Math.min(columns - 1, Math.max(0, Math.floor((at - from) / per)));
      cells[c] = entry.glyph;
    }
  }
  return cells;
}

/** The strips of one traced cell: a title, a strip per thread, an axis in ms, and the key. */
export function renderLanesText(
  cell: CellResult,
  timeline: Timeline,
  config: SuiteResult['config'],
  options: StripOptions,
): string {
  const c = palette(options.color);
  const { threads, hidden } = shownLanes(timeline);
  const names = threads.map(laneName);
  const held = threads.map(heldWords);
  const nameWidth = Math.max(...names.map((n) => n.length), 6) + 2;
  const heldWidth = Math.max(...held.map((h) => h.length), 0) + 2;
  const columns = Math.max(MIN_STRIP, options.width - nameWidth - heldWidth - 1);
  const colourOf = (kind: string): string => {
    const state = STATE_KEY.find((e) => e.kind === kind);
    if (state) return c.hex(state.colour)(state.glyph);
    const mark = MARK_KEY.find((e) => e.glyph === kind);
    return mark ? c.bold(mark.glyph) : kind;
  };
  const seen = new Set<string>();
  const lines = threads.map((thread, i) => {
    const cells = strip(thread, timeline, columns);
    for (const cell of cells) seen.add(cell);
    const body = cells.map(colourOf).join('');
    return held[i]
      ? `${(names[i] ?? '').padEnd(nameWidth)}${body} ${c.dim(held[i] ?? '')}`
      : `${(names[i] ?? '').padEnd(nameWidth)}${body}`;
  });
  const start = `${timeline.fromMs.toFixed(1)} ms`;
  const end = `${timeline.toMs.toFixed(1)} ms`;
  const axis = `${' '.repeat(nameWidth)}${c.dim(`${start}${' '.repeat(Math.max(1, columns - start.length - end.length))}${end}`)}`;
  const key = wrap(
    [
      ...STATE_KEY.filter((e) => seen.has(e.kind)).map((e) => ({
        plain: `${e.glyph} ${e.words}`,
        styled: `${colourOf(e.kind)} ${e.words}`,
      })),
      ...MARK_KEY.filter((e) => seen.has(e.glyph)).map((e) => ({
        plain: `${e.glyph} ${e.words}`,
        styled: `${c.bold(e.glyph)} ${e.words}`,
      })),
    ],
    Math.max(MIN_STRIP, options.width - nameWidth),
  ).map((line) => `${' '.repeat(nameWidth)}${line}\n`);
  const mode = onTheLoop(timeline)
    ? 'one event loop: a task runs until it awaits, then another takes its turn'
    : config.gil === 'cpython'
      ? `GIL cpython, switch interval ${config.switchIntervalMs} ms`
      : `GIL ${config.gil}`;
  const more = hidden > 0 ? [`${' '.repeat(nameWidth)}${c.dim(`… and ${hidden} more tasks, not drawn`)}`] : [];
  const title = wrapParts([windowTitle(cell, timeline), mode], options.width, ' · ', '  ').map((line) => c.bold(line));
  return `${title.join('\n')}\n${[...lines, ...more].join('\n')}\n${axis}\n${key.join('')}`;
}

/** Key entries on as few lines of `width` as they fit, three spaces apart. */
function wrap(items: ReadonlyArray<{ plain: string; styled: string }>, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const item of items) {
    if (used > 0 && used + 3 + item.plain.length > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += `${used > 0 ? '   ' : ''}${item.styled}`;
    used += (used > 0 ? 3 : 0) + item.plain.length;
  }
  if (used > 0) lines.push(line);
  return lines;
}
