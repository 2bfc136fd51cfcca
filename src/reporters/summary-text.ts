import type { ChalkInstance } from 'chalk';
import type { Summary, SummaryCell, SummaryRow, Tone } from '../analysis/summary.js';
import { FIGURE_MEANING, FIGURE_NAME, MARKS_RULE, RANGE_RULE, SAME_RULE } from '../analysis/summary-words.js';
import { COMPACT_BELOW, naturalWidth, renderTable, wrap, type Column } from './layout.js';

/** What a mark means, on a speedup row and on a latency row. */
const MARKS: Partial<Record<Tone, string>> = { gain: '▲', loss: '▼', unsure: '?' };

const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/**
 * How much a matrix cell says, the most that fits: 2 adds the interval beside a decided speedup;
 * 1 shows a speedup its interval does not decide as that interval, and latencies with their unit;
 * 0 only the figure and its mark ("=" where the interval decides nothing).
 */
type Level = 0 | 1 | 2;

/** A matrix cell's text: a decided speedup with its mark; an undecided one as its interval. */
function cellText(row: SummaryRow, cell: SummaryCell | null | undefined, level: Level): string {
  if (!cell) return '';
  if (cell.direction === 'wrong') return 'MISMATCH';
  if (cell.tone === 'failed') return 'FAILED';
  if (cell.value === undefined) return '–';
  const mark = MARKS[cell.tone] ?? (level === 0 && cell.tone === 'same' ? '=' : undefined);
  const marked = (text: string): string => (mark ? `${text} ${mark}` : text);
  if (row.figure !== 'speedup') {
    const worst = cell.max === undefined ? '' : ` (max ${ms(cell.max)})`;
    return marked(`${ms(cell.value)}${level > 0 ? ' ms' : ''}${worst}`);
  }
  const { low, high } = cell;
  const interval =
    low !== undefined && high !== undefined && low !== high ? `${low.toFixed(2)}–${high.toFixed(2)}` : '';
  // Where the interval decides nothing, it is the point: it holds 1, or stays within 3% of it.
  if (cell.tone === 'same' && interval && level > 0) return `${interval}×`;
  return marked(`${cell.value.toFixed(2)}×${level === 2 && interval ? ` (${interval})` : ''}`);
}

function paintOf(c: ChalkInstance, tone: Tone): (text: string) => string {
  switch (tone) {
    case 'gain':
      return c.green;
    case 'loss':
      return c.red;
    case 'failed':
      return c.red.bold;
    case 'unsure':
      return c.yellow;
    default:
      return (text) => text;
  }
}

function matrixColumns(summary: Summary, c: ChalkInstance, level: Level): Column<SummaryRow>[] {
  // Python rows: each for loop's time a task, what each interpreter costs a single thread.
  const perTask: Column<SummaryRow>[] = summary.rows.some((row) => row.taskMs !== undefined)
    ? [
        {
          head: 'for loop, a task',
          short: 'for loop,\na task',
          align: 'right',
          value: (row) => (row.taskMs === undefined ? '' : `${ms(row.taskMs)} ms`),
        },
      ]
    : [];
  return [
    { head: 'workload', align: 'left', value: (row) => row.title },
    ...perTask,
    ...summary.strategies.map((strategy, i): Column<SummaryRow> => ({
      head: summary.columns?.[i] ?? strategy,
      // "gil-\nthreads": the name stays whole, on two lines.
      short: (summary.columns?.[i] ?? strategy).replace('-', '-\n'),
      align: 'right',
      value: (row) => {
        const cell = row.cells[i];
        return cell ? paintOf(c, cell.tone)(cellText(row, cell, level)) : '';
      },
    })),
  ];
}

/**
 * The count the matrix is at: the pools' threads, and async's tasks at once, which no thread count
 * sets (every task of a batch, unless --async-limit caps it).
 */
export function summaryAt(summary: Summary): string {
  const pools = summary.strategies.some((s) => s !== 'async');
  const threads = pools ? ` at ${summary.threads} thread${summary.threads === 1 ? '' : 's'}` : '';
  if (summary.asyncAtOnce === undefined) return threads;
  const tasks =
    summary.asyncAtOnce === 'all'
      ? 'async runs every task of a batch at once'
      : `async runs at most ${summary.asyncAtOnce} at once (--async-limit)`;
  return `${threads}; ${tasks}`;
}

/** The legend: only the marks the matrix shows, and what each latency row measures. */
function legend(summary: Summary, level: Level, width: number): string[] {
  const cells = summary.rows.flatMap((row) => row.cells.map((cell) => ({ row, cell })));
  const onSpeedup = (tone: Tone): boolean =>
    cells.some(({ row, cell }) => row.figure === 'speedup' && cell?.tone === tone);
  const parts: string[] = [];
  // Intervals shown beside ▲/▼ only in the widest layout; narrower, the legend says they were left out.
  const omitted = level < 2 ? ` (intervals left out to fit ${width} columns: --details shows them)` : '';
  if (onSpeedup('gain') || onSpeedup('loss')) parts.push(`${MARKS_RULE}${omitted}`);
  if (onSpeedup('same')) parts.push(level > 0 ? RANGE_RULE : `${SAME_RULE}${omitted}`);
  if (onSpeedup('unsure')) parts.push('? cannot tell: the sentences below say why');
  const latency = summary.rows.filter((row) => row.figure !== 'speedup');
  for (const row of latency) {
    const unit = level > 0 ? '' : ', ms';
    const alone =
      row.reference === undefined
        ? ''
        : ` (${ms(row.reference)} ms ${row.figure === 'io-p50' ? 'alone' : 'with no loop running'})`;
    parts.push(`${row.title}: ${FIGURE_NAME[row.figure]}${unit}${alone}`);
  }
  for (const figure of new Set(latency.map((row) => row.figure)))
    parts.push(`${FIGURE_NAME[figure].replace(/ p\d+$/, '')}: ${FIGURE_MEANING[figure]}`);
  if (latency.some((row) => row.cells.some((cell) => cell?.max !== undefined)))
    parts.push('max: the worst op, where the verdict rests on it (the event loop blocked)');
  if (latency.length > 0) parts.push('▲ better, ▼ worse: the sentences below say why');
  return parts;
}

/**
 * The closing summary for the terminal: the matrix (intervals beside every decided speedup when
 * there is room), its legend, then the lesson's sentences, all within `width` columns.
 */
export function renderSummary(
  summary: Summary,
  c: ChalkInstance,
  { width, color, details }: { width: number; color: boolean; details: boolean },
): string {
  const what = summary.rows.some((row) => row.figure === 'speedup') ? ': speedup vs sequential' : '';
  const at = `${summaryAt(summary)}${summary.swept ? ' (the sweeps above show every count)' : ''}`;
  const more = details ? '' : ' · --details for every table';
  const title = wrap(`Summary${what}${at}${more}`, width).map((line) => c.bold(line));
  // The most each cell can say without squeezing the matrix: intervals only in the wide layout.
  const levels: Level[] = width >= COMPACT_BELOW ? [2, 1, 0] : [1, 0];
  const level = levels.find((l) => naturalWidth(matrixColumns(summary, c, l), summary.rows, width) <= width) ?? 0;
  const matrix = renderTable(matrixColumns(summary, c, level), summary.rows, { width, color });
  const key = wrap(legend(summary, level, width).join(' · '), width).map((line) => c.dim(line));
  const sentences = summary.sentences.flatMap((sentence) => wrap(`  ${sentence}`, width, '    '));
  return [...title, matrix, ...key, ...sentences].join('\n');
}
