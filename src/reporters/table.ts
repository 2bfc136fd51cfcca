import type { ChalkInstance } from 'chalk';
import type { CellResult, LockMetrics, SuiteResult } from '../results/types.js';
import { bar, formatMs, formatPercent, palette } from './format.js';
import {
  batchesRun,
  byWorkload,
  fastest,
  headline,
  lockMode,
  shownLabel,
  shownName,
  shownNameOf,
  type CellGroup,
} from './group.js';
import type { StrategyName } from '../strategies/names.js';
import type { Reporter, RenderOptions } from './types.js';
import { renderSweep } from './sweep-text.js';
import { renderSummary } from './summary-text.js';
import { renderCalibrationText } from './calibration.js';
import { CPU, RME, SPEEDUP, timeFigure } from './cell-columns.js';
import { DEFAULT_WIDTH, renderTable, wrap, wrapParts, type Column } from './layout.js';
import { FIGURE_MEANING } from '../analysis/summary-words.js';

/**
 * The lock in a few figures, each of the lock as a whole (the key below the tables says so): the
 * share of the time some thread held it, as the verdicts quote it, and how many threads waited
 * for it on average. `compact` for narrow terminals.
 */
function lockSummary(lock: LockMetrics | undefined, threads: number, withIo: boolean, compact: boolean): string {
  if (!lock) return '';
  const held = formatPercent(Math.min(1, lock.holdShare * threads));
  const waiting = (lock.waitShare * threads).toFixed(1);
  // Waits make the convoy delay the telling figure; pure CPU work, the switch rate.
  const telling = withIo
    ? `${compact ? 'convoy' : 'convoy p99'} ${formatMs(lock.convoyP99)}`
    : `${lock.switchesPerSecond.toFixed(0)} sw/s`;
  // Python 2's fight over the lock: wake-ups that found it taken again.
  const vain = lock.failedWakeups > 0 ? `${lock.failedWakeups} vain${compact ? '' : ' wake-ups'}` : '';
  if (compact) return [`${held} held`, `${waiting} wait`, telling, vain].filter(Boolean).join(' ');
  return [`held ${held}`, `${waiting} waiting`, telling, vain].filter(Boolean).join(' · ');
}

/** What the details tables' terse columns measure, for those the tables show. */
function columnsKey(result: SuiteResult): string[] {
  const cells = result.cells;
  const parts = [
    `cpu: CPU time ÷ (wall time × ${result.environment.availableParallelism} cores)`,
    "±: how far the speedup's 95% interval reaches",
  ];
  if (cells.some((cell) => cell.io)) parts.push(`off-CPU: ${FIGURE_MEANING['io-p50']}`);
  if (cells.some((cell) => cell.focus === 'loop-lag')) parts.push(`loop lag: ${FIGURE_MEANING['loop-lag-p99']}`);
  if (cells.some((cell) => cell.lock)) {
    parts.push(
      'lock: held = the share of the time some thread held it; waiting = threads waiting for it, on average' +
        (cells.some((cell) => cell.lock && !cell.io) ? '; sw/s = hand-overs between threads a second' : '') +
        (cells.some((cell) => cell.lock && cell.io)
          ? "; convoy p99 = from an I/O op's end until its thread held the lock again"
          : ''),
    );
  }
  return parts;
}

/** Several durations joined by "/"; in the compact layout the unit once, where they share it: "10.4/12.5 ms". */
function durations(values: readonly number[], compact: boolean): string {
  const shown = values.map(formatMs);
  const units = new Set(shown.map((text) => text.split(' ')[1]));
  if (compact && units.size === 1) return `${shown.map((text) => text.split(' ')[0]).join('/')} ${[...units][0] ?? ''}`;
  return shown.join(compact ? '/' : ' / ');
}

/** Columns beyond the common ones, chosen by what the group's workload is about. */
function focusColumns(cells: readonly CellResult[]): Column<CellResult>[] {
  const columns: Column<CellResult>[] = [];
  if (cells.some((cell) => cell.io)) {
    columns.push({
      head: 'off-CPU p50 / p99',
      short: 'off-CPU p50/p99',
      align: 'right',
      wrap: true,
      value: (cell, compact) => (cell.io ? durations([cell.io.p50, cell.io.p99], compact) : '–'),
    });
  }
  if (cells[0]?.focus === 'loop-lag') {
    columns.push({
      head: 'loop lag p50 / p99 / max',
      short: 'lag p50/p99/max',
      align: 'right',
      wrap: true,
      value: (cell, compact) =>
        cell.host?.loopLagP99 !== undefined
          ? durations(
              [cell.host.loopLagP50 ?? Number.NaN, cell.host.loopLagP99, cell.host.loopLagMax ?? Number.NaN],
              compact,
            )
          : '–',
    });
  }
  return columns;
}

function header(result: SuiteResult, c: ChalkInstance, width: number): string[] {
  const { config, environment: env } = result;
  const run = batchesRun(result);
  const parts = [
    `gil-bench ${result.tool.version}`,
    config.suite,
    `size ${config.size}`,
    `threads ${config.threads.join(',')}`,
    run.batches,
    lockMode(config, result.cells),
  ];
  const machine = [
    env.cpuModel,
    `${env.availableParallelism} cores`,
    `Node ${env.node}`,
    ...(result.partial ? ['PARTIAL (interrupted)'] : []),
  ];
  return [...wrapParts(parts, width, ' · ', '  '), ...wrapParts(machine, width, ' · ', '  ')].map((line) =>
    c.bold(line),
  );
}

