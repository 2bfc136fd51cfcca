/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The page.evaluate() callbacks run in the browser, where these names exist.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { htmlReporter } from '../src/reporters/html.js';
import type { CellResult, LockThread, SuiteResult } from '../src/results/types.js';
import { everyKind } from './fixtures/runs.js';
import { suiteFixture } from './fixtures/suite-result.js';
import { tempDir } from './helpers.js';

/** Debian's Chromium, which .ci/run installs; never a browser downloaded by a test tool. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
/** Test artefacts go outside the repository: GIL_BENCH_ARTEFACTS, or a folder in the system's temp. */
const ARTEFACTS = process.env['GIL_BENCH_ARTEFACTS'] ?? join(tmpdir(), 'gil-bench-artefacts');

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
  return analyse({
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
      at('async-offload', 4, 0.95),
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
  });
}

/** An I/O-share sweep: threads and async gain with the waiting, workers stay flat, async overtakes them. */
function ratioResult(): SuiteResult {
  const base = suiteFixture.cells[1] as CellResult;
  const speedups: Record<string, number[]> = {
    'gil-threads': [0.96, 1.4, 1.93],
    async: [1.0, 1.5, 3.6],
    workers: [1.93, 1.9, 1.92],
  };
  const cells = [0, 0.5, 1].flatMap((ioRatio, i) =>
    (['sequential', 'gil-threads', 'async', 'workers'] as const).map((strategy): CellResult => {
      const value = speedups[strategy]?.[i];
      const { lock: _lock, ...rest } = base;
      return {
        ...rest,
        workload: 'ratio',
        kind: 'mixed',
        ioRatio,
        strategy,
        ...(value === undefined ? {} : { speedup: { value, low: value * 0.95, high: value * 1.05 } }),
      };
    }),
  );
  const result = analyse({ ...suiteFixture, suite: 'mixed', cells });
  return {
    ...result,
    warnings: [{ kind: 'quick', level: 'note', message: '--quick is a first look', hint: 'run without --quick' }],
  };
}

/** Every kind of row (CPU, native, I/O, convoy, event loop), its locked threads with shares to draw, and notices. */
/** As in a real run: the heartbeat runs only where loop lag is the figure, never beside CPU work. */
function withoutHeartbeat(cell: CellResult): CellResult {
  if (!['primes', 'native-hash'].includes(cell.workload) || !cell.host) return cell;
  const { loopLagP50: _p50, loopLagP99: _p99, loopLagMax: _max, ...host } = cell.host;
  return { ...cell, host };
}

function everyKindResult(): SuiteResult {
  const result = everyKind();
  const threads = (cell: CellResult): LockThread[] =>
    [0, 1].map((thread) => ({
      thread,
      holdShare: cell.workload === 'native-hash' ? 0.03 : cell.workload === 'primes' ? 0.45 : 0.1,
      waitShare: cell.workload === 'primes' ? 0.5 : 0.05,
      ioShare: cell.workload === 'sleep' || cell.workload === 'convoy' ? 0.8 : 0,
      nativeShare: cell.workload === 'native-hash' ? 0.9 : 0,
      acquisitions: 10,
      switches: 5,
      dropRequests: 5,
      forcedSwitches: 5,
    }));
  return {
    ...result,
    cells: result.cells.map((cell) =>
      withoutHeartbeat(cell.lock ? { ...cell, lock: { ...cell.lock, perThread: threads(cell) } } : cell),
    ),
    warnings: [
      { kind: 'quick', level: 'note', message: '--quick is a first look', hint: 'run without --quick' },
      { kind: 'unstable', message: '3 of 25 cells are unstable', hint: 'close other programs' },
    ],
  };
}

/**
 * A measured run of a Python module under CPython 3.11 and a free-threaded build, with its
 * JavaScript twin under the simulated GIL and under none: four rows side by side.
 */
function interpretersResult(): SuiteResult {
  const saved = JSON.parse(
    readFileSync(new URL('./fixtures/interpreters-result.json', import.meta.url), 'utf8'),
  ) as SuiteResult;
  return analyse(saved);
}

