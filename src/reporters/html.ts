import type { CellResult, SuiteResult } from '../results/types.js';
import { formatInterval, formatMargin, formatMs } from './format.js';
import { byWorkload, headline, type Headline } from './group.js';
import { barChart, escapeXml, lineChartSvg, stackedBars } from './svg.js';
import { pointLabel, sweepsOf } from '../analysis/sweep.js';
import { strategyLabel } from '../results/cell-id.js';
import type { Reporter } from './types.js';
import { renderCalibrationMarkdown } from './calibration.js';
import { lanesCharts } from './lanes-svg.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#111827;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #e5e7eb;text-align:right}
td:first-child,th:first-child,td.verdict{text-align:left}.failed{color:#b91c1c;font-weight:600}.muted{fill:#6b7280;color:#6b7280}
svg text{font:12px system-ui,sans-serif}figure{margin:.5rem 0}figcaption{color:#6b7280;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.warning{color:#92400e}`;

const label = strategyLabel;

function cellRow(cell: CellResult, shown: Headline): string {
  const failed = cell.state !== 'completed';
  const cells = [
    `<td${failed ? ' class="failed"' : ''}>${escapeXml(cell.strategy)}${failed ? ` ${cell.state.toUpperCase()}` : ''}</td>`,
    `<td>${cell.threads}</td>`,
    `<td>${cell.stats ? formatMs(shown.time(cell.stats)) : '–'}</td>`,
    `<td>${formatMargin(cell)}</td>`,
    `<td>${cell.speedup ? formatInterval(cell.speedup) : '–'}</td>`,
    `<td>${cell.host?.loopLagP99 !== undefined ? formatMs(cell.host.loopLagP99) : '–'}</td>`,
    `<td class="verdict">${escapeXml(cell.verdict?.text ?? '')}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function lockStacks(cells: readonly CellResult[]): string {
  const locked = cells.filter((c) => c.lock);
  if (locked.length === 0) return '';
  const stacks = locked.flatMap((cell) =>
    (cell.lock?.perThread ?? []).map((t) => ({
      label: `${label(cell)}, thread ${t.thread}`,
      parts: [
        { name: 'holding', share: t.holdShare, colour: '#dc2626' },
        { name: 'waiting', share: t.waitShare, colour: '#f59e0b' },
        { name: 'in I/O', share: t.ioShare, colour: '#60a5fa' },
      ],
    })),
  );
  return stackedBars(
    'lock',
    stacks,
    'Simulated GIL: share of wall time each thread held the lock, waited for it, or was in I/O',
  );
}

/** One self-contained HTML page: tables and SVG charts, no scripts, no network. */
export const htmlReporter: Reporter = {
  name: 'html',
  machine: true,
  render(result: SuiteResult): string {
    const { environment: env, config } = result;
    const shown = headline(result);
    const sections = byWorkload(result).map((group) => {
      const measured = group.cells.filter((c) => c.speedup && c.state === 'completed');
      const speedups = barChart(
        'speedup',
        measured.map((c) => ({
          label: label(c),
          series: c.strategy,
          value: c.speedup?.value ?? 0,
          low: c.speedup?.low,
          high: c.speedup?.high,
        })),
        { unit: '×', reference: 1, caption: 'Speedup vs sequential, with 95% intervals (dashed line: sequential)' },
      );
      const lag = barChart(
        'loop-lag',
        group.cells
          .filter((c) => c.host?.loopLagP99 !== undefined)
          .map((c) => ({ label: label(c), series: c.strategy, value: c.host?.loopLagP99 ?? 0 })),
        { unit: ' ms', caption: 'Main event loop: heartbeat lag p99 during the batches' },
      );
      const rows = group.cells.map((c) => cellRow(c, shown)).join('');
      return (
        `<section data-workload="${escapeXml(group.title)}"><h2>${escapeXml(group.title)} (${group.kind})</h2>` +
        `<table><thead><tr><th>strategy</th><th>threads</th><th>${shown.head}</th><th>±</th><th>speedup (95% CI)</th><th>loop lag p99</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<div class="charts">${speedups}${lag}${lockStacks(group.cells)}</div>${lanesCharts(group.cells, config.gil)}</section>`
      );
    });
    const sweeps = sweepsOf(result).map((sweep) => {
      const labels = sweep.points.map((x) => pointLabel(sweep.parameter, x, true));
      const chart = lineChartSvg(
        'sweep',
        labels,
        sweep.series.map((s) => ({ name: s.name, values: s.values, dashed: s.name === 'ideal' })),
        sweep.parameter === 'threads'
          ? `${sweep.workload}: speedup by thread count (dashed: ideal)`
          : `${sweep.workload}: speedup by share of waiting`,
      );
      const words = sweep.crossovers.map((s) => `<li>${escapeXml(s)}</li>`).join('');
      return `<section data-sweep="${escapeXml(sweep.workload)}"><h2>Sweep: ${escapeXml(sweep.workload)}</h2>${chart}<ul>${words}</ul></section>`;
    });
    const calibration = result.calibration
      ? `<section data-calibration><h2>How faithful is the simulation</h2><pre>${escapeXml(renderCalibrationMarkdown(result.calibration))}</pre></section>`
      : '';
    const warnings = result.warnings
      .map((w) => `<li class="warning">${escapeXml(w.message)} — ${escapeXml(w.hint)}</li>`)
      .join('');
    const title = `gil-bench ${config.suite}${result.partial ? ' (partial)' : ''}`;
    return (
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${escapeXml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeXml(title)}</h1>` +
      `<p class="muted">${escapeXml(`${env.cpuModel} · ${env.availableParallelism} cores · Node ${env.node} · ${result.startedAt} · GIL ${config.gil}, switch interval ${config.switchIntervalMs} ms · ${config.tasks} tasks per batch, size ${config.size}`)}` +
      `${env.capacity ? ` · free cores measured: ${env.capacity.freeCores.toFixed(2)} of ${env.capacity.threads}` : ''}</p>` +
      `${sections.join('')}${sweeps.join('')}${calibration}${warnings ? `<h2>Warnings</h2><ul>${warnings}</ul>` : ''}</body></html>\n`
    );
  },
};
