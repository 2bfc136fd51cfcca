import { PAIRED_FLOOR } from '../analysis/paired-compare.js';
import type { CellChange, Comparison, MetricChange } from '../results/types.js';
import { palette } from './format.js';
import { renderTable, wrap, type Column } from './layout.js';

const pct = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%` : '–');

function figure(m: MetricChange, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (m.unit === '×') return `${x.toFixed(2)}×`;
  return m.unit === 'ms' ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} yd`;
}

const METRIC_WORDS: Record<MetricChange['metric'], string> = {
  speedup: 'speedup vs sequential within each run (the runner’s speed cancels out)',
  time: 'the cell’s own time in yardsticks (a reference kernel timed in the same rounds, so a slower runner cancels too)',
};

/** What the A/B run spent on its looks, against its budget. */
function spending(comparison: Comparison): string {
  const { spentSeconds, budgetSeconds } = comparison.design ?? {};
  if (spentSeconds === undefined || budgetSeconds === undefined) return '';
  if (!(budgetSeconds > 0)) return ' (one look: --gate-budget 0)';
  const looks =
    comparison.looks > 1 ? `${comparison.looks} looks, the further ones on undecided metrics only` : '1 look';
  return ` (${looks}; ${spentSeconds.toFixed(0)} s, with ${budgetSeconds.toFixed(0)} s allowed for further looks)`;
}

/** How the comparison judges, in a few lines. */
function heading(comparison: Comparison): string[] {
  const design = comparison.design;
  const holm = (looks: number): string =>
    `Holm's method over the ${rows(comparison).length} metrics judged at once, at a family-wise rate of ${((design?.familyRate ?? 0.05) * 100).toFixed(0)}% for each claim${looks > 1 ? ` over all ${looks} looks, half of it spent at the first` : ''}`;
  // The paired gate claims a change only past a share of the threshold (analysis/paired-compare.ts).
  const floor =
    design?.kind === 'paired'
      ? `a change of ${comparison.thresholdPct * PAIRED_FLOOR}% or less, ${PAIRED_FLOOR * 100}% of the threshold`
      : 'no change';
  const claim = `A change counts when it reaches ${comparison.thresholdPct}% and a one-sided test rejects ${floor} (${holm(design?.kind === 'paired' ? comparison.looks : 1)}); it is unchanged when a one-sided test rejects ${comparison.thresholdPct}% worse.${design ? ' Each interval is drawn at the level its verdict was reached at (an undecided one at the strictest), so the two agree.' : ''}`;
  if (design?.kind === 'paired') {
    const turns =
      design.alternation === 'processes'
        ? 'each running all its rounds in turn'
        : 'taking turns round by round, A B B A';
    return [
      `${comparison.baseline || 'The base version'} against this version, side by side in one job: ${design.units} process pairs${spending(comparison)}, each version in processes of its own, ${turns}, the first version swapped from pair to pair.`,
      'Each metric gets one log ratio per pair (each version’s typical round in that pair), so the spread between pairs holds what separate processes differ by; speedup is vs sequential in the same process, time is the cell’s own.',
      claim,
    ];
  }
  if (design?.kind === 'history') {
    return [
      `Compared with the last ${design.units} saves of ${comparison.baseline || 'the baseline'} on ${comparison.metrics.map((m) => METRIC_WORDS[m]).join('; and ')}.`,
      'This run is judged as one more draw from those saves: the spread between them (pooled over each workload’s metrics of one kind) is how far this runner moves between runs of the same code, so a change within it cannot fail the gate.',
      claim,
    ];
  }
  const level = `${(comparison.confidence * 100).toFixed(1)}%`;
  return [
    `Compared with ${comparison.baseline || 'the baseline'} on ${comparison.metrics.map((m) => METRIC_WORDS[m]).join('; and ')}.`,
    'Each figure is a cell’s typical round (the geometric mean of its rounds, bursts of noise left out), whatever statistic the run’s own tables show: it does not depend on how many rounds a run took.',
    `A change counts when its ${level} interval excludes none and it reaches ${comparison.thresholdPct}%; it is unchanged when it cannot be ${comparison.thresholdPct}% worse (each end a one-sided test).`,
  ];
}

/** The smallest change a metric's spread lets the runner detect, where it was measured. */
const detects = (m: MetricChange): string =>
  m.detectable !== undefined && Number.isFinite(m.detectable) ? `${(m.detectable * 100).toFixed(0)}%` : '–';

const measuredDetectable = (comparison: Comparison): boolean =>
  rows(comparison).some(({ metric }) => metric.detectable !== undefined);

/** Counted by cell, each under its worst metric's label: said, since the lead counts metrics. */
function counts(comparison: Comparison): string {
  const by = (label: string): number => comparison.changes.filter((c) => c.label === label).length;
  const cells = comparison.changes.length;
  return `${cells} ${cells === 1 ? 'cell' : 'cells'}, each by its worst metric: ${by('regressed')} regressed, ${by('improved')} improved, ${by('unchanged')} unchanged, ${by('inconclusive')} undecided`;
}

