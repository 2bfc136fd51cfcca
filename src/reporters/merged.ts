import Table from 'cli-table3';
import type { Merged } from '../results/merge.js';
import { formatRatio, palette } from './format.js';
import { HEADLINES } from './group.js';

const machineLine = (m: Merged['machines'][number]): string =>
  `${m.label}: ${m.cpuModel}, ${m.cores} cores${m.freeCores === undefined ? '' : ` (${m.freeCores.toFixed(2)} free)`}, Node ${m.node}, ` +
  `speedups from ${HEADLINES[m.estimator].head} batches`;

/** Runs from several machines side by side: one column of speedups per machine. */
export function renderMergedTable(merged: Merged, color: boolean): string {
  const c = palette(color);
  const table = new Table({
    head: ['cell', ...merged.machines.map((m) => m.label)],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', ...merged.machines.map(() => 'right' as const)],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of merged.rows)
    table.push([row.id, ...row.speedups.map((s) => (s === undefined ? '–' : formatRatio(s)))]);
  return `${c.bold('Speedup vs sequential, by machine')}\n${table.toString()}\n${merged.machines.map(machineLine).join('\n')}\n`;
}

export function renderMergedMarkdown(merged: Merged): string {
  const head = `| Cell | ${merged.machines.map((m) => m.label).join(' | ')} |`;
  const rule = `|:---|${merged.machines.map(() => '---:').join('|')}|`;
  const rows = merged.rows.map(
    (row) => `| \`${row.id}\` | ${row.speedups.map((s) => (s === undefined ? '–' : formatRatio(s))).join(' | ')} |`,
  );
  return `${['## gil-bench: speedup vs sequential, by machine', '', head, rule, ...rows, '', ...merged.machines.map((m) => `- ${machineLine(m)}`)].join('\n')}\n`;
}
