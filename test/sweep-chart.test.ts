import { describe, expect, it } from 'vitest';
import type { Sweep } from '../src/analysis/sweep.js';
import { palette } from '../src/reporters/format.js';
import { displayWidth } from '../src/reporters/layout.js';
import { axisTicks, pointPosition, spreadLabels } from '../src/reporters/sweep-chart-scale.js';
import { sweepChartSvg } from '../src/reporters/sweep-chart-svg.js';
import { renderSweepChart } from '../src/reporters/sweep-chart-text.js';
import { renderSweep } from '../src/reporters/sweep-text.js';

const band = (v: number, r = 0.05) => ({ low: v * (1 - r), high: v * (1 + r) });

/** An I/O-share sweep as runs draw it: threads gain with the waiting, workers flat, async overtaking. */
const ratioSweep: Sweep = {
  workload: 'ratio',
  parameter: 'io-ratio',
  points: [0, 0.25, 0.5, 0.75, 1],
  series: [
    {
      name: 'gil-threads',
      threaded: true,
      values: [0.96, 1.1, 1.35, 1.6, 1.93],
      intervals: [0.96, 1.1, 1.35, 1.6, 1.93].map((v) => band(v)),
    },
    {
      name: 'async',
      threaded: false,
      values: [1.0, 1.15, 1.4, 1.7, 3.6],
      intervals: [1.0, 1.15, 1.4, 1.7, 3.6].map((v) => band(v)),
    },
    {
      name: 'workers',
      threaded: true,
      values: [1.93, 1.92, 1.9, 1.91, 1.93],
      intervals: [1.93, 1.92, 1.9, 1.91, 1.93].map((v) => band(v, 0.02)),
    },
    {
      name: 'async-offload',
      threaded: true,
      values: [0.95, 1.05, 1.3, 1.55, 1.9],
      intervals: [0.95, 1.05, 1.3, 1.55, 1.9].map((v) => band(v)),
    },
  ],
  crossovers: ['async overtakes workers above 78% I/O'],
};

/** A thread sweep with an ideal line: workers scale to the cores, gil-threads stay at 1×. */
const threadSweep: Sweep = {
  workload: 'primes',
  parameter: 'threads',
  points: [1, 2, 4],
  series: [
    { name: 'ideal', threaded: true, values: [1, 2, 2] },
    {
      name: 'gil-threads',
      threaded: true,
      values: [0.99, 0.97, 0.96],
      intervals: [band(0.99), band(0.97), band(0.96)],
    },
    { name: 'workers', threaded: true, values: [0.98, 1.93, 1.95], intervals: [band(0.98), band(1.93), band(1.95)] },
  ],
  crossovers: ['workers overtakes gil-threads from 2 threads'],
};

/**
 * Well-formed XML, checked the strict way a browser's SVG parser does: every element closed in
 * order, attributes quoted, no bare `<` or `&` in text. Returns the first fault, or 'ok'.
 */
function wellFormed(xml: string): string {
  const open: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    at = token.lastIndex;
    const [, closing, name, , selfClosing, text] = m;
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot);)/.test(text)) return `bare & in "${text}"`;
    } else if (closing) {
      if (open.pop() !== name) return `</${name}> closes nothing open`;
    } else if (!selfClosing) open.push(name ?? '');
  }
  if (at !== xml.length) return `cannot read from "${xml.slice(at, at + 40)}"`;
  return open.length === 0 ? 'ok' : `<${open.join('>, <')}> never closed`;
}

