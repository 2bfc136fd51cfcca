/**
 * The guide in a terminal (`gil-bench guide`, or `--format guide` on any run with an I/O-share
 * sweep): the sweep's chart with its regions bracketed under the axis, one decision per region, and
 * each workload of the user's placed on the sweep by its measured share of waiting.
 */
import { guideOf, type Guide, type Placed, type Region } from '../analysis/guide.js';
import type { Sweep } from '../analysis/sweep.js';
import type { SuiteResult } from '../results/types.js';
import { THRESHOLDS as T } from '../analysis/thresholds.js';
import { palette } from './format.js';
import { DEFAULT_WIDTH, wrap, wrapParts } from './layout.js';
import { chartKey, renderSweepChart } from './sweep-chart-text.js';
import type { Reporter, RenderOptions } from './types.js';

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** "0–25% waiting", "50% waiting". */
export function regionSpan(region: Pick<Region, 'points'>): string {
  const first = region.points[0] ?? 0;
  const last = region.points[region.points.length - 1] ?? first;
  return first === last ? `${pct(first)} waiting` : `${pct(first)}–${pct(last)} waiting`;
}

/** What a placed workload's share of waiting rests on, and where it falls on the sweep. */
function placedLines(place: Placed, guide: Guide, width: number): string[] {
  const on = place.runtime ? ` on ${place.runtime}` : '';
  const where =
    place.waitShare === undefined
      ? 'its share of waiting was not measured (its sequential run did not complete)'
      : `it waited ${pct(place.waitShare)} of its sequential run (the share of wall time not on the CPU)` +
        (place.region === undefined
          ? ''
          : `, nearest region ${place.region + 1} (${guide.regions[place.region]?.name ?? ''}, ${regionSpan(guide.regions[place.region] ?? { points: [] })})`);
  return [
    ...wrap(`Your workload ${place.workload}${on}: ${where}.`, width, '  '),
    ...wrap(`  Measured on it: ${place.sentence}`, width, '    '),
    ...wrap(
      "  Its share of waiting is measured as it runs, not set: --io-ratio shapes only the built-in task. Where its own figures and the region's differ, its own are the ones to go by.",
      width,
      '    ',
    ),
  ];
}

/** The guide's text, within `width` columns. */
export function renderGuide(
  result: SuiteResult,
  guide: Guide,
  sweep: Sweep,
  options: Required<Pick<RenderOptions, 'color' | 'width'>>,
): string {
  const { color, width } = options;
  const c = palette(color);
  const env = result.environment;
  const seconds = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  const head = wrapParts(
    [
      'Threads or asyncio? Speedup vs sequential from pure CPU to pure waiting',
      `${result.config.threads.join(',')} threads`,
      `${env.availableParallelism} cores`,
      `Node ${env.node}`,
      ...(Number.isFinite(seconds) ? [`measured in ${seconds.toFixed(1)} s`] : []),
      ...(result.partial ? ['PARTIAL (interrupted)'] : []),
    ],
    width,
    ' · ',
    '  ',
  ).map((line) => c.bold(line));
  const regions = guide.regions.map((region, r) => ({
    from: sweep.points.indexOf(region.points[0] ?? 0),
    to: sweep.points.indexOf(region.points[region.points.length - 1] ?? 0),
    label: String(r + 1),
  }));
  const marks = guide.workloads.flatMap((w) =>
    w.waitShare === undefined ? [] : [{ at: w.waitShare, label: `${w.workload} waits ${pct(w.waitShare)}` }],
  );
  const chart = renderSweepChart(sweep, c, { width, color, regions, marks });
  const key = wrapParts([...chartKey(sweep, color), '1 2 … the regions below'], width - 2, '   ').map((line) =>
    c.dim(`  ${line}`),
  );
  const crossings = (
    sweep.crossovers.length > 0 ? sweep.crossovers : ['no strategy overtakes another in this range']
  ).flatMap((words) => wrap(`  → ${words}`, width, '    '));
  const decisions = guide.regions.flatMap((region, r) =>
    wrap(`${r + 1}. ${region.name} (${regionSpan(region)}): ${region.sentence}`, width, '   ').map((line, i) =>
      i === 0 ? `${c.bold(line.slice(0, line.indexOf(':') + 1))}${line.slice(line.indexOf(':') + 1)}` : line,
    ),
  );
  const basis = wrap(
    `The regions are fixed by the share of waiting, so that two runs compare region by region; each decision is this run's, from its speedups' 95% intervals alone: a strategy gains where its whole interval lies above 1× (and its speedup is at least ${T.practicalRatio.toFixed(2)}×), gains nothing worth having where its interval stays below ${T.undecidedGain.toFixed(2)}×, and otherwise this run cannot tell. The batches are short, so on a busy machine the intervals are wide.`,
    width,
  ).map((line) => c.dim(line));
  const own = guide.workloads.flatMap((place) => ['', ...placedLines(place, guide, width)]);
  // Notes and warnings go to stderr, as with every format but the table.
  return `${[...head, '', ...chart, ...key, ...crossings, '', ...decisions, '', ...basis, ...own].join('\n')}\n`;
}

/** `--format guide`: the guide of a run with an I/O-share sweep; a line saying so for any other. */
export const guideReporter: Reporter = {
  name: 'guide',
  machine: false,
  render(result: SuiteResult, { color, width = DEFAULT_WIDTH }: RenderOptions): string {
    const guide = guideOf(result);
    const sweep = (result.sweeps ?? []).find((s) => s.parameter === 'io-ratio');
    if (!guide || !sweep)
      return 'No guide: this run has no sweep over the share of waiting (run it with --io-ratio 0,0.5,1, or gil-bench guide).\n';
    return renderGuide(result, guide, sweep, { color, width });
  },
};
