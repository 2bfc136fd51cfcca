import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { lineChart } from './chart.js';
import { formatRatio } from './format.js';
import { pointLabel, type Sweep } from '../analysis/sweep.js';

const pointHead = (sweep: Sweep, x: number): string => pointLabel(sweep.parameter, x, true);

/** A sweep for the terminal: speedup (and efficiency) per point, a line chart, and the crossovers. */
export function renderSweep(sweep: Sweep, c: ChalkInstance, color: boolean): string {
  const title =
    sweep.parameter === 'threads'
      ? `${sweep.workload}: speedup by thread count (efficiency = speedup ÷ threads; ideal = waits overlapped up to the threads, computing up to the cores)`
      : `${sweep.workload}: speedup by share of waiting (--io-ratio)`;
  const table = new Table({
    head: ['strategy', ...sweep.points.map((x) => pointHead(sweep, x))],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', ...sweep.points.map(() => 'right' as const)],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const series of sweep.series) {
    table.push([
      series.name === 'ideal' ? c.dim('ideal') : series.name,
      ...series.values.map((v, i) => {
        if (v === undefined) return '–';
        const efficiency =
          sweep.parameter === 'threads' && series.name !== 'ideal' && series.threaded
            ? ` (${(v / (sweep.points[i] as number)).toFixed(2)})`
            : '';
        return series.name === 'ideal' ? c.dim(formatRatio(v)) : `${formatRatio(v)}${efficiency}`;
      }),
    ]);
  }
  const chart = lineChart(
    sweep.points.map((x) => pointHead(sweep, x)),
    sweep.series.map((s) => ({ name: s.name, values: s.values })),
    c,
  );
  const words =
    sweep.crossovers.length > 0
      ? sweep.crossovers.map((s) => `  → ${s}`)
      : ['  → no strategy overtakes another in this range'];
  return [c.bold(title), table.toString(), chart, ...words].join('\n');
}