const PAGES: ReadonlyArray<[name: string, make: () => SuiteResult]> = [
  ['sweep', sweepResult],
  ['interpreters', interpretersResult],
  ['ratio', ratioResult],
  ['every-kind', everyKindResult],
];
const VIEWPORTS = [
  [1280, 'light'],
  [390, 'light'],
  [1280, 'dark'],
  [390, 'dark'],
] as const;

describe.skipIf(!CHROMIUM)('the HTML report in headless Chromium (skipped: no /usr/bin/chromium)', () => {
  let browser: Browser;
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(ARTEFACTS, { recursive: true });
    browser = await chromium.launch({
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
  });
  afterAll(async () => {
    await browser?.close();
    await dir?.remove();
  });

  describe.each(PAGES)('%s', (name, make) => {
    it.each(VIEWPORTS)(
      '%i px, %s: nothing wider than the viewport, no label clipped, figures on one line, no console errors',
      async (width, scheme) => {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('request', (request) => {
          if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
        });
        const file = join(dir.path, `${name}.html`);
        await writeFile(file, htmlReporter.render(make(), { color: false }));
        await page.goto(pathToFileURL(file).href);
        const measured = await page.evaluate(() => {
          const vw = window.innerWidth;
          const elements = [...document.body.querySelectorAll('*')];
          const outside = elements
            .filter((e) => {
              const box = e.getBoundingClientRect();
              return box.width > 0 && (box.right > vw + 0.5 || box.left < -0.5);
            })
            .map((e) => `${e.tagName.toLowerCase()} ${e.textContent?.slice(0, 30) ?? ''}`);
          const scrolling = [...document.querySelectorAll('.wide')].filter((e) => e.scrollWidth > e.clientWidth + 1);
          const clipped: string[] = [];
          const tiny: string[] = [];
          // A chart drawn for another width than this one is hidden (display: none): nothing to measure.
          const shown = [...document.querySelectorAll<SVGSVGElement>('svg.chart')].filter(
            (svg) => svg.getBoundingClientRect().width > 0,
          );
          for (const svg of shown) {
            const box = svg.viewBox.baseVal;
            // The charts' 12 px text as it is drawn, once the page has scaled the chart to the screen.
            const px = (12 * svg.getBoundingClientRect().width) / box.width;
            if (px < 9) tiny.push(`${svg.dataset['chart']}: ${px.toFixed(1)} px`);
            for (const text of svg.querySelectorAll('text')) {
              const b = text.getBBox();
              if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > box.width + 0.5 || b.y + b.height > box.height + 0.5)
                clipped.push(`${svg.dataset['chart']}: ${text.textContent}`);
            }
          }
          // A figure never breaks across lines: its first run of text lies on one line.
          const broken = [...document.querySelectorAll('td.num')]
            .filter((td) => {
              const node = td.firstChild;
              if (!node || node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) return false;
              const range = document.createRange();
              range.selectNodeContents(node);
              return range.getClientRects().length > 1;
            })
            .map((td) => td.textContent);
          const order = [...document.querySelectorAll('[data-summary], [data-notices], [data-workload]')].map((e) =>
            e.hasAttribute('data-summary') ? 'summary' : e.hasAttribute('data-notices') ? 'notices' : 'workload',
          );
          const luminance = (colour: string): number => {
            const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          };
          const style = getComputedStyle(document.body);
          return {
            scrollWidth: document.documentElement.scrollWidth,
            outside,
            scrolling: scrolling.length,
            clipped,
            tiny,
            broken,
            order: order.filter((o, i) => o !== order[i - 1]),
            background: luminance(style.backgroundColor),
            text: luminance(style.color),
            charts: shown.map((svg) => ({
              chart: svg.dataset['chart'],
              workload: svg.closest('[data-workload]')?.getAttribute('data-workload'),
              series: [...svg.querySelectorAll('[data-series]')].map((g) => g.getAttribute('data-series')),
              legend: [...svg.querySelectorAll('.legend text')].map((t) => t.textContent),
              axis: [...svg.querySelectorAll('.x-axis text')].map((t) => t.textContent),
            })),
            lesson: document.querySelectorAll('.lesson li').length,
            guide: [...document.querySelectorAll('[data-guide] li strong')].map((e) => e.textContent),
            crossings: [...document.querySelectorAll('svg.chart [data-crossing]')]
              .filter((e) => e.getBoundingClientRect().width > 0)
              .map((e) => e.textContent),
          };
        });
        const screenshot = join(ARTEFACTS, `html-report-${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: screenshot, fullPage: true });
        process.stderr.write(`html-report: screenshot saved to ${screenshot}\n`);
        await page.close();

        expect(measured.scrollWidth).toBeLessThanOrEqual(width);
        expect(measured.outside).toEqual([]);
        expect(measured.scrolling).toBe(0);
        expect(measured.clipped).toEqual([]);
        expect(measured.tiny).toEqual([]);
        expect(measured.broken).toEqual([]);
        expect(problems).toEqual([]);
        // The summary first, the notes and warnings next, then each workload.
        expect(measured.order.slice(0, 3)).toEqual(['summary', 'notices', 'workload']);
        expect(measured.lesson).toBeGreaterThanOrEqual(2);
        if (scheme === 'dark') expect([measured.background < 0.2, measured.text > 0.7]).toEqual([true, true]);
        else expect([measured.background > 0.9, measured.text < 0.3]).toEqual([true, true]);

        const locks = measured.charts.filter((c) => c.chart === 'lock');
        for (const lock of locks) expect(lock.axis).toEqual(['0%', '25%', '50%', '75%', '100%']);
        if (name === 'ratio') {
          // One chart of the whole sweep, drawn for this width, each line named, async's crossing ringed.
          const sweeps = measured.charts.filter((c) => c.chart === 'sweep');
          expect(sweeps.map((c) => c.series)).toEqual([['gil-threads', 'async', 'workers']]);
          // Under it, one decision per region of the sweep.
          expect(measured.guide).toEqual([
            'mostly computing (0% waiting):',
            'half and half (50% waiting):',
            'mostly waiting (100% waiting):',
          ]);
          expect(measured.crossings).toEqual([
            'async overtakes gil-threads above 50% I/O',
            'async overtakes workers above 60% I/O',
          ]);
        } else if (name === 'sweep') {
          // Over several thread counts the workload's speedups are the sweep's lines, not a bar per cell.
          expect(measured.charts.map((c) => c.chart).sort()).toEqual(['lock', 'loop-lag', 'sweep']);
          const byName = Object.fromEntries(measured.charts.map((c) => [c.chart, c.series]));
          expect(byName['sweep']).toEqual(['ideal', 'gil-threads', 'workers', 'async-offload']);
          expect(byName['lock']).toContain('async-offload ×4, thread 0');
          // CPU work only: no "in I/O" in the legend.
          expect(locks[0]?.legend).toEqual(['holding', 'waiting']);
        } else if (name === 'interpreters') {
          // Every row side by side in the summary, each interpreter's in Python's names.
          expect(measured.charts.filter((c) => c.chart === 'speedup').map((c) => c.workload)).toHaveLength(4);
        } else {
          // No heartbeat ran beside CPU work: its section draws no loop-lag chart.
          expect(measured.charts.filter((c) => c.chart === 'loop-lag').map((c) => c.workload)).not.toContain('primes');
          // Each lock chart's legend names only what its threads did.
          expect(Object.fromEntries(locks.map((c) => [c.workload, c.legend]))).toEqual({
            primes: ['holding', 'waiting'],
            'native-hash': ['holding', 'waiting', 'in native code'],
            sleep: ['holding', 'waiting', 'in I/O'],
            convoy: ['holding', 'waiting', 'in I/O'],
            responsiveness: ['holding', 'waiting'],
          });
        }
      },
      60_000,
    );
  });
});
