import { describe, expect, it } from 'vitest';
import { guideOf, regionsOf, statusOf, type Standing } from '../src/analysis/guide.js';
import type { Sweep, SweepSeries } from '../src/analysis/sweep.js';
import { GUIDE_ITERATIONS, GUIDE_POINTS, guideRun } from '../src/cli/guide.js';
import { resolveConfig } from '../src/config/resolve.js';
import { guideReporter } from '../src/reporters/guide-text.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import type { StrategyName } from '../src/strategies/names.js';
import { cellOf, suiteFixture } from './fixtures/suite-result.js';

const POINTS = [0, 0.25, 0.5, 0.75, 1];

/** A series from (value, half-width of its interval) per point. */
function series(name: StrategyName, figures: ReadonlyArray<[number, number]>): SweepSeries {
  return {
    name,
    threaded: name !== 'async',
    values: figures.map(([v]) => v),
    intervals: figures.map(([v, w]) => ({ low: v - w, high: v + w })),
  };
}

const sweepOf = (list: SweepSeries[]): Sweep => ({
  workload: 'ratio',
  parameter: 'io-ratio',
  points: POINTS,
  series: list,
  crossovers: [],
});

/** The textbook picture on free cores: processes win on CPU, everything overlaps waits. */
const textbook = sweepOf([
  series('gil-threads', [
    [0.97, 0.03],
    [0.98, 0.04],
    [1.3, 0.05],
    [1.7, 0.06],
    [1.95, 0.04],
  ]),
  series('async', [
    [1.0, 0.02],
    [1.0, 0.03],
    [1.4, 0.05],
    [1.8, 0.06],
    [1.97, 0.04],
  ]),
  series('workers', [
    [1.93, 0.03],
    [1.92, 0.03],
    [1.9, 0.04],
    [1.91, 0.04],
    [1.94, 0.03],
  ]),
]);

describe('the guide: one decision per region of the I/O-share sweep', () => {
  it('calls a strategy from its interval alone: gains, flat, or this run cannot tell', () => {
    const s = (value: number, low: number, high: number): Standing => ({ name: 'async', value, low, high });
    expect(statusOf(s(1.5, 1.2, 1.8))).toBe('gains');
    expect(statusOf(s(1.02, 1.01, 1.03))).toBe('flat');
    // A low end that prints as 1.00 is not shown to be above 1.
    expect(statusOf(s(1.5, 1.004, 2))).toBe('unsure');
    expect(statusOf(s(0.97, 0.9, 1.05))).toBe('flat');
    expect(statusOf(s(1.1, 0.7, 1.6))).toBe('unsure');
  });

  it('decides processes where threads and asyncio gain nothing, and both where both gain', () => {
    const regions = regionsOf(textbook);
    expect(regions.map((r) => [r.name, r.points])).toEqual([
      ['mostly computing', [0, 0.25]],
      ['half and half', [0.5]],
      ['mostly waiting', [0.75, 1]],
    ]);
    expect(regions[0]?.sentence).toMatch(
      /^processes: threads and asyncio gain nothing here: processes \(workers\) 1\.92–1\.93× \(95% intervals 1\.89–1\.96\) gained; /,
    );
    expect(regions[0]?.sentence).toContain(
      'threads (gil-threads) 0.97–0.98× (95% intervals 0.94–1.02) and asyncio (async) 1.00× (95% intervals 0.97–1.03) gained nothing worth having',
    );
    expect(regions[1]?.sentence).toMatch(/^asyncio if the code can await, threads if it cannot: /);
    // At 50% processes are clearly ahead of both: nothing to say about a tie.
    expect(regions[1]?.sentence).not.toContain('cannot rank');
    expect(regions[2]?.sentence).toMatch(/^asyncio if the code can await, threads if it cannot: /);
  });

  it('says where the data cannot decide: intervals too wide to tell a gain from none', () => {
    const wide = sweepOf([
      series('gil-threads', [
        [1.0, 0.5],
        [1.1, 0.6],
      ]),
      series('async', [
        [1.1, 0.5],
        [1.2, 0.6],
      ]),
    ]);
    const [only, ...rest] = regionsOf({ ...wide, points: [0, 0.25] });
    expect(rest).toEqual([]);
    expect(only?.sentence).toBe(
      'this run cannot tell whether threads or asyncio gain here: threads (gil-threads) 1.00–1.10× (95% intervals 0.50–1.70) and asyncio (async) 1.10–1.20× (95% intervals 0.60–1.80): too wide an interval to tell whether they gain.',
    );
  });

  it('lets no single point decide a region that another point cannot tell, and tells them point by point', () => {
    const [computing] = regionsOf(
      sweepOf([
        series('gil-threads', [
          [1.3, 0.15],
          [1.1, 0.5],
        ]),
        series('async', [
          [1.0, 0.05],
          [1.05, 0.1],
        ]),
      ]),
    );
    expect(computing?.sentence).toMatch(/^this run cannot tell whether threads or asyncio gain here: /);
    expect(computing?.sentence).toContain(
      'threads (gil-threads) gained at 0%: 1.30× (1.15–1.45), and too wide an interval to tell at 25%: 1.10× (0.60–1.60)',
    );
  });

  it('decides point by point where asyncio or threads gain at one point of a region and not at another', () => {
    const [computing] = regionsOf(
      sweepOf([
        series('gil-threads', [
          [0.98, 0.03],
          [1.2, 0.05],
        ]),
        series('async', [
          [1.0, 0.03],
          [1.3, 0.05],
        ]),
      ]),
    );
    expect(computing?.sentence).toMatch(
      /^at 0%, none of them gains here; at 25%, asyncio if the code can await, threads if it cannot: /,
    );
  });

  it('prints one figure where a range is one figure as printed', () => {
    const [waiting] = regionsOf({
      ...sweepOf([
        series('async', [
          [1.891, 0.1],
          [1.889, 0.1],
        ]),
      ]),
      points: [0.75, 1],
    });
    expect(waiting?.sentence).toContain('asyncio (async) 1.89× (95% intervals 1.79–1.99) gained');
  });

  it('cannot rank strategies whose intervals overlap at every point, and says so', () => {
    const [region] = regionsOf({
      ...sweepOf([series('gil-threads', [[1.9, 0.1]]), series('async', [[1.95, 0.1]])]),
      points: [1],
    });
    expect(region?.sentence).toBe(
      'asyncio if the code can await, threads if it cannot: threads (gil-threads) 1.90× (1.80–2.00) and asyncio (async) 1.95× (1.85–2.05) gained. This run cannot rank threads and asyncio: their 95% intervals overlap.',
    );
  });
});