/** Each cell and metric as one row: base → head, the change with its interval, the label. */
function rows(comparison: Comparison): Array<{ change: CellChange; metric: MetricChange }> {
  return comparison.changes.flatMap((change) => change.metrics.map((metric) => ({ change, metric })));
}

const verdictOf = (m: MetricChange): string => m.label + (m.reason ? `: ${m.reason}` : '');

type Row = { change: CellChange; metric: MetricChange };

/** A comparison for the terminal, within `width` columns: one row per cell and metric, regressions in red, then the decision. */
export function renderComparisonTable(comparison: Comparison, color: boolean, width: number): string {
  const c = palette(color);
  const paint = (m: MetricChange): ((s: string) => string) =>
    m.label === 'regressed'
      ? c.red.bold
      : m.label === 'improved'
        ? c.green
        : m.label === 'inconclusive'
          ? c.yellow
          : (s: string) => s;
  // The verdict wraps first; then the figures of each run go, the change and its verdict stay.
  const columns: Column<Row>[] = [
    // Compact: a space after the workload, so that a narrow column wraps there and cuts nothing.
    {
      head: 'cell',
      align: 'left',
      wrap: true,
      value: ({ change }, compact) => (compact ? change.id.replace('/', '/ ') : change.id),
    },
    { head: 'metric', align: 'left', value: ({ metric }) => metric.metric },
    { head: 'base', align: 'right', drop: 1, value: ({ metric: m }) => figure(m, m.base) },
    { head: 'head', align: 'right', drop: 2, value: ({ metric: m }) => figure(m, m.head) },
    {
      head: 'change (interval)',
      short: 'change\n(interval)',
      align: 'right',
      wrap: true,
      value: ({ metric: m }) => `${pct(m.change)} (${pct(m.low)} … ${pct(m.high)})`,
    },
    ...(measuredDetectable(comparison)
      ? [{ head: 'detects', align: 'right' as const, drop: 3, value: ({ metric: m }: Row) => detects(m) }]
      : []),
    { head: 'verdict', align: 'left', wrap: true, value: ({ metric: m }) => paint(m)(verdictOf(m)) },
  ];
  const table = renderTable(columns, rows(comparison), { width, color });
  const decision = comparison.decision;
  const paintDecision = decision.exitCode === 1 ? c.red.bold : decision.exitCode === 3 ? c.yellow.bold : c.green.bold;
  const prose = (text: string, indent = ''): string[] => wrap(text, width, indent);
  const lines = [
    ...heading(comparison).flatMap((l) => prose(l).map((line) => c.bold(line))),
    table,
    ...prose(counts(comparison)),
    ...prose(`gate: ${decision.summary}`, '  ').map((line) => paintDecision(line)),
  ];
  for (const note of comparison.notes ?? []) lines.push(...prose(`note: ${note}`, '  ').map((line) => c.yellow(line)));
  if (comparison.differences.length > 0) {
    lines.push(
      ...prose('warning: the two runs differ, so the comparison may not be fair:').map((line) => c.yellow(line)),
      ...comparison.differences.flatMap((d) => prose(`  ${d}`, '    ').map((line) => c.yellow(line))),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The same comparison as GitHub Markdown, for job summaries and pull-request comments: the decision first. */
export function renderComparisonMarkdown(comparison: Comparison): string {
  const mark = comparison.decision.exitCode === 1 ? '❌' : comparison.decision.exitCode === 3 ? '⚠️' : '✅';
  // What changed first; a summary should not make the reader scroll past unchanged cells.
  const ordered = rows(comparison).sort((a, b) => order(a.metric) - order(b.metric));
  const withDetects = measuredDetectable(comparison);
  const table = ordered.map(
    ({ change, metric: m }) =>
      `| \`${change.id}\` | ${m.metric} | ${figure(m, m.base)} | ${figure(m, m.head)} | ${pct(m.change)} (${pct(m.low)} … ${pct(m.high)}) |${withDetects ? ` ${detects(m)} |` : ''} ${m.label === 'regressed' ? '**regressed**' : m.label}${m.reason ? `: ${m.reason}` : ''} |`,
  );
  const lines = [
    comparison.design?.kind === 'paired'
      ? `## gil-bench: this version against ${comparison.baseline || 'the base version'}, side by side`
      : '## gil-bench: comparison with the baseline',
    '',
    `${mark} **${comparison.decision.summary}**`,
    '',
    ...heading(comparison),
    '',
    `| Cell | Metric | Base | Head | Change (interval) |${withDetects ? ' Detects |' : ''} Verdict |`,
    `|:---|:---|---:|---:|---:|${withDetects ? '---:|' : ''}:---|`,
    ...table,
    '',
    counts(comparison),
  ];
  for (const note of comparison.notes ?? []) lines.push('', `> ℹ️ ${note}`);
  if (comparison.differences.length > 0)
    lines.push('', '> ⚠️ The two runs differ:', ...comparison.differences.map((d) => `> - ${d}`));
  return `${lines.join('\n')}\n`;
}

const ORDER: Record<MetricChange['label'], number> = { regressed: 0, inconclusive: 1, improved: 2, unchanged: 3 };
const order = (m: MetricChange): number => ORDER[m.label];
