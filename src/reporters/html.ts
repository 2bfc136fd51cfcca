import type { CellResult, SuiteResult } from '../results/types.js';
import type { Summary, SummaryCell, SummaryRow } from '../results/types.js';
import { batchesRun, byWorkload, headline, lockMode, shownLabel, type CellGroup } from './group.js';
import { barChart, escapeXml, stackedBars } from './svg.js';
import type { Sweep } from '../analysis/sweep.js';
import { runtimeLabel, strategyLabel } from '../results/cell-id.js';
import { SWEEP_STYLE, sweepChartSvg } from './sweep-chart-svg.js';
import { GUIDE_STYLE, guideHtml } from './guide-html.js';
import { FIGURE_MEANING, FIGURE_NAME, MARKS_RULE, RANGE_RULE } from '../analysis/summary-words.js';
import { summaryAt } from './summary-text.js';
import type { Reporter } from './types.js';
import { renderCalibrationMarkdown } from './calibration.js';
import { LOOP_LAG_P99, RME, timeFigure } from './cell-columns.js';
import { formatRatio } from './format.js';
import { STYLE } from './html-style.js';
import { LANES_STYLE, lanesCharts } from './lanes-svg.js';

const MARKS: Record<string, string> = { gain: '▲', loss: '▼', unsure: '?' };
/** A strategy's name may break after its dash, in a narrow column. */
const breakable = (name: string): string => escapeXml(name).replace('-', '-<wbr>');
const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

/** A matrix cell: a decided figure with its mark and interval; no measurable difference as its interval. */
function matrixCell(row: SummaryRow, cell: SummaryCell | null | undefined): string {
  if (!cell) return '<td></td>';
  const mark = MARKS[cell.tone] ? `<span class="mark"> ${MARKS[cell.tone]}</span>` : '';
  const tone = `num ${cell.tone}`;
  if (cell.direction === 'wrong') return `<td class="${tone}">MISMATCH</td>`;
  if (cell.tone === 'failed') return `<td class="${tone}">FAILED</td>`;
  if (cell.value === undefined) return `<td class="${tone}">–</td>`;
  // The unit gives way on a phone; the legend names it.
  const figure = ms(cell.value).replace(' ms', '<span class="unit"> ms</span>');
  if (row.figure !== 'speedup') {
    const worst = cell.max === undefined ? '' : `<span class="ci"> (max ${ms(cell.max)})</span>`;
    return `<td class="${tone}">${figure}${worst}${mark}</td>`;
  }
  const { low, high } = cell;
  if (low === undefined || high === undefined || low === high)
    return `<td class="${tone}">${formatRatio(cell.value)}${mark}</td>`;
  const range = `${low.toFixed(2)}–<wbr>${high.toFixed(2)}`;
  if (cell.tone === 'same') return `<td class="${tone}">${range}×</td>`;
  return `<td class="${tone}">${formatRatio(cell.value)}${mark}<span class="ci"> (${range})</span></td>`;
}

/** The summary: the matrix, what its marks mean, and the lesson's sentences. */
function summarySection(summary: Summary): string {
  // Python rows: each for loop's time a task, what each interpreter costs a single thread.
  const perTask = summary.rows.some((row) => row.taskMs !== undefined);
  const head = `<tr><th>workload</th>${perTask ? '<th class="num">for loop, a task</th>' : ''}${summary.strategies.map((s, i) => `<th class="num">${breakable(summary.columns?.[i] ?? s)}</th>`).join('')}</tr>`;
  const taskCell = (row: SummaryRow): string =>
    perTask ? `<td class="num">${row.taskMs === undefined ? '' : ms(row.taskMs)}</td>` : '';
  const rows = summary.rows.map(
    (row) =>
      `<tr><td>${escapeXml(row.title)}</td>${taskCell(row)}${row.cells.map((cell) => matrixCell(row, cell)).join('')}</tr>`,
  );
  const latency = summary.rows
    .filter((row) => row.figure !== 'speedup')
    .map((row) => {
      const alone =
        row.reference === undefined
          ? ''
          : ` (${ms(row.reference)} ${row.figure === 'io-p50' ? 'alone' : 'with no loop running'})`;
      const worst = row.cells.some((cell) => cell?.max !== undefined)
        ? '; max: the worst op, where the verdict rests on it (the event loop blocked)'
        : '';
      return `${row.title}: ${FIGURE_NAME[row.figure]} (${FIGURE_MEANING[row.figure]}), ms${alone}${worst}, ▲ better, ▼ worse`;
    });
  const legend = [MARKS_RULE, RANGE_RULE, ...latency];
  const at = `${summaryAt(summary)}${summary.swept ? ' (the sweeps below show every count)' : ''}`;
  return (
    `<section class="summary" data-summary><h2>Summary: speedup vs sequential${escapeXml(at)}</h2>` +
    `<div class="wide"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>` +
    `<p class="legend">${legend.map(escapeXml).join(' · ')}</p>` +
    `<ul class="lesson">${summary.sentences.map((s) => `<li>${escapeXml(s)}</li>`).join('')}</ul></section>`
  );
}