describe("the guide's run and the user's workload", () => {
  const facts = { env: {}, stdoutIsTTY: false, cwd: '/tmp/project', availableParallelism: 2 };

  it("is mixed --io-ratio's configuration, short, with the user's module beside it as run --workload builds it", () => {
    const { suite, raw } = guideRun({ workload: 'mine.py', python: 'python3.12', save: false });
    expect(suite).toBe('run');
    const { run, output } = resolveConfig(suite, raw, facts);
    expect(run.workloads).toEqual([
      ...GUIDE_POINTS.map((ioRatio) => ({ name: 'ratio', ioRatio })),
      { name: 'mine.py', file: '/tmp/project/mine.py' },
    ]);
    expect(run).toMatchObject({ quick: true, iterations: GUIDE_ITERATIONS, python: 'python3.12' });
    expect(output.targets).toEqual([{ format: 'guide' }]);
    expect(output.save).toBe(false);
    // Alone, it is the built-in sweep; a --format to a file goes beside the guide, one to stdout replaces it.
    const alone = guideRun({ format: [{ format: 'html', output: 'g.html' }] });
    expect(alone.suite).toBe('mixed');
    expect(resolveConfig(alone.suite, alone.raw, facts).output.targets.map((t) => t.format)).toEqual(['guide', 'html']);
    const json = guideRun({ format: [{ format: 'json' }] });
    expect(resolveConfig(json.suite, json.raw, facts).output.targets).toEqual([{ format: 'json' }]);
  });

  it("places the user's workload by its measured share of waiting and decides from its own figures", () => {
    const ratioCells = POINTS.flatMap((ioRatio, i) =>
      textbook.series.map((s) =>
        cellOf('ratio', s.name as StrategyName, {
          ioRatio,
          speedup: { value: s.values[i] ?? 1, low: s.intervals?.[i]?.low ?? 1, high: s.intervals?.[i]?.high ?? 1 },
        }),
      ),
    );
    // Sequential computed 40 ms of each 100 ms batch: 60% waiting.
    const mine: CellResult[] = [
      cellOf('mine.js', 'sequential', {
        stats: { ...(suiteFixture.cells[0]?.stats as NonNullable<CellResult['stats']>), median: 100 },
        host: { cpuMsPerBatch: 40, cpuUtilization: 0.4, loopUtilization: 0.4 },
      }),
      cellOf('mine.js', 'async', { speedup: { value: 2.4, low: 2.2, high: 2.6 } }),
      cellOf('mine.js', 'gil-threads', { speedup: { value: 1.5, low: 1.4, high: 1.6 } }),
    ];
    const result: SuiteResult = { ...suiteFixture, cells: [...ratioCells, ...mine], sweeps: [textbook] };
    const guide = guideOf(result);
    expect(guide?.workloads).toHaveLength(1);
    const [placed] = guide?.workloads ?? [];
    expect(placed?.waitShare).toBeCloseTo(0.6, 10);
    // 60% lies nearest the sweep's 50%.
    expect(placed?.region).toBe(1);
    expect(placed?.sentence).toBe(
      "asyncio if the code can await, threads if it cannot: asyncio (async) 2.40× (2.20–2.60) and threads (gil-threads) 1.50× (1.40–1.60) gained. asyncio gained clearly the most: its 95% interval lies above every other's.",
    );
    const text = guideReporter.render(result, { color: false, width: 100 });
    expect(text).toContain('Your workload mine.js: it waited 60% of its sequential run');
    expect(text).toContain('nearest region 2 (half and half, 50% waiting)');
    expect(text).toMatch(/\^ mine\.js waits 60%/);
    expect(text.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('says there is no guide for a run without an I/O-share sweep', () => {
    expect(guideReporter.render(suiteFixture, { color: false, width: 80 })).toMatch(/^No guide: this run has no sweep/);
  });
});