/** One workload's table and the verdict of each strategy beneath it. */
function groupTable(
  group: CellGroup,
  result: SuiteResult,
  c: ChalkInstance,
  options: Required<RenderOptions>,
): string[] {
  const shown = headline(result);
  const best = fastest(group.cells, shown);
  // Bars share one scale per table, so their lengths compare.
  const top = Math.max(1, ...group.cells.map((cell) => cell.speedup?.value ?? 0));
  const paintOf = (cell: CellResult): ((text: string) => string) => {
    if (cell.state !== 'completed') return c.red.bold;
    if (cell === best) return c.green.bold;
    return cell.verdict?.direction === 'slower' ? c.red : (text: string) => text;
  };
  const time = timeFigure(shown);
  const columns: Column<CellResult>[] = [
    {
      head: 'strategy',
      align: 'left',
      value: (cell) =>
        paintOf(cell)(shownNameOf(cell, result) + (cell.state !== 'completed' ? ` ${cell.state.toUpperCase()}` : '')),
    },
    { head: 'threads', short: 'thr', align: 'right', drop: 3, value: (cell) => String(cell.threads) },
    { head: time.head, short: time.short, align: 'right', value: (cell) => paintOf(cell)(time.value(cell)) },
    { head: RME.head, short: RME.short, align: 'right', drop: 4, value: RME.value },
    { head: CPU.head, short: CPU.short, align: 'right', drop: 2, value: CPU.value },
    {
      head: SPEEDUP.head,
      short: SPEEDUP.short,
      align: 'right',
      value: (cell) => (cell.speedup ? paintOf(cell)(SPEEDUP.value(cell)) : SPEEDUP.value(cell)),
    },
    {
      head: '',
      align: 'left',
      wideOnly: true,
      drop: 1,
      value: (cell) => paintOf(cell)(bar(cell.speedup?.value ?? 0, top)),
    },
    ...focusColumns(group.cells),
  ];
  // No lock column where no cell ran under a lock (none at all under --gil none).
  if (group.cells.some((cell) => cell.lock)) {
    columns.push({
      head: 'simulated lock',
      short: 'lock',
      align: 'left',
      wrap: true,
      drop: 5,
      value: (cell, compact) => lockSummary(cell.lock, cell.threads, cell.io !== undefined, compact),
    });
  }
  const title = `${group.title} (${group.kind}, ${group.cells[0]?.tasks ?? result.config.tasks} tasks per batch)`;
  const verdicts = group.cells.flatMap((cell) => {
    const lines = wrap(
      `  ${shownNameOf(cell, result).padEnd(13)} ${cell.verdict?.text ?? ''}`,
      options.width,
      ' '.repeat(16),
    );
    return lines.map((line) => (cell.state === 'completed' ? line : c.red.bold(line)));
  });
  return [
    ...wrap(title, options.width).map((line) => c.bold(line)),
    renderTable(columns, group.cells, options),
    ...verdicts,
    '',
  ];
}

/** Notes (what a choice such as --quick trades away) and warnings (what makes figures less trustworthy). */
function notices(result: SuiteResult, c: ChalkInstance, width: number): string[] {
  const out: string[] = [];
  const notes = result.warnings.filter((w) => w.level === 'note');
  const warnings = result.warnings.filter((w) => w.level !== 'note');
  for (const n of notes)
    out.push(...wrap(`note: ${n.message} → ${n.hint}`, width, '      ').map((line) => c.dim(line)));
  if (warnings.length > 0) {
    out.push(c.yellow.bold('warnings:'));
    for (const w of warnings)
      out.push(...wrap(`  ! ${w.message} → ${w.hint}`, width, '    ').map((line) => c.yellow(line)));
  }
  return out.length > 0 ? [...out, ''] : [];
}

/**
 * The human view. By default what a newcomer needs: the run's header, any sweep, the notes and
 * warnings, and last the summary (a matrix of every workload and strategy, and the lesson in a few
 * sentences). With `details`, every workload's table and each strategy's reasoning come first.
 * Everything fits `width` columns.
 */
export const tableReporter: Reporter = {
  name: 'table',
  machine: false,
  render(result: SuiteResult, { color, width = DEFAULT_WIDTH, details = false }: RenderOptions): string {
    const c = palette(color);
    const options = { color, width, details };
    const out: string[] = [...header(result, c, width), ''];
    if (details) {
      for (const group of byWorkload(result)) out.push(...groupTable(group, result, c, options));
      out.push(...wrap(columnsKey(result).join(' · '), width, '  ').map((line) => c.dim(line)), '');
    }
    const named = { ...options, name: (strategy: StrategyName) => shownName(strategy, result) };
    for (const sweep of result.sweeps ?? []) out.push(renderSweep(sweep, c, named), '');
    if (result.calibration) out.push(renderCalibrationText(result.calibration, color, options.width), '');
    const startups = [
      ...new Map(
        result.cells.filter((cell) => cell.startupMs > 0).map((cell) => [`${cell.strategy}/${cell.threads}`, cell]),
      ).values(),
    ];
    if (details && startups.length > 0) {
      const line = `pool start-up (cold, not in the times above): ${startups.map((cell) => `${shownLabel(cell, result)} ${formatMs(cell.startupMs)}`).join(', ')}`;
      out.push(...wrap(line, width, '  ').map((text) => c.dim(text)), '');
    }
    out.push(...notices(result, c, width));
    if (result.cells.length > 0 && result.summary) out.push(renderSummary(result.summary, c, options));
    return `${out.join('\n').trimEnd()}\n`;
  },
};
