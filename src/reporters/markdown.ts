import type { SuiteResult } from '../results/types.js';
import { RME, SPEEDUP, timeFigure } from './cell-columns.js';
import { batchesRun, byWorkload, headline, shownNameOf } from './group.js';
import type { Reporter } from './types.js';
import { renderCalibrationMarkdown } from './calibration.js';
import { renderComparisonMarkdown } from './comparison.js';

const escape = (text: string): string => text.replace(/\|/g, '\\|');

/** GitHub-flavoured tables, for `$GITHUB_STEP_SUMMARY` and pull-request comments. */
export const markdownReporter: Reporter = {
  name: 'markdown',
  machine: true,
  render(result: SuiteResult): string {
    const { environment: env, config } = result;
    const run = batchesRun(result);
    const out = [
      `## gil-bench ${config.suite}${result.partial ? ' (partial)' : ''}`,
      '',
      `${env.cpuModel}, ${env.availableParallelism} cores, Node ${env.node}; ${run.tasks}, size ${config.size}, ${run.batches}.`,
      '',
    ];
    const shown = headline(result);
    for (const group of byWorkload(result)) {
      out.push(
        `### ${group.title} (${group.kind})`,
        '',
        `| Strategy | Threads | ${shown.title} | ${RME.head} | Speedup | Verdict |`,
        '|:---|---:|---:|---:|---:|:---|',
      );
      const time = timeFigure(shown);
      for (const cell of group.cells) {
        out.push(
          `| \`${shownNameOf(cell, result)}\` | ${cell.threads} | ${time.value(cell)} | ${RME.value(cell)} | ${SPEEDUP.value(cell)} | ${escape(cell.verdict?.text ?? '')} |`,
        );
      }
      out.push('');
    }
    if (result.calibration) out.push(renderCalibrationMarkdown(result.calibration));
    // A run against a baseline: what changed, and the gate's decision.
    if (result.comparison) out.push(renderComparisonMarkdown(result.comparison));
    for (const w of result.warnings) out.push(`> ⚠️ ${escape(w.message)} — ${escape(w.hint)}`);
    return `${out.join('\n').trimEnd()}\n`;
  },
};
