import { describe, expect, it } from 'vitest';
import { crossingsOf, findCrossovers, idealSpeedup, sweepsOf, type Sweep } from '../src/analysis/sweep.js';
import { renderSweep } from '../src/reporters/sweep-text.js';
import { palette } from '../src/reporters/format.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import type { StrategyName } from '../src/strategies/types.js';
import { suiteFixture } from './fixtures/suite-result.js';

function cell(strategy: StrategyName, threads: number, speedup: number, extra: Partial<CellResult> = {}): CellResult {
  return {
    ...(suiteFixture.cells[0] as CellResult),
    strategy,
    threads,
    speedup: { value: speedup, low: speedup, high: speedup },
    ...extra,
  };
}

describe('sweeps', () => {
  it('finds where one strategy overtakes another over I/O ratios, interpolated', () => {
    const statements = findCrossovers(
      'io-ratio',
      [0, 0.5, 1],
      [
        { name: 'workers', threaded: true, values: [1.9, 1.8, 1.9] },
        { name: 'async', threaded: false, values: [1.0, 1.6, 4.0] },
      ],
    );
    // async − workers goes from −0.2 at 50% to +2.1 at 100%: they cross at 50% + 50% × 0.2 / 2.3.
    expect(statements).toEqual(['async overtakes workers above 54% I/O']);
  });

  it('names the first thread count where a strategy is ahead, and ignores differences within noise', () => {
    expect(
      findCrossovers(
        'threads',
        [1, 2, 4],
        [
          { name: 'gil-threads', threaded: true, values: [1.0, 0.97, 0.96] },
          { name: 'workers', threaded: true, values: [0.99, 1.9, 1.95] },
        ],
      ),
    ).toEqual(['workers overtakes gil-threads from 2 threads']);
  });

  it('a strategy with no threads never overtakes by threads: the others fall behind it', () => {
    expect(
      findCrossovers(
        'threads',
        [1, 2, 4],
        [
          { name: 'gil-threads', threaded: true, values: [1.4, 1.0, 0.9] },
          { name: 'async', threaded: false, values: [1.2, 1.2, 1.2] },
        ],
      ),
    ).toEqual(['gil-threads falls behind async from 2 threads']);
  });

  it("shows a strategy with no threads beside the thread columns, not under '1 thr'", () => {
    const sweep: Sweep = {
      workload: 'sleep',
      parameter: 'threads',
      points: [1, 2, 4],
      series: [
        { name: 'ideal', threaded: true, values: [1, 2, 4] },
        { name: 'gil-threads', threaded: true, values: [1, 1.9, 3.7] },
        { name: 'async', threaded: false, values: [11.12, 11.12, 11.12] },
      ],
      crossovers: [],
    };
    const text = renderSweep(sweep, palette(false), { width: 100, color: false });
    expect(text).not.toMatch(/│ async/);
    expect(text).toContain(
      'async: 11.12× whatever the thread count (it has none: one event loop runs its tasks at once)',
    );
  });

  it('says what its cell measured where a point stands above the ideal', () => {
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2] },
      cells: [
        cell('sequential', 1, 1),
        cell('workers', 1, 0.98, { verdict: undefined }),
        cell('workers', 2, 3.2, { speedup: { value: 3.2, low: 3.1, high: 3.3 } }),
      ],
    };
    const [sweep] = sweepsOf(result);
    expect(sweep?.beyondIdeal).toEqual([
      "workers at 2 threads: 3.20× against an ideal of 2.00×: beyond the ideal's model: sequential's busy share, which it counts as computing, held work that overlapped too",
    ]);
    // And the printed sweep says it, beside the point.
    const text = renderSweep(sweep as Sweep, palette(false), { width: 200, color: false });
    expect(text.replace(/\s+/g, ' ')).toContain('workers at 2 threads: 3.20× against an ideal of 2.00×');
  });

  it('says where each pool stops scaling, and why, from the cores its cell kept busy', () => {
    const judged = (klass: NonNullable<CellResult['verdict']>['class'], busyCores: number) => ({
      verdict: {
        direction: 'same' as const,
        class: klass,
        because: [],
        headline: '',
        reason: '',
        analogue: '',
        text: '',
        facts: { concurrency: 2, busyCores, freeCores: 2 },
      },
    });
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2] },
      cells: [
        cell('sequential', 1, 1),
        cell('gil-threads', 1, 0.99, judged('one-thread', 1)),
        cell('gil-threads', 2, 0.98, judged('lock-serialised', 1)),
        // As many cores busy as threads, and no faster: they got in each other's way.
        cell('workers', 1, 0.99, judged('one-thread', 1)),
        cell('workers', 2, 1.1, judged('parallel-compute', 1.95)),
        // Fewer cores busy than threads: they waited.
        cell('async-offload', 1, 0.99, judged('one-thread', 1)),
        cell('async-offload', 2, 1.2, judged('handoff-cost', 1.2)),
      ],
    };
    const [sweep] = sweepsOf(result);
    expect(sweep?.shortOfIdeal).toEqual([
      'gil-threads stops scaling at 2 threads: 0.98× against an ideal of 2.00×: only one thread at a time can hold the lock',
      "workers stops scaling at 2 threads: 1.10× against an ideal of 2.00×: 1.9 cores busy, yet no faster: the threads got in each other's way (contention on shared objects or locks in the code, or on memory)",
      'async-offload stops scaling at 2 threads: 1.20× against an ideal of 2.00×: 1.2 of 2 cores busy: the threads waited (for a lock in the code, the simulated lock or I/O)',
    ]);
    expect(renderSweep(sweep as Sweep, palette(false), { width: 200, color: false })).toContain(
      '  ↓ workers stops scaling at 2 threads',
    );
  });

  it('says where a pool that scaled to the cores gains no more past them', () => {
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2, 4], gil: 'none' },
      cells: [
        cell('sequential', 1, 1),
        cell('gil-threads', 1, 1, { lock: undefined }),
        cell('gil-threads', 2, 1.85, { lock: undefined, speedup: { value: 1.85, low: 1.75, high: 1.95 } }),
        cell('gil-threads', 4, 1.89, { lock: undefined, speedup: { value: 1.89, low: 1.8, high: 1.98 } }),
      ],
    };
    const [sweep] = sweepsOf(result);
    expect(sweep?.shortOfIdeal).toEqual([
      'gil-threads gains no more past 2 threads: 1.89× at 4 threads against 1.85× at 2 threads: the machine has 2 cores',
    ]);
  });

  it('builds a thread sweep from a result, with the ideal capped at the cores', () => {
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2, 4] },
      cells: [
        cell('sequential', 1, 1),
        cell('async', 1, 1),
        cell('workers', 1, 0.98),
        cell('workers', 2, 1.9),
        cell('workers', 4, 1.95),
      ],
    };
    const [sweep] = sweepsOf(result);
    expect(sweep?.series.map(({ name, threaded, values }) => ({ name, threaded, values }))).toEqual([
      { name: 'ideal', threaded: true, values: [1, 2, 2] },
      { name: 'async', threaded: false, values: [1, 1, 1] },
      { name: 'workers', threaded: true, values: [0.98, 1.9, 1.95] },
    ]);
    expect(sweep?.series[2]?.intervals?.[1]).toEqual({ low: 1.9, high: 1.9 });
    expect(sweep?.crossovers).toEqual(['workers overtakes async from 2 threads']);
  });

  it('draws the ideal from the measured share of waiting: linear in threads for waits, capped at the cores for computing', () => {
    expect([1, 2, 4, 8].map((t) => idealSpeedup(t, 1, 2, 8))).toEqual([1, 2, 4, 8]);
    expect([1, 2, 4, 8].map((t) => idealSpeedup(t, 0, 2, 8))).toEqual([1, 2, 2, 2]);
    // Half waiting: 4 threads overlap the waits 4 at once, the computing 2 at once.
    expect(idealSpeedup(4, 0.5, 2, 8)).toBeCloseTo(1 / (0.5 / 2 + 0.5 / 4), 10);
    const waiting = (threads: number, speedup: number): CellResult =>
      cell('workers', threads, speedup, { io: { ops: 40, p50: 10, p99: 11, max: 12, totalMs: 0 } });
    // Sequential computed 2% of the time (8 ms of CPU per 400 ms batch): the rest overlaps with the threads.
    const base = suiteFixture.cells[0] as CellResult;
    const sequential = cell('sequential', 1, 1, {
      samples: [100, 100],
      io: { ops: 40, p50: 10, p99: 11, max: 12, totalMs: 196 },
      ...(base.host ? { host: { ...base.host, cpuMsPerBatch: 8 } } : {}),
    });
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2, 4] },
      cells: [sequential, waiting(1, 0.98), waiting(2, 1.9), waiting(4, 3.7)],
    };
    expect(sweepsOf(result)[0]?.series[0]?.values).toEqual([1, 2, 3.92]);
  });

  it('does not call it overtaking while the 95% intervals overlap', () => {
    const series = (high: number) => [
      {
        name: 'gil-threads' as const,
        threaded: true,
        values: [1.0, 0.96],
        intervals: [
          { low: 0.98, high: 1.02 },
          { low: 0.9, high: 1.0 },
        ],
      },
      {
        name: 'async' as const,
        threaded: false,
        values: [1.0, 1.01],
        intervals: [
          { low: 0.98, high: 1.02 },
          { low: 0.99, high },
        ],
      },
    ];
    expect(findCrossovers('threads', [1, 2], series(1.03))).toEqual([]);
  });

  it("places each crossing where the lines cross, with the overtaking line's speedup there", () => {
    const [crossing] = crossingsOf(
      'io-ratio',
      [0, 0.5, 1],
      [
        { name: 'workers', threaded: true, values: [1.9, 1.8, 1.9] },
        { name: 'async', threaded: false, values: [1.0, 1.6, 4.0] },
      ],
    );
    const t = 0.2 / 2.3;
    expect(crossing?.x).toBeCloseTo(0.5 + 0.5 * t, 10);
    expect(crossing?.index).toBeCloseTo(1 + t, 10);
    expect(crossing?.y).toBeCloseTo(1.6 + 2.4 * t, 10);
    expect(crossing?.others).toEqual(['workers']);
  });

  it('draws one thread sweep per interpreter when a workload ran on several', () => {
    const cpython = { runtime: { name: 'CPython', version: '3.12.1', gil: true, runAsync: false } };
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2] },
      cells: [
        cell('sequential', 1, 1),
        cell('workers', 1, 0.98),
        cell('workers', 2, 1.9),
        cell('sequential', 1, 1, cpython),
        cell('workers', 1, 0.9, cpython),
        cell('workers', 2, 1.5, cpython),
      ],
    };
    const sweeps = sweepsOf(result);
    expect(sweeps.map((s) => [s.runtime, s.series.find((x) => x.name === 'workers')?.values])).toEqual([
      [undefined, [0.98, 1.9]],
      ['CPython 3.12', [0.9, 1.5]],
    ]);
  });

  it("calls a CPython sweep's strategies by Python's names, in its lines and its crossings", () => {
    const cpython = { runtime: { name: 'CPython', version: '3.11.7', gil: true, runAsync: false } };
    const result: SuiteResult = {
      ...suiteFixture,
      config: { ...suiteFixture.config, threads: [1, 2] },
      cells: [
        cell('sequential', 1, 1, cpython),
        cell('gil-threads', 1, 0.98, cpython),
        cell('gil-threads', 2, 0.97, cpython),
        cell('workers', 1, 0.9, cpython),
        cell('workers', 2, 1.7, cpython),
      ],
    };
    const [sweep] = sweepsOf(result);
    expect(sweep?.series.map((s) => s.label ?? s.name)).toEqual(['ideal', 'threading', 'process pool']);
    expect(sweep?.crossovers).toEqual(['process pool overtakes threading from 2 threads']);
    expect(renderSweep(sweep as Sweep, palette(false), { width: 120, color: false })).toMatch(/W process pool/);
  });

  it('has no sweep without several thread counts or ratios', () => {
    expect(sweepsOf(suiteFixture)).toEqual([]);
  });
});