/** One row per strategy, its verdict in a row of its own beneath, so the figures keep their width. */
function cellRows(cell: CellResult, result: SuiteResult): string {
  const failed = cell.state !== 'completed';
  const time = timeFigure(headline(result));
  const speedup = cell.speedup
    ? `${formatRatio(cell.speedup.value)}${cell.speedup.low === cell.speedup.high ? '' : `<span class="ci"> (${cell.speedup.low.toFixed(2)}–${cell.speedup.high.toFixed(2)})</span>`}`
    : cell.strategy === 'sequential' && !failed
      ? '1.00×'
      : '–';
  const tone = failed
    ? 'failed'
    : cell.verdict?.direction === 'faster'
      ? 'gain'
      : cell.verdict?.direction === 'slower'
        ? 'loss'
        : '';
  const cells = [
    `<td class="${failed ? 'failed' : ''}">${escapeXml(shownLabel(cell, result))}${failed ? ` ${cell.state.toUpperCase()}` : ''}</td>`,
    `<td class="num opt">${cell.threads}</td>`,
    `<td class="num">${time.value(cell)}</td>`,
    `<td class="num opt">${RME.value(cell)}</td>`,
    `<td class="num ${tone}">${speedup}</td>`,
    `<td class="num opt">${LOOP_LAG_P99.value(cell)}</td>`,
  ];
  return `<tr class="cell">${cells.join('')}</tr><tr class="why"><td colspan="6">${escapeXml(cell.verdict?.text ?? '')}</td></tr>`;
}

function lockStacks(cells: readonly CellResult[]): string {
  const locked = cells.filter((c) => c.lock);
  if (locked.length === 0) return '';
  const stacks = locked.flatMap((cell) =>
    (cell.lock?.perThread ?? []).map((t) => ({
      label: `${strategyLabel(cell)}, thread ${t.thread}`,
      parts: [
        { name: 'holding', share: t.holdShare, colour: '#dc2626' },
        { name: 'waiting', share: t.waitShare, colour: '#f59e0b' },
        { name: 'in I/O', share: t.ioShare, colour: '#60a5fa' },
        { name: 'in native code', share: t.nativeShare ?? 0, colour: '#a78bfa' },
      ],
    })),
  );
  if (stacks.length === 0) return '';
  return stackedBars(
    'lock',
    stacks,
    'Simulated GIL: share of wall time each thread held the lock, waited for it, or ran without it',
  );
}

/** The thread sweep of a workload's group of cells, when its run swept the thread count. */
function threadSweepOf(group: CellGroup, result: SuiteResult): Sweep | undefined {
  const first = group.cells[0];
  if (!first || first.ioRatio !== undefined) return undefined;
  return (result.sweeps ?? []).find(
    (s) => s.parameter === 'threads' && s.workload === first.workload && s.runtime === runtimeLabel(first),
  );
}

