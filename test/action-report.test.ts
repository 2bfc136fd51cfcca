/**
 * The action's report (job summary and comment): what it leads with, and that it fits GitHub's
 * comment limit however many cells a gate judged, cut at a line with what it opened closed.
 */
import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, fitMarkdown } from '../src/action/fit.js';
import { outcomeOf, type GateRun } from '../src/action/outcome.js';
import { commentMarker, renderReport, type ReportContext } from '../src/action/report.js';
import type { MetricChange } from '../src/results/types.js';
import { comparisonOf, metricChange } from './fixtures/comparisons.js';

const CTX: ReportContext = {
  workload: 'bench/workload.js',
  base: '`main` (merge base 1a2b3c4)',
  thresholdPct: 15,
  policy: 'warn',
  runUrl: 'https://github.test/octo/widgets/actions/runs/42',
  artifact: 'gil-bench-bench-workload.js',
};

const report = (runs: GateRun[], policy = CTX.policy): string =>
  renderReport(runs, outcomeOf(runs, policy), { ...CTX, policy });

describe('the report', () => {
  it('leads with the verdict, what regressed, improved and stayed undecided, and what this runner detects', () => {
    const comparison = comparisonOf({
      'wc/sequential/1t': [metricChange('regressed', 'time', 0.21, 0.11)],
      'wc/workers/2t': [metricChange('improved', 'speedup', -0.3, 0.09), metricChange('unchanged', 'time', 0, 0.08)],
      'wc/async/1t': [metricChange('inconclusive', 'time', 0.04, 0.19)],
    });
    const text = report([{ code: 1, comparison }]);
    expect(text.split('\n').slice(0, 8)).toEqual([
      '## ❌ gil-bench: `bench/workload.js` regressed against `main` (merge base 1a2b3c4)',
      '',
      '- ❌ **Regressed:** `wc/sequential/1t time` +21%',
      '- ✅ **Improved:** `wc/workers/2t speedup` −30%',
      '- ⚠️ **Undecided:** `wc/async/1t time`',
      '- **Unchanged:** 1 of 4 metrics',
      "- **This runner detects** changes of 19% or more in every metric (8% in the best one), over 6 process pairs; the gate's threshold is 15%.",
      '',
    ]);
    // Then the project's own comparison, under the report's title, naming the base in words.
    expect(text).toContain('### gil-bench: this version against `main` (merge base 1a2b3c4), side by side');
    expect(text).toContain(
      '`main` (merge base 1a2b3c4) against this version, side by side in one job: 6 process pairs',
    );
    expect(text).not.toContain('.gil-bench-base');
    expect(text).toContain('[this workflow run](https://github.test/octo/widgets/actions/runs/42)');
    expect(text).toContain('`gil-bench-bench-workload.js`');
  });

  it('names a few metrics in its lead and leaves the rest to the table', () => {
    const cells = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`w${i}/workers/2t`, [metricChange('regressed', 'time', 0.2)]]),
    );
    const lead = report([{ code: 1, comparison: comparisonOf(cells) }]).split('\n')[2] ?? '';
    expect(lead.match(/`w\d+\/workers\/2t time`/g)).toHaveLength(8);
    expect(lead).toMatch(/, and 3 more \(below\)$/);
  });

  it('says what the undecided policy does', () => {
    const comparison = comparisonOf({ 'wc/async/1t': [metricChange('inconclusive', 'time', 0.04, 0.19)] });
    expect(report([{ code: 3, comparison }], 'warn')).toContain(
      '**Undecided:** the undecided policy is warn: this does not block the pull request.',
    );
    expect(report([{ code: 3, comparison }], 'fail')).toMatch(/^## ⚠️ gil-bench: .* undecided against/);
    expect(report([{ code: 3, comparison }], 'fail')).toContain(
      'the undecided policy is fail: this blocks the pull request',
    );
  });

  it("shows gil-bench's own words when it could not measure, and why a gate was skipped", () => {
    const failed = report([{ code: 2, note: 'error: --workload: bench/workload.js: no export named run' }]);
    expect(failed).toMatch(/^## ❌ gil-bench: `bench\/workload\.js` failed against/);
    expect(failed).toContain(
      'gil-bench could not measure (exit 2):\n\n```\nerror: --workload: bench/workload.js: no export named run\n```',
    );
    const skipped = report([{ skipped: true, note: 'The base version has no `bench/workload.js`.' }]);
    expect(skipped).toMatch(/^## ➖ gil-bench: `bench\/workload\.js` skipped against/);
    expect(skipped).toContain('The base version has no `bench/workload.js`.');
  });

  it("fits GitHub's comment limit however many cells were judged, and says where the rest is", () => {
    const reason =
      'it could be anywhere from 14% better to 31% worse, past ±15%; over 6 units this runner detects 27% or more';
    const many: MetricChange[] = [{ ...metricChange('inconclusive', 'time', 0.07, 0.27), reason }];
    const cells = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`workload-${i}/async-offload/8t`, many]));
    const body = `${commentMarker('bench-bench-workload.js')}\n${report([{ code: 3, comparison: comparisonOf(cells) }])}`;
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT);
    const fitted = fitMarkdown(body, COMMENT_LIMIT, 'The whole report is in the job summary.');
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(fitted.length).toBeGreaterThan(COMMENT_LIMIT - 1000);
    // Whole lines, the marker and the lead kept, a note at the end.
    expect(body.startsWith(fitted.slice(0, fitted.lastIndexOf('\n\n> ✂️')))).toBe(true);
    expect(fitted.split('\n')[0]).toBe('<!-- gil-bench-action:bench-bench-workload.js -->');
    expect(fitted).toContain('- ⚠️ **Undecided:**');
    expect(fitted).toMatch(
      /\n> ✂️ Cut to fit GitHub's limit of 65,536 characters: \d+ of \d+ lines left out\. The whole report is in the job summary\.\n$/,
    );
  });
});

describe('fitting Markdown to a limit', () => {
  it('leaves what fits as it is', () => {
    expect(fitMarkdown('short\n', 100, 'elsewhere')).toBe('short\n');
  });

  it('closes a code fence and a <details> block it cuts through', () => {
    const text = [
      '# t',
      '<details><summary>s</summary>',
      '',
      '```',
      ...Array.from({ length: 50 }, (_, i) => `line ${i}`),
      '```',
      '</details>',
    ].join('\n');
    const fitted = fitMarkdown(text, 400, 'See the log.');
    expect(fitted.length).toBeLessThanOrEqual(400);
    expect(fitted).toMatch(
      /line \d+\n```\n\n<\/details>\n\n> ✂️ Cut to fit GitHub's limit of 400 characters: \d+ of 56 lines left out\. See the log\.\n$/,
    );
  });
});
