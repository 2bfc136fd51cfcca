import type { CellResult, SuiteResult } from '../results/types.js';
import type { Reporter } from './types.js';

type Column = [header: string, value: (cell: CellResult) => string | number | undefined];

const COLUMNS: Column[] = [
  ['workload', (c) => c.workload],
  ['io_ratio', (c) => c.ioRatio],
  ['kind', (c) => c.kind],
  ['strategy', (c) => c.strategy],
  ['threads', (c) => c.threads],
  ['state', (c) => c.state],
  ['tasks', (c) => c.tasks],
  ['samples', (c) => c.stats?.samples],
  ['median_ms', (c) => c.stats?.median],
  ['mean_ms', (c) => c.stats?.mean],
  ['min_ms', (c) => c.stats?.min],
  ['max_ms', (c) => c.stats?.max],
  ['p75_ms', (c) => c.stats?.p75],
  ['p99_ms', (c) => c.stats?.p99],
  ['sd_ms', (c) => c.stats?.sd],
  // A single batch has no margin of error: the field is empty, not 0.
  ['rme_pct', (c) => (c.stats && c.stats.samples > 1 ? c.stats.rme : undefined)],
  ['speedup', (c) => c.speedup?.value],
  ['speedup_low', (c) => c.speedup?.low],
  ['speedup_high', (c) => c.speedup?.high],
  ['efficiency', (c) => c.efficiency],
  ['startup_ms', (c) => c.startupMs],
  ['cpu_utilization', (c) => c.host?.cpuUtilization],
  ['loop_lag_p99_ms', (c) => c.host?.loopLagP99],
  ['io_op_p50_ms', (c) => c.io?.p50],
  ['io_op_p99_ms', (c) => c.io?.p99],
  ['lock_hold_share', (c) => c.lock?.holdShare],
  ['lock_wait_share', (c) => c.lock?.waitShare],
  ['lock_switches_per_s', (c) => c.lock?.switchesPerSecond],
  [
    'error',
    (c) =>
      c.error ?? (c.mismatches ? `checksums differ on tasks ${c.mismatches.map((m) => m.task).join(' ')}` : undefined),
  ],
];

/** RFC 4180 quoting: only when the field needs it. */
function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(Number(value.toFixed(6))) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per cell, for spreadsheets and scripts. */
export const csvReporter: Reporter = {
  name: 'csv',
  machine: true,
  render(result: SuiteResult): string {
    const rows = [
      COLUMNS.map(([header]) => header),
      ...result.cells.map((cell) => COLUMNS.map(([, value]) => field(value(cell)))),
    ];
    return `${rows.map((row) => row.join(',')).join('\r\n')}\r\n`;
  },
};