const ASCII = /^[\x20-\x7e]*$/;
const ANSI = /\x1b\[/;

describe('the sweep chart in a terminal', () => {
  it.each([80, 120])('fits %i columns, chart, table and words alike', (width) => {
    for (const sweep of [ratioSweep, threadSweep]) {
      for (const color of [false, true]) {
        const text = renderSweep(sweep, palette(color), { width, color });
        const widest = Math.max(...text.split('\n').map(displayWidth));
        expect(widest).toBeLessThanOrEqual(width);
        expect(widest).toBeGreaterThan(width - 30);
      }
    }
  });

  it('draws in plain ASCII with no colour codes when colour is off', () => {
    for (const sweep of [ratioSweep, threadSweep]) {
      const lines = renderSweepChart(sweep, palette(false), { width: 80, color: false });
      expect(lines.filter((line) => !ASCII.test(line))).toEqual([]);
    }
  });

  it('draws with colours and box-drawing lines when colour is on', () => {
    const text = renderSweepChart(ratioSweep, palette(true), { width: 80, color: true }).join('\n');
    expect(text).toMatch(ANSI);
    expect(text).toContain('┤');
  });

  it('names each line at its own end: the name on the row of its last point where no other end is', () => {
    const lines = renderSweepChart(threadSweep, palette(false), { width: 80, color: false });
    // gil-threads ends near 1×, workers and ideal near 2×: each name on the row where its line ends.
    const rowOf = (name: string): number => lines.findIndex((line) => line.endsWith(name));
    const one = lines.findIndex((line) => /^ *1x \+/.test(line));
    const two = lines.findIndex((line) => /^ *2x \+/.test(line));
    expect(Math.abs(rowOf('T gil-threads') - one)).toBeLessThanOrEqual(1);
    expect([rowOf('ideal'), rowOf('W workers')].sort()).toEqual([two, two + 1].sort());
    // Every point is marked with its strategy's letter.
    expect(lines.join('\n').match(/W/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('marks where one strategy overtakes another, and says what the marks mean', () => {
    const lines = renderSweepChart(threadSweep, palette(false), { width: 80, color: false });
    const body = lines.slice(0, -3).map((line) => line.replace(/ [A-Z] [a-z-]+$| ideal$/, ''));
    expect(body.join('\n')).toContain('X');
    const calm: Sweep = { ...threadSweep, series: threadSweep.series.slice(0, 2), crossovers: [] };
    const none = renderSweepChart(calm, palette(false), { width: 80, color: false }).slice(0, -3);
    expect(none.join('\n')).not.toContain('X');
    expect(renderSweep(threadSweep, palette(false), { width: 80, color: false })).toContain(
      'X one strategy overtakes another',
    );
  });

  it('draws each 95% interval as a whisker, and none where the interval is a point', () => {
    const wide: Sweep = {
      ...threadSweep,
      series: [
        { name: 'workers', threaded: true, values: [1, 2, 2], intervals: [band(1, 0.5), band(2, 0.5), band(2, 0.5)] },
      ],
      crossovers: [],
    };
    const bare: Sweep = { ...wide, series: [{ name: 'workers', threaded: true, values: [1, 2, 2] }] };
    const whiskers = (s: Sweep): number =>
      renderSweepChart(s, palette(false), { width: 80, color: false })
        .slice(0, -3)
        .join('')
        .split('')
        .filter((ch) => ch === '|').length;
    // Bare: only the y axis's bars. With intervals: each half-wide interval spans several rows.
    expect(whiskers(wide) - whiskers(bare)).toBeGreaterThanOrEqual(9);
  });

  it('places I/O ratios by value and thread counts a step apart', () => {
    expect(pointPosition({ parameter: 'io-ratio', points: [0, 0.25, 1] }, 1)).toBe(0.25);
    expect(pointPosition({ parameter: 'io-ratio', points: [0, 0.5, 1] }, 1.5)).toBe(0.75);
    expect(pointPosition({ parameter: 'threads', points: [1, 2, 4, 8] }, 1)).toBeCloseTo(1 / 3, 10);
  });

  it('ticks a round step apart up to the top, and spreads labels no closer than their gap', () => {
    expect(axisTicks(1.93, 12)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(axisTicks(3.6, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(spreadLabels([5, 5, 5, undefined], 1, 0, 10)).toEqual([5, 6, 7, undefined]);
    expect(spreadLabels([10, 10, 2], 1, 0, 10)).toEqual([9, 10, 2]);
  });
});

describe('the sweep chart in the HTML report', () => {
  it('is well-formed SVG, drawn for a phone and for a wide screen, with every line named', () => {
    const html = sweepChartSvg(ratioSweep);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.map((svg) => /class="chart (sweep-\w+)"/.exec(svg)?.[1])).toEqual(['sweep-narrow', 'sweep-wide']);
    for (const svg of svgs) {
      expect(wellFormed(svg)).toBe('ok');
      for (const name of ['gil-threads', 'async', 'workers', 'async-offload'])
        expect(svg).toMatch(new RegExp(`>${name}</text>`));
      expect(svg.match(/class="series-name"/g)?.length).toBe(4);
      expect(svg.match(/class="band"/g)?.length).toBe(4);
    }
  });

  it('rings each crossing, titled with its words, and lists the crossings under the chart', () => {
    const html = sweepChartSvg(threadSweep);
    expect(html.match(/data-crossing/g)?.length).toBe(2);
    expect(html).toContain('<title>workers overtakes gil-threads from 2 threads</title>');
    expect(html).toContain('<li>workers overtakes gil-threads from 2 threads (ringed on the chart)</li>');
    expect(sweepChartSvg({ ...threadSweep, series: threadSweep.series.slice(0, 2), crossovers: [] })).not.toContain(
      'data-crossing',
    );
  });

  it('finds a fault in XML that is not well-formed', () => {
    expect(wellFormed('<svg><g></svg>')).not.toBe('ok');
    expect(wellFormed('<svg><text>a & b</text></svg>')).not.toBe('ok');
    expect(wellFormed('<svg x=1></svg>')).not.toBe('ok');
    expect(wellFormed('<svg><g a="1"/><text>a &amp; b</text></svg>')).toBe('ok');
  });

  it('escapes a workload name that is markup', () => {
    const html = sweepChartSvg({ ...threadSweep, workload: 'a<b>&"c"' });
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(wellFormed(svg)).toBe('ok');
    expect(html).not.toContain('a<b>');
  });
});
