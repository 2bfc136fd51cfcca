import Table from 'cli-table3';
import type { CellResult, LockMetrics, SuiteResult } from '../results/types.js';
import { formatInterval, formatMs, formatPercent, palette } from './format.js';
import { byWorkload, fastest } from './group.js';
import type { Reporter, RenderOptions } from './types.js';
import { verdict } from './verdict.js';

function lockSummary(lock: LockMetrics | undefined, kind: CellResult['kind']): string {
  if (!lock) return '';
  const parts = [`hold ${formatPercent(lock.holdShare)}`, `wait ${formatPercent(lock.waitShare)}`];
  if (kind === 'cpu') parts.push(`${lock.switchesPerSecond.toFixed(0)} sw/s`);
  else parts.push(`convoy p99 ${formatMs(lock.convoyP99)}`);
  return parts.join(' · ');
}

function header(result: SuiteResult): string {
  const { config, environment: env } = result;
  const threads = config.threads.join(',');
  return (
    `gil-bench ${result.tool.version} · ${config.suite} · ${config.tasks} tasks/batch · size ${config.size} · threads ${threads} · ` +
    `${config.iterations} timed + ${config.warmup} warm-up batches · GIL ${config.gil}, switch interval ${config.switchIntervalMs} ms\n` +
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
    for (const group of byWorkload(result)) {
      const best = fastest(group.cells);
      const table = new Table({
        head: ['strategy', 'threads', 'median', '±', 'speedup (95% CI)', 'simulated lock'],
        style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
        colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const cell of group.cells) {
        const failed = cell.state !== 'completed';
        const slow = cell.speedup !== undefined && cell.speedup.value < 0.9;
        const paint = failed ? c.red.bold : cell === best ? c.green.bold : slow ? c.red : (s: string) => s;
        table.push([
          paint(cell.strategy + (failed ? ` ${cell.state.toUpperCase()}` : '')),
          String(cell.threads),
          cell.stats ? paint(formatMs(cell.stats.median)) : '–',
          cell.stats ? `${cell.stats.rme.toFixed(1)}%` : '–',
          cell.speedup ? paint(formatInterval(cell.speedup)) : cell.strategy === 'sequential' && !failed ? '1.00×' : '–',
          lockSummary(cell.lock, group.kind),
        ]);
      }
      out.push(c.bold(`${group.workload} (${group.kind})`), table.toString());
      for (const cell of group.cells) {
        const line = `  ${cell.strategy.padEnd(13)} ${verdict(cell, result)}`;
        out.push(cell.state === 'completed' ? line : c.red.bold(line));
      }
      out.push('');
    }
    const startups = [...new Map(result.cells.filter((cell) => cell.startupMs > 0).map((cell) => [`${cell.strategy}/${cell.threads}`, cell])).values()];
    if (startups.length > 0) {
      out.push(c.dim(`pool start-up (cold, not in the times above): ${startups.map((cell) => `${cell.strategy} ×${cell.threads} ${formatMs(cell.startupMs)}`).join(', ')}`));
    }
    if (result.warnings.length > 0) {
      out.push('', c.yellow.bold('warnings:'));
      for (const w of result.warnings) out.push(c.yellow(`  ! ${w.message}`) + c.dim(` → ${w.hint}`));
    }
    return `${out.join('\n')}\n`;
  },
};
