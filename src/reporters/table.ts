import Table from 'cli-table3';
import type { CellResult, LockMetrics, SuiteResult } from '../results/types.js';
import { bar, formatInterval, formatMs, formatPercent, palette } from './format.js';
import { byWorkload, fastest, headline } from './group.js';
import type { Reporter, RenderOptions } from './types.js';
import { verdict } from './verdict.js';
import { sweepsOf } from './sweep.js';
import { renderSweep } from './sweep-text.js';
import { renderCalibrationText } from './calibration.js';

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
        cell.host
          ? `${formatMs(cell.host.loopLagP50)} / ${formatMs(cell.host.loopLagP99)} / ${formatMs(cell.host.loopLagMax)}`
          : '–',
    });
  }
  return columns;
}

function header(result: SuiteResult): string {
  const { config, environment: env } = result;
  return (
    `gil-bench ${result.tool.version} · ${config.suite} · size ${config.size} · threads ${config.threads.join(',')} · ` +
    `${config.iterations} timed batches · GIL ${config.gil}, switch interval ${config.switchIntervalMs} ms\n` +
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
      const extra = focusColumns(group.cells);
      const table = new Table({
        head: [
          'strategy',
          'threads',
          shown.head,
          'rme',
          'cpu',
          'speedup (95% CI)',
          '',
          ...extra.map((col) => col.head),
          'simulated lock',
        ],
        style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
        colAligns: [
          'left',
          'right',
          'right',
          'right',
          'right',
          'right',
          'left',
          ...extra.map((col) => col.align),
          'left',
        ],
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const cell of group.cells) {
        const failed = cell.state !== 'completed';
        const slow = cell.speedup !== undefined && cell.speedup.value < 0.9;
        const paint = failed ? c.red.bold : cell === best ? c.green.bold : slow ? c.red : (s: string) => s;
        table.push([
          paint(cell.strategy + (failed ? ` ${cell.state.toUpperCase()}` : '')),
          String(cell.threads),
          cell.stats ? paint(formatMs(shown.time(cell.stats))) : '–',
          cell.stats ? `${cell.stats.rme.toFixed(1)}%` : '–',
          cell.host ? formatPercent(cell.host.cpuUtilization) : '–',
          cell.speedup
            ? paint(formatInterval(cell.speedup))
            : cell.strategy === 'sequential' && !failed
              ? '1.00×'
              : '–',
          paint(bar(cell.speedup?.value ?? 0, top)),
          ...extra.map((col) => col.value(cell)),
          lockSummary(cell.lock, cell.io !== undefined),
        ]);
      }
      out.push(
        c.bold(`${group.title} (${group.kind}, ${group.cells[0]?.tasks ?? result.config.tasks} tasks per batch)`),
        table.toString(),
      );
      for (const cell of group.cells) {
        const line = `  ${cell.strategy.padEnd(13)} ${verdict(cell, result)}`;
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
          `pool start-up (cold, not in the times above): ${startups.map((cell) => `${cell.strategy} ×${cell.threads} ${formatMs(cell.startupMs)}`).join(', ')}`,
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
