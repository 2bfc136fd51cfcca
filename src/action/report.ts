/**
 * The action's report, for the job summary and the pull-request comment: the decision and what it
 * rests on first (what regressed, improved, stayed undecided, and what this runner detects), then
 * the project's own comparison table, then this version's tables folded away. Pure: it renders the
 * runs' results and never decides.
 */
import { markdownReporter } from '../reporters/markdown.js';
import { renderComparisonMarkdown } from '../reporters/comparison.js';
import type { SuiteResult } from '../results/types.js';
import type { Policy } from './inputs.js';
import { metricName, metricsOf, POLICY_WORDS, verdictOf, type GateRun, type Outcome, type Verdict } from './outcome.js';

/** A run with its whole result, when gil-bench wrote one. */
export interface RunReport extends GateRun {
  result?: SuiteResult;
}

export interface ReportContext {
  workload: string;
  /** The base version in words, e.g. "`main` (merge base 1a2b3c4)". */
  base: string;
  thresholdPct: number;
  policy: Policy;
  /** The workflow run's page, where the job summary and the artifact are. */
  runUrl?: string;
  /** The artifact that keeps the JSON results. */
  artifact?: string;
  /** What became of the comment: said in the job summary, not in the comment itself. */
  status?: string;
}

/** The hidden line that finds this gate's comment again on the next push. */
export const commentMarker = (key: string): string => `<!-- gil-bench-action:${key.replace(/-->/g, '')} -->`;

const MARK: Record<Verdict, string> = {
  regressed: '❌',
  failed: '❌',
  undecided: '⚠️',
  improved: '✅',
  unchanged: '✅',
  skipped: '➖',
};

/** At most this many metrics are named in a line of the lead table; the rest are in the table below. */
const NAMED = 8;

const percent = (x: number): string => `${(x * 100).toFixed(0)}%`;
const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)}%`;

/** Headings one level down: the report's own title is the only `##`. */
const demote = (markdown: string): string => markdown.replace(/^(#{1,5}) /gm, '#$1 ');

function lead(runs: readonly RunReport[], ctx: ReportContext): string[] {
  const metrics = metricsOf(runs);
  if (metrics.length === 0) return [];
  const named = (label: string, withChange: boolean): string => {
    const list = metrics.filter((m) => m.metric.label === label);
    if (list.length === 0) return 'none';
    const words = list
      .slice(0, NAMED)
      .map(
        (m) =>
          `\`${metricName(m)}\`${withChange && Number.isFinite(m.metric.change) ? ` ${pct(m.metric.change)}` : ''}`,
      );
    return `${words.join(', ')}${list.length > NAMED ? `, and ${list.length - NAMED} more (below)` : ''}`;
  };
  const unchanged = metrics.filter((m) => m.metric.label === 'unchanged').length;
  const detectable = metrics
    .map((m) => m.metric.detectable)
    .filter((d): d is number => d !== undefined && d !== null && Number.isFinite(d));
  const units = Math.max(0, ...runs.map((r) => r.comparison?.design?.units ?? 0));
  const resolution =
    detectable.length === 0
      ? 'nothing: no metric was judged'
      : `changes of ${percent(Math.max(...detectable))} or more in every metric${detectable.length > 1 ? ` (${percent(Math.min(...detectable))} in the best one)` : ''}, over ${units} process pairs; the gate's threshold is ${ctx.thresholdPct}%`;
  return [
    `- ❌ **Regressed:** ${named('regressed', true)}`,
    `- ✅ **Improved:** ${named('improved', true)}`,
    `- ⚠️ **Undecided:** ${named('inconclusive', false)}`,
    `- **Unchanged:** ${unchanged} of ${metrics.length} ${metrics.length === 1 ? 'metric' : 'metrics'}`,
    `- **This runner detects** ${resolution}.`,
    '',
  ];
}

/** One run's part: its comparison, what failed, and its own tables folded away. */
function runPart(run: RunReport, several: boolean, base: string): string[] {
  const out = several && run.python ? [`### ${run.python}`, ''] : [];
  const verdict = verdictOf(run);
  if (verdict === 'skipped') return [...out, run.note ?? 'Nothing to compare.', ''];
  if (verdict === 'failed') {
    const what = run.comparison ? 'could not measure every cell' : 'could not measure';
    out.push(`gil-bench ${what} (exit ${run.code ?? '–'}):`, '', '```', run.note ?? '', '```', '');
  }
  if (run.comparison) out.push(demote(renderComparisonMarkdown({ ...run.comparison, baseline: base })).trimEnd(), '');
  if (run.result) {
    const tables = demote(
      markdownReporter.render({ ...run.result, comparison: undefined }, { color: false }).trimEnd(),
    );
    out.push('<details><summary>This version’s own tables</summary>', '', tables, '', '</details>', '');
  }
  return out;
}

/** The report's Markdown, without the comment's marker. */
export function renderReport(runs: readonly RunReport[], outcome: Outcome, ctx: ReportContext): string {
  const title = `## ${MARK[outcome.verdict]} gil-bench: \`${ctx.workload}\` ${outcome.verdict} against ${ctx.base}`;
  const out = [title, '', ...lead(runs, ctx)];
  if (outcome.verdict === 'undecided') out.push(`**Undecided:** ${POLICY_WORDS[ctx.policy]}.`, '');
  if (ctx.status) out.push(ctx.status, '');
  for (const run of runs) out.push(...runPart(run, runs.length > 1, ctx.base));
  const version = runs.find((r) => r.result)?.result?.tool.version;
  const footer = [
    `gil-bench${version ? ` ${version}` : ''}`,
    ctx.runUrl ? `[this workflow run](${ctx.runUrl})` : undefined,
    ctx.artifact ? `the JSON results are in its artifact \`${ctx.artifact}\`` : undefined,
  ].filter(Boolean);
  out.push(`<sub>${footer.join(' · ')}</sub>`);
  return `${out.join('\n')}\n`;
}
