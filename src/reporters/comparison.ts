import Table from 'cli-table3';
import type { CellChange, Comparison } from '../results/compare.js';
import { palette } from './format.js';

const pct = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%` : '–');
const value = (change: CellChange, x: number): string =>
  !Number.isFinite(x) ? '–' : change.metric === 'speedup' ? `${x.toFixed(2)}×` : `${x.toFixed(1)} ms`;
const pValue = (p: number): string => (!Number.isFinite(p) ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3));

function heading(comparison: Comparison): string {
  const what =
    comparison.metric === 'speedup'
      ? "speedup vs sequential within each run (the runner's speed cancels out)"
      : 'absolute batch time';
  return `Comparing ${what}; changes under ${comparison.thresholdPct}% count as unchanged; change of the median with a 95% bootstrap interval; significance by the Mann–Whitney U test (p < 0.05).`;
}

function counts(comparison: Comparison): string {
  const by = (label: string): number => comparison.changes.filter((c) => c.label === label).length;
  return `${by('regressed')} regressed, ${by('improved')} improved, ${by('unchanged')} unchanged, ${by('inconclusive')} inconclusive`;
}

/** A comparison for the terminal: one row per cell, regressions in red, then the machine differences. */
export function renderComparisonTable(comparison: Comparison, color: boolean): string {
  const c = palette(color);
  const table = new Table({
    head: ['cell', 'base', 'head', 'change (95% CI)', 'p', 'verdict'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const change of comparison.changes) {
    const paint =
      change.label === 'regressed'
        ? c.red.bold
        : change.label === 'improved'
          ? c.green
          : change.label === 'inconclusive'
            ? c.yellow
            : (s: string) => s;
    table.push([
      change.id,
      value(change, change.base),
      value(change, change.head),
      `${pct(change.change)} (${pct(change.low)} … ${pct(change.high)})`,
      pValue(change.p),
      paint(change.label + (change.reason ? `: ${change.reason}` : '')),
    ]);
  }
  const lines = [c.bold(heading(comparison)), table.toString(), counts(comparison)];
  if (comparison.differences.length > 0) {
    lines.push(
      c.yellow('warning: the two runs differ, so the comparison may not be fair:'),
      ...comparison.differences.map((d) => c.yellow(`  ${d}`)),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The same comparison as GitHub Markdown, for job summaries and pull-request comments. */
export function renderComparisonMarkdown(comparison: Comparison): string {
  const rows = comparison.changes.map(
    (ch) =>
      `| \`${ch.id}\` | ${value(ch, ch.base)} | ${value(ch, ch.head)} | ${pct(ch.change)} (${pct(ch.low)} … ${pct(ch.high)}) | ${pValue(ch.p)} | ${ch.label === 'regressed' ? '**regressed**' : ch.label}${ch.reason ? `: ${ch.reason}` : ''} |`,
  );
  const lines = [
    '## gil-bench compare',
    '',
    heading(comparison),
    '',
    '| Cell | Base | Head | Change (95% CI) | p | Verdict |',
    '|:---|---:|---:|---:|---:|:---|',
    ...rows,
    '',
    counts(comparison),
  ];
  if (comparison.differences.length > 0)
    lines.push('', '> ⚠️ The two runs differ:', ...comparison.differences.map((d) => `> - ${d}`));
  return `${lines.join('\n')}\n`;
}
