import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../src/run/run-suite.js';
import { htmlReporter } from '../src/reporters/html.js';
import { chosenCell } from '../src/reporters/lanes-key.js';
import { renderLanesText } from '../src/reporters/lanes-text.js';
import type { SuiteResult } from '../src/results/types.js';
import { tempDir, tinyConfig } from './helpers.js';

/** Debian's Chromium, which .ci/run installs; never a browser downloaded by a test tool. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

/** A real traced run: a CPU workload and the convoy, under both lock-guarded strategies. */
let result: SuiteResult;
beforeAll(async () => {
  result = await runSuite(
    tinyConfig({
      suite: 'all',
      workloads: [{ name: 'primes' }, { name: 'convoy' }],
      strategies: ['sequential', 'gil-threads', 'async-offload'],
      tasks: 4,
      iterations: 1,
      maxIterations: 1,
      trace: true,
    }),
  );
}, 60_000);

const visible = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('the lanes', () => {
  it.skipIf(!CHROMIUM)(
    'render in the HTML report, a chart per traced cell with a lane per thread, in Chromium without console errors',
    async () => {
      const dir = await tempDir();
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('request', (request) => {
          if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
        });
        const file = join(dir.path, 'report.html');
        await writeFile(file, htmlReporter.render(result, { color: false }));
        await page.goto(pathToFileURL(file).href);
        // Each chart is drawn for a wide screen and for a phone; this width shows the wide one.
        const charts = await page.$$eval('svg.lanes-wide[data-chart="lanes"]', (svgs) =>
          svgs.map((svg) => ({
            cell: svg.getAttribute('data-cell'),
            width: svg.getBoundingClientRect().width,
            lanes: [...svg.querySelectorAll('[data-lane]')].map((g) => g.getAttribute('data-lane')),
            states: [...new Set([...svg.querySelectorAll('[data-state]')].map((r) => r.getAttribute('data-state')))],
            axis: [...svg.querySelectorAll('text')].some((t) => t.textContent === 'ms'),
          })),
        );
        expect(charts.map((c) => c.cell)).toEqual([
          'primes / gil-threads ×2',
          'primes / async-offload ×2',
          'convoy / gil-threads ×2',
          'convoy / async-offload ×2',
        ]);
        for (const chart of charts) {
          expect(chart.width).toBeGreaterThan(500);
          expect(chart.lanes).toEqual(['thread 0', 'thread 1']);
          expect(chart.states).toContain('holding');
          expect(chart.axis).toBe(true);
        }
        // The convoy's I/O task spends its time in I/O and waiting for the lock back.
        expect(charts[2]?.states).toEqual(expect.arrayContaining(['io', 'waiting']));
        expect(problems).toEqual([]);
        // On a phone the narrow drawing shows instead, its 12 px text drawn at 12 px.
        await page.setViewportSize({ width: 390, height: 900 });
        const shown = await page.$$eval('svg[data-chart="lanes"]', (svgs) =>
          svgs
            .filter((svg) => svg.getBoundingClientRect().width > 0)
            .map((svg) => ({
              narrow: svg.classList.contains('lanes-narrow'),
              scale: svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width,
            })),
        );
        expect(shown).toHaveLength(4);
        for (const chart of shown) expect([chart.narrow, chart.scale > 0.95]).toEqual([true, true]);
      } finally {
        await browser.close();
        await dir.remove();
      }
    },
  );

  it('print as a strip per thread fitted to the width, with an axis and a key', () => {
    const cell = chosenCell(result.cells, { workload: 'convoy', strategy: 'gil-threads' });
    expect(cell?.workload).toBe('convoy');
    if (!cell) return;
    for (const width of [60, 120]) {
      const lines = renderLanesText(cell, cell.timeline, result.config, { width, color: false }).trimEnd().split('\n');
      // The title, wrapped between its parts where the width is short.
      const title = lines.slice(
        0,
        lines.findIndex((line) => /^thread \d/.test(line)),
      );
      expect(title.join(' ').replace(/ +/g, ' ')).toMatch(
        /^convoy \/ gil-threads ×2: .*traced batch.*GIL cpython, switch interval 5 ms$/,
      );
      expect(title.length > 1).toBe(width < 100);
      const strips = lines.filter((line) => /^thread \d/.test(line));
      expect(strips).toHaveLength(2);
      for (const strip of strips) {
        expect(strip.length).toBeLessThanOrEqual(width);
        expect(strip.length).toBeGreaterThan(width - 4);
        expect(strip).toMatch(/held \d+%$/);
      }
      expect(lines.every((line) => line.length <= width)).toBe(true);
      expect(lines.join('\n')).toMatch(/█ holding the GIL/);
      expect(strips.join('')).toContain('·');
    }
    const coloured = renderLanesText(cell, cell.timeline, result.config, { width: 80, color: true });
    expect(coloured).not.toEqual(visible(coloured));
    expect(visible(coloured)).toEqual(renderLanesText(cell, cell.timeline, result.config, { width: 80, color: false }));
  });

  it('pick the cell --lanes names, or the first traced one', () => {
    expect(chosenCell(result.cells, {})?.strategy).toBe('gil-threads');
    expect(chosenCell(result.cells, { strategy: 'async-offload' })?.workload).toBe('primes');
    expect(chosenCell(result.cells, { workload: 'convoy', strategy: 'async-offload', threads: 2 })?.workload).toBe(
      'convoy',
    );
    expect(chosenCell(result.cells, { threads: 4 })).toBeUndefined();
  });
});
