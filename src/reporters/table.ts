import Table from 'cli-table3';
import type { CellResult, LockMetrics, SuiteResult } from '../results/types.js';
import { bar, formatInterval, formatMargin, formatMs, formatPercent, palette } from './format.js';
import { byWorkload, fastest, headline } from './group.js';
import type { Reporter, RenderOptions } from './types.js';
import { sweepsOf } from '../analysis/sweep.js';
import { renderSweep } from './sweep-text.js';
import { renderCalibrationText } from './calibration.js';
import { strategyLabel } from '../results/cell-id.js';

function lockSummary(lock: LockMetrics | undefined, withIo: boolean): string {
  if (!lock) return '';
  const parts = [`hold ${formatPercent(lock.holdShare)}`, `wait ${formatPercent(lock.waitShare)}`];
  // Waits make the convoy delay the telling figure; pure CPU work, the switch rate.
  if (withIo) parts.push(`convoy p99 ${formatMs(lock.convoyP99)}`);
  else parts.push(`${lock.switchesPerSecond.toFixed(0)} sw/s`);
  // Python 2's fight over the lock: wake-ups that found it taken again.
  if (lock.failedWakeups > 0) parts.push(`${lock.failedWakeups} vain wake-ups`);
  return parts.join(' · ');
}

interface Column {
  head: string;
  align: 'left' | 'right';
  value(cell: CellResult): string;
}

/** Columns beyond the common ones, chosen by what the group's workload is about. */
function focusColumns(cells: readonly CellResult[]): Column[] {
  const columns: Column[] = [];
  if (cells.some((cell) => cell.io)) {
    columns.push({
      head: 'I/O op p50 / p99',
      align: 'right',
      value: (cell) => (cell.io ? `${formatMs(cell.io.p50)} / ${formatMs(cell.io.p99)}` : '–'),
    });
  }
  if (cells[0]?.focus === 'loop-lag') {
    columns.push({
      head: 'loop lag p50 / p99 / max',
      align: 'right',
      value: (cell) =>
        cell.host?.loopLagP99 !== undefined
          ? `${formatMs(cell.host.loopLagP50 ?? Number.NaN)} / ${formatMs(cell.host.loopLagP99)} / ${formatMs(cell.host.loopLagMax ?? Number.NaN)}`
          : '–',
    });
  }
  return columns;
}

/** The lock the run simulated, with its switch interval only where there is one. */
function lockMode(config: SuiteResult['config']): string {
  if (config.gil === 'cpython') return `GIL cpython, switch interval ${config.switchIntervalMs} ms`;
  if (config.gil === 'legacy') return 'GIL legacy (Python 2: released and re-taken at every check)';
  return 'no GIL (free-threaded)';
}

function header(result: SuiteResult): string {
  const { config, environment: env } = result;
  return (
    `gil-bench ${result.tool.version} · ${config.suite} · size ${config.size} · threads ${config.threads.join(',')} · ` +
    `${config.iterations} timed batches · ${lockMode(config)}\n` +
    `${env.cpuModel} · ${env.availableParallelism} cores · Node ${env.node}${result.partial ? ' · PARTIAL (interrupted)' : ''}`
  );
}

/** The human view: one table per workload, a verdict per strategy, warnings at the end. */
export const tableReporter: Reporter = {
  name: 'table',
  machine: false,
  render(result: SuiteResult, { color }: RenderOptions): string {
    const c = palette(color);
    const out: string[] = [c.bold(header(result)), ''];
    const shown = headline(result);
    for (const group of byWorkload(result)) {
      const best = fastest(group.cells, shown);
      // Bars share one scale per table, so their lengths compare.
      const top = Math.max(1, ...group.cells.map((cell) => cell.speedup?.value ?? 0));
      const paintOf = (cell: CellResult): ((text: string) => string) => {
        if (cell.state !== 'completed') return c.red.bold;
        if (cell === best) return c.green.bold;
        return cell.verdict?.direction === 'slower' ? c.red : (text: string) => text;
      };
      const columns: Column[] = [
        {
          head: 'strategy',
          align: 'left',
          value: (cell) =>
            paintOf(cell)(cell.strategy + (cell.state !== 'completed' ? ` ${cell.state.toUpperCase()}` : '')),
        },
        { head: 'threads', align: 'right', value: (cell) => String(cell.threads) },
        {
          head: shown.head,
          align: 'right',
          value: (cell) => (cell.stats ? paintOf(cell)(formatMs(shown.time(cell.stats))) : '–'),
        },
        { head: '±', align: 'right', value: formatMargin },
        { head: 'cpu', align: 'right', value: (cell) => (cell.host ? formatPercent(cell.host.cpuUtilization) : '–') },
        {
          head: 'speedup (95% CI)',
          align: 'right',
          value: (cell) =>
            cell.speedup
              ? paintOf(cell)(formatInterval(cell.speedup))
              : cell.strategy === 'sequential' && cell.state === 'completed'
                ? '1.00×'
                : '–',
        },
        { head: '', align: 'left', value: (cell) => paintOf(cell)(bar(cell.speedup?.value ?? 0, top)) },
        ...focusColumns(group.cells),
      ];
      // No lock column where no cell ran under a lock (none at all under --gil none).
      if (group.cells.some((cell) => cell.lock)) {
        columns.push({
          head: 'simulated lock',
          align: 'left',
          value: (cell) => lockSummary(cell.lock, cell.io !== undefined),
        });
      }
      const table = new Table({
        head: columns.map((col) => col.head),
        style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
        colAligns: columns.map((col) => col.align),
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const cell of group.cells) table.push(columns.map((col) => col.value(cell)));
      out.push(
        c.bold(`${group.title} (${group.kind}, ${group.cells[0]?.tasks ?? result.config.tasks} tasks per batch)`),
        table.toString(),
      );
      for (const cell of group.cells) {
        const line = `  ${cell.strategy.padEnd(13)} ${cell.verdict?.text ?? ''}`;
        out.push(cell.state === 'completed' ? line : c.red.bold(line));
      }
      out.push('');
    }
    for (const sweep of sweepsOf(result)) out.push(renderSweep(sweep, c, color), '');
    if (result.calibration) out.push(renderCalibrationText(result.calibration, color), '');
    const startups = [
      ...new Map(
        result.cells.filter((cell) => cell.startupMs > 0).map((cell) => [`${cell.strategy}/${cell.threads}`, cell]),
      ).values(),
    ];
    if (startups.length > 0) {
      out.push(
        c.dim(
          `pool start-up (cold, not in the times above): ${startups.map((cell) => `${strategyLabel(cell)} ${formatMs(cell.startupMs)}`).join(', ')}`,
        ),
      );
    }
    if (result.warnings.length > 0) {
      out.push('', c.yellow.bold('warnings:'));
      for (const w of result.warnings) out.push(c.yellow(`  ! ${w.message}`) + c.dim(` → ${w.hint}`));
    }
    return `${out.join('\n')}\n`;
  },
};
