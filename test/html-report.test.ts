import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { htmlReporter } from '../src/reporters/html.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { suiteFixture } from './fixtures/suite-result.js';
import { tempDir } from './helpers.js';

/** Debian's Chromium, which .ci/run installs; never a browser downloaded by a test tool. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
/** Test artefacts go outside the repository: GIL_BENCH_ARTEFACTS, or a folder in the system's temp. */
const ARTEFACTS = process.env['GIL_BENCH_ARTEFACTS'] ?? join(tmpdir(), 'gil-bench-artefacts');
const SCREENSHOT = join(ARTEFACTS, 'html-report-screenshot.png');

/** The fixture, plus a thread sweep, so every kind of chart appears. */
function sweepResult(): SuiteResult {
  const base = suiteFixture.cells[1] as CellResult;
  const at = (strategy: CellResult['strategy'], threads: number, value: number): CellResult => ({
    ...base,
    strategy,
    threads,
    speedup: { value, low: value * 0.98, high: value * 1.02 },
    ...(strategy === 'workers' ? { lock: undefined } : {}),
  });
  return {
    ...suiteFixture,
    config: { ...suiteFixture.config, threads: [1, 2, 4] },
    cells: [
      suiteFixture.cells[0] as CellResult,
      at('gil-threads', 1, 0.99),
      at('gil-threads', 2, 0.97),
      at('gil-threads', 4, 0.96),
      at('workers', 1, 0.98),
      at('workers', 2, 1.93),
      at('workers', 4, 1.95),
    ].map((cell) => ({
      ...cell,
      host: {
        loopLagP50: 0.1,
        loopLagP99: cell.strategy === 'sequential' ? 400 : 2,
        loopLagMax: 5,
        loopUtilization: 0.1,
        cpuMsPerBatch: 400,
        cpuUtilization: 0.5,
      },
    })),
  };
}

describe('the HTML report', () => {
  it.skipIf(!CHROMIUM)(
    'renders its charts in headless Chromium with no console errors (skipped: no /usr/bin/chromium)',
    async () => {
      const dir = await tempDir();
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
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
        await writeFile(file, htmlReporter.render(sweepResult(), { color: false }));
        await page.goto(pathToFileURL(file).href);

        const charts = await page.$$eval('svg.chart', (svgs) =>
          svgs.map((svg) => ({
            chart: svg.getAttribute('data-chart'),
            width: svg.getBoundingClientRect().width,
            series: [...svg.querySelectorAll('[data-series]')].map((g) => g.getAttribute('data-series')),
            drawn: svg.querySelectorAll('rect, polyline, circle').length,
          })),
        );
        expect(charts.map((c) => c.chart).sort()).toEqual(['lock', 'loop-lag', 'speedup', 'sweep']);
        for (const chart of charts) {
          expect({ chart: chart.chart, visible: chart.width > 100, drawn: chart.drawn > 0 }).toEqual({
            chart: chart.chart,
            visible: true,
            drawn: true,
          });
        }
        const byName = Object.fromEntries(charts.map((c) => [c.chart, c.series]));
        expect(byName['speedup']).toEqual([
          'sequential',
          'gil-threads',
          'gil-threads',
          'gil-threads',
          'workers',
          'workers',
          'workers',
        ]);
        expect(byName['sweep']).toEqual(['ideal', 'gil-threads', 'workers']);
        expect(byName['lock']).toContain('gil-threads ×2, thread 0');
        expect(await page.locator('h1').count()).toBe(1);
        await mkdir(ARTEFACTS, { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        process.stderr.write(`html-report: screenshot saved to ${SCREENSHOT}\n`);
        expect(existsSync(SCREENSHOT)).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
        await dir.remove();
      }
    },
  );
});