function workloadSection(group: CellGroup, result: SuiteResult): string {
  const shown = headline(result);
  const measured = group.cells.filter((c) => c.speedup && c.state === 'completed');
  // Over several thread counts a bar per cell says less than a line per strategy: the sweep's chart.
  const sweep = threadSweepOf(group, result);
  const speedups = sweep
    ? sweepChartSvg(sweep)
    : barChart(
        'speedup',
        measured.map((c) => ({
          label: shownLabel(c, result),
          series: c.strategy,
          value: c.speedup?.value ?? 0,
          low: c.speedup?.low,
          high: c.speedup?.high,
        })),
        { unit: '×', reference: 1, caption: 'Speedup vs sequential, with 95% intervals (dashed line: sequential)' },
      );
  const lagBars = group.cells
    .filter((c) => c.host?.loopLagP99 !== undefined)
    .map((c) => ({ label: shownLabel(c, result), series: c.strategy, value: c.host?.loopLagP99 ?? 0 }));
  // The heartbeat runs only where loop lag is the figure: elsewhere there is nothing to draw.
  const lag =
    lagBars.length > 0
      ? barChart('loop-lag', lagBars, {
          unit: ' ms',
          caption: `Main event loop: ${FIGURE_NAME['loop-lag-p99']} (${FIGURE_MEANING['loop-lag-p99']}) during the batches`,
        })
      : '';
  const head = ['strategy', 'threads', shown.head, RME.head, 'speedup (95% CI)', LOOP_LAG_P99.head];
  const classes = ['', 'num opt', 'num', 'num opt', 'num', 'num opt'];
  return (
    `<section data-workload="${escapeXml(group.title)}"><h2>${escapeXml(group.title)} (${group.kind})</h2>` +
    `<div class="wide"><table class="cells"><thead><tr>${head.map((h, i) => `<th class="${classes[i]}">${escapeXml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${group.cells.map((c) => cellRows(c, result)).join('')}</tbody></table></div>` +
    `<div class="charts">${speedups}${lag}${lockStacks(group.cells)}</div>${lanesCharts(group.cells, result.config.gil)}</section>`
  );
}

/**
 * One self-contained HTML page, no scripts, no network: the summary first, the notes and warnings
 * next, then every workload's table and charts, the sweeps and any calibration. Light or dark as
 * the reader's system prefers; readable from a phone's width up.
 */
export const htmlReporter: Reporter = {
  name: 'html',
  machine: true,
  render(result: SuiteResult): string {
    const { environment: env, config } = result;
    // A sweep over I/O ratios spans several workload sections, so it comes first, after the summary;
    // a thread sweep stands in its workload's section.
    const sweeps = (result.sweeps ?? [])
      .filter((sweep) => sweep.parameter === 'io-ratio')
      .map(
        (sweep) =>
          `<section data-sweep="${escapeXml(sweep.workload)}"><h2>Speedup by share of waiting</h2>${sweepChartSvg(sweep)}${guideHtml(result)}</section>`,
      );
    const calibration = result.calibration
      ? `<section data-calibration><h2>How faithful is the simulation</h2><pre>${escapeXml(renderCalibrationMarkdown(result.calibration))}</pre></section>`
      : '';
    const notices = result.warnings
      .map(
        (w) =>
          `<li class="${w.level === 'note' ? 'note' : 'warning'}">${w.level === 'note' ? 'Note' : 'Warning'}: ${escapeXml(w.message)} — ${escapeXml(w.hint)}</li>`,
      )
      .join('');
    const title = `gil-bench ${config.suite}${result.partial ? ' (partial)' : ''}`;
    const run = batchesRun(result);
    const meta =
      `${env.cpuModel} · ${env.availableParallelism} cores · Node ${env.node} · ${result.startedAt} · ${lockMode(config, result.cells)} · ${run.tasks}, size ${config.size}, ${run.batches}` +
      (env.capacity ? ` · free cores measured: ${env.capacity.freeCores.toFixed(2)} of ${env.capacity.threads}` : '');
    return (
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<meta name="color-scheme" content="light dark"><title>${escapeXml(title)}</title><style>${STYLE}\n${SWEEP_STYLE}\n${GUIDE_STYLE}\n${LANES_STYLE}</style></head>` +
      `<body><header><h1>${escapeXml(title)}</h1><p class="meta">${escapeXml(meta)}</p></header>` +
      (result.cells.length > 0 && result.summary ? summarySection(result.summary) : '') +
      (notices ? `<ul class="notices" data-notices>${notices}</ul>` : '') +
      sweeps.join('') +
      `${byWorkload(result)
        .map((group) => workloadSection(group, result))
        .join('')}${calibration}</body></html>\n`
    );
  },
};
