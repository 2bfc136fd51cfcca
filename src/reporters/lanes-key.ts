/** The key shared by the HTML lanes and the terminal strips: each state's and instant's words, colour and glyph. */
import type { LaneChoice } from '../config/trace-options.js';
import type { CellResult, MarkKind, SpanState, Timeline } from '../results/types.js';
import { cellLabel } from '../results/cell-id.js';
import { formatMs, formatPercent } from './format.js';

export interface KeyEntry<K> {
  kind: K;
  words: string;
  colour: string;
  glyph: string;
}

/** In the order of the legend; the colours of holding, waiting and I/O are the lock chart's. */
export const STATE_KEY: ReadonlyArray<KeyEntry<SpanState>> = [
  { kind: 'holding', words: 'holding the GIL', colour: '#dc2626', glyph: '█' },
  { kind: 'waiting', words: 'waiting for it', colour: '#f59e0b', glyph: '░' },
  { kind: 'waking', words: 'released, waking a waiter', colour: '#fca5a5', glyph: '-' },
  { kind: 'switching', words: 'released on request, waiting for a taker', colour: '#6b7280', glyph: '╌' },
  { kind: 'io', words: 'in I/O (released)', colour: '#60a5fa', glyph: '·' },
  { kind: 'native', words: 'in native code (released)', colour: '#16a34a', glyph: '≈' },
  { kind: 'running', words: 'no GIL held, not waiting', colour: '#a78bfa', glyph: '▓' },
  { kind: 'turn', words: 'its turn on the event loop', colour: '#d97706', glyph: '█' },
  { kind: 'awaiting', words: 'waiting at await (the loop runs others)', colour: '#60a5fa', glyph: '·' },
];

/** Drawn over the states; in a strip the first that falls in a column shows there. */
export const MARK_KEY: ReadonlyArray<KeyEntry<MarkKind>> = [
  { kind: 'drop-request', words: 'drop request set', colour: '#7c3aed', glyph: '^' },
  { kind: 'vain-wakeup', words: 'vain wake-up', colour: '#111827', glyph: '!' },
  { kind: 'drop-honoured', words: 'drop request honoured', colour: '#7c3aed', glyph: 'v' },
];

export const stateEntry = (state: SpanState): KeyEntry<SpanState> =>
  STATE_KEY.find((entry) => entry.kind === state) as KeyEntry<SpanState>;

/** "thread 0", the main thread's event loop, or "task 3" of async's loop. */
export const laneName = (thread: Timeline['threads'][number]): string =>
  thread.role === 'loop' ? 'event loop' : thread.role === 'task' ? `task ${thread.thread}` : `thread ${thread.thread}`;

/** Task lanes drawn at most: enough to see the turns pass round; the rest are counted, not drawn. */
export const MAX_TASK_LANES = 8;

/** The lanes to draw: every thread, and async's first tasks; `hidden` counts the tasks left out. */
export function shownLanes(timeline: Timeline): { threads: Timeline['threads']; hidden: number } {
  const tasks = timeline.threads.filter((t) => t.role === 'task');
  const threads = timeline.threads.filter((t) => t.role !== 'task' || tasks.indexOf(t) < MAX_TASK_LANES);
  return { threads, hidden: timeline.threads.length - threads.length };
}

/** True for async's lanes: tasks taking turns on one loop, with no lock. */
export const onTheLoop = (timeline: Timeline): boolean =>
  timeline.threads.length > 0 && timeline.threads.every((t) => t.role === 'task');

/** "primes / gil-threads ×2: 50 ms of its traced batch (5.5–55.5 ms of 290 ms)". */
export function windowTitle(cell: CellResult, timeline: Timeline): string {
  const shown = timeline.toMs - timeline.fromMs;
  const whole = shown >= timeline.batchMs - 1e-6;
  return whole
    ? `${cellLabel(cell)}: its whole traced batch (${formatMs(timeline.batchMs)})`
    : `${cellLabel(cell)}: ${formatMs(shown)} of its traced batch (${timeline.fromMs.toFixed(1)}–${timeline.toMs.toFixed(1)} ms of ${formatMs(timeline.batchMs)})`;
}

/** "held 49%": a thread's share of the whole traced batch, as the lock metrics report it. */
export const heldWords = (thread: Timeline['threads'][number]): string =>
  thread.reported ? `held ${formatPercent(thread.reported.holdShare)}` : '';

export type TracedCell = CellResult & { timeline: Timeline };

/** The cells a result can show lanes for, in the result's order. */
export const tracedCells = (cells: readonly CellResult[]): TracedCell[] =>
  cells.filter((cell): cell is TracedCell => cell.timeline !== undefined);

/** The first traced cell that `choice` (from --lanes) names. */
export const chosenCell = (cells: readonly CellResult[], choice: LaneChoice): TracedCell | undefined =>
  tracedCells(cells).find(
    (cell) =>
      (choice.workload === undefined || cell.workload === choice.workload) &&
      (choice.strategy === undefined || cell.strategy === choice.strategy) &&
      (choice.threads === undefined || cell.threads === choice.threads),
  );
