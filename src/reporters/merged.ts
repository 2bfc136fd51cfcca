import type { Merged, MergedMachine, MergedRow } from '../results/merge.js';
import { formatRatio, palette } from './format.js';
import { HEADLINES } from './group.js';
import { DEFAULT_WIDTH, renderTable, wrap, type Column } from './layout.js';

const machineLine = (m: MergedMachine): string =>
  `${m.label}: ${m.cpuModel}, ${m.cores} cores${m.freeCores === undefined ? '' : ` (${m.freeCores.toFixed(2)} free)`}, Node ${m.node}, ` +
  `speedups from ${HEADLINES[m.estimator].head} batches${m.file ? ` (${m.file})` : ''}`;

/** A run that measured something else than the first, said where: its speedups are not the same quantity. */
const flagLine = (m: MergedMachine): string =>
  `${m.label} measured something else: ${m.differences.join('; ')}; its speedups are not comparable with the first run's`;

/** Runs from several machines side by side: one column of speedups per run, named by its label. */
export function renderMergedTable(merged: Merged, color: boolean, width = DEFAULT_WIDTH): string {
  const c = palette(color);
  const columns: Column<MergedRow>[] = [
    { head: 'cell', align: 'left', value: (row) => row.id },
    ...merged.machines.map((m, i): Column<MergedRow> => ({
      head: m.differences.length > 0 ? `${m.label} (!)` : m.label,
      align: 'right',
      wrap: true,
      value: (row) => {
        const s = row.speedups[i];
        return s === undefined ? '–' : formatRatio(s);
      },
    })),
  ];
  const flags = merged.machines
    .filter((m) => m.differences.length > 0)
    .flatMap((m) => wrap(`! ${flagLine(m)}`, width, '  ').map((line) => c.yellow(line)));
  return [
    c.bold('Speedup vs sequential, by run'),
    renderTable(columns, merged.rows, { width, color }),
    ...merged.machines.flatMap((m) => wrap(machineLine(m), width, '  ')),
    ...flags,
    '',
  ].join('\n');
}

export function renderMergedMarkdown(merged: Merged): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const head = `| Cell | ${merged.machines.map((m) => escape(m.differences.length > 0 ? `${m.label} (!)` : m.label)).join(' | ')} |`;
  const rule = `|:---|${merged.machines.map(() => '---:').join('|')}|`;
  const rows = merged.rows.map(
    (row) => `| \`${row.id}\` | ${row.speedups.map((s) => (s === undefined ? '–' : formatRatio(s))).join(' | ')} |`,
  );
  const flags = merged.machines.filter((m) => m.differences.length > 0).map((m) => `> ⚠️ ${escape(flagLine(m))}`);
  return `${['## gil-bench: speedup vs sequential, by run', '', head, rule, ...rows, '', ...merged.machines.map((m) => `- ${machineLine(m)}`), ...(flags.length > 0 ? ['', ...flags] : [])].join('\n')}\n`;
}
