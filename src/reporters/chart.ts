import type { ChalkInstance } from 'chalk';

export interface ChartSeries {
  name: string;
  values: (number | undefined)[];
}

const MARKS = ['●', '■', '▲', '◆', '○', '□', '△'];
const COLOURS = ['green', 'red', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
const HEIGHT = 10;
const STEP = 12;

/**
 * An ASCII line chart: x = the swept points (evenly spaced), y = values from 0 up. Each series is
 * drawn with its own mark at the points and dots in between; the legend names the marks.
 */
export function lineChart(
  xLabels: readonly string[],
  series: readonly ChartSeries[],
  c: ChalkInstance,
  unit = '×',
): string {
  const top = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)));
  const yMax = Math.ceil(top * 2) / 2;
  const width = (xLabels.length - 1) * STEP + 1;
  const grid: string[][] = Array.from({ length: HEIGHT + 1 }, () => Array.from({ length: width }, () => ' '));
  const rowOf = (v: number): number => HEIGHT - Math.round((v / yMax) * HEIGHT);
  series.forEach((s, index) => {
    const mark = MARKS[index % MARKS.length] as string;
    const paint = c[COLOURS[index % COLOURS.length] as (typeof COLOURS)[number]];
    for (let i = 0; i + 1 < s.values.length; i++) {
      const a = s.values[i];
      const b = s.values[i + 1];
      if (a === undefined || b === undefined) continue;
      for (let step = 1; step < STEP; step++) {
        const row = grid[rowOf(a + ((b - a) * step) / STEP)] as string[];
        if (row[i * STEP + step] === ' ') row[i * STEP + step] = paint('·');
      }
    }
    s.values.forEach((v, i) => {
      if (v !== undefined) (grid[rowOf(v)] as string[])[i * STEP] = paint(mark);
    });
  });
  const lines = grid.map((row, r) => {
    const value = yMax * (1 - r / HEIGHT);
    const axis = r % (HEIGHT / 2) === 0 ? `${value.toFixed(1)}${unit}`.padStart(6) : ''.padStart(6);
    return `${axis} ┤${row.join('')}`;
  });
  const xAxis = `${''.padStart(6)} └${'─'.repeat(width)}`;
  const labels = `${''.padStart(8)}${xLabels.map((l, i) => (i === xLabels.length - 1 ? l : l.padEnd(STEP))).join('')}`;
  const legend = series
    .map((s, i) => c[COLOURS[i % COLOURS.length] as (typeof COLOURS)[number]](`${MARKS[i % MARKS.length]} ${s.name}`))
    .join('   ');
  return [...lines, xAxis, labels, `${''.padStart(8)}${legend}`].join('\n');
}
