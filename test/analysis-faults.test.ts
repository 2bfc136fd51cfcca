import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { checkShapes } from '../src/analysis/check.js';
import { renderSummary } from '../src/reporters/summary-text.js';
import { palette } from '../src/reporters/format.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { CPYTHON_RUNTIME, suiteFixture } from './fixtures/suite-result.js';

const base = suiteFixture.cells[0] as CellResult;

/** A CPU-bound cell: busy on `busy` cores for its whole batch. */
function cpuCell(strategy: CellResult['strategy'], threads: number, samples: number[], busy: number): CellResult {
  const { lock: _lock, mismatches: _m, speedup: _s, verdict: _v, io: _io, ...rest } = base;
  const median = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;
  return {
    ...rest,
    strategy,
    threads,
    state: 'completed',
    tasks: 8,
    samples,
    rounds: samples.map((_, i) => i),
    stats: {
      ...(base.stats as NonNullable<CellResult['stats']>),
      samples: samples.length,
      median,
      min: Math.min(...samples),
    },
    host: { loopUtilization: 0.5, cpuMsPerBatch: busy * median, cpuUtilization: busy / 2 },
  };
}

/** A run of these cells on 2 cores at 2 threads, analysed. */
function analysedOn2Cores(cells: CellResult[], strategies: SuiteResult['config']['strategies']): SuiteResult {
  return analyse({
    ...suiteFixture,
    config: { ...suiteFixture.config, threads: [2], strategies },
    environment: { ...suiteFixture.environment, availableParallelism: 2 },
    cells,
  });
}

/**
 * Pure CPU work on 2 cores, where sequential's one batch met something else on the machine (77.9 ms
 * where its work takes about 40): workers' figure reads 7.42×, which no two threads can give.
 */
function plantedSlowSequential(): SuiteResult {
  const sequential = cpuCell('sequential', 1, [77.9], 1);
  const workers = {
    ...cpuCell('workers', 2, [10.5, 10.4, 10.6], 1.96),
    speedup: { value: 7.42, low: 7.42, high: 7.42 },
  };
  return {
    ...suiteFixture,
    config: { ...suiteFixture.config, threads: [2], strategies: ['sequential', 'workers'] },
    environment: { ...suiteFixture.environment, availableParallelism: 2 },
    cells: [{ ...sequential, speedup: { value: 1, low: 1, high: 1 } }, workers],
  };
}

describe('a speedup beyond what the cores and the work allow', () => {
  const result = analyse(plantedSlowSequential());
  const workers = result.cells.find((c) => c.strategy === 'workers') as CellResult;

  it('is a measurement fault naming the batch, never a gain', () => {
    expect(workers.verdict?.class).toBe('measurement-fault');
    expect(workers.verdict?.direction).toBe('unknown');
    expect(workers.verdict?.text).toMatch(
      /^measurement fault: 7\.42× is beyond the 2\.\d\d× this work allows here: sequential's batch of round 1 took 77\.9 ms, 7\.42× this cell's 10\.5 ms in the same round; not a gain/,
    );
  });

  it('shows no ▲ in the summary, and says why in words and in a warning', () => {
    const text = renderSummary(result.summary!, palette(false), { width: 120, color: false, details: false });
    expect(text).not.toContain('▲');
    expect(text).toMatch(/7\.42× \?/);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'workers measured 7.42×, beyond what the cores and the work allow: sequential',
    );
    expect(text.replace(/\s+/g, ' ')).toContain('? cannot tell: the sentences below say why');
    expect(result.warnings.map((w) => w.kind)).toContain('measurement-fault');
  });

  it('fails the check that no speedup exceeds that bound', () => {
    const failed = checkShapes(result).filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.rule)).toEqual(['no speedup beyond what the cores and the work allow']);
  });

  it('leaves a speedup within the bound a gain', () => {
    const honest = plantedSlowSequential();
    const [sequential, w] = honest.cells as [CellResult, CellResult];
    const fair = analyse({
      ...honest,
      cells: [
        { ...sequential, samples: [20.4], stats: { ...sequential.stats!, median: 20.4, min: 20.4 } },
        { ...w, speedup: { value: 1.94, low: 1.94, high: 1.94 } },
      ],
    });
    expect(fair.cells[1]?.verdict?.class).not.toBe('measurement-fault');
  });
});

describe('a speedup past the bound only by its fastest batch', () => {
  it('is a measurement fault that gives the typical batches’ figure, not a gain nobody can explain', () => {
    // Workers on 2 cores: 2.23× by the fastest batches, 1.66× by the typical ones (as matmul read).
    const sequential = cpuCell('sequential', 1, [58.4, 57.3, 58.9, 58.2, 59.0], 1);
    const workers = {
      ...cpuCell('workers', 2, [35.3, 25.7, 36.0, 35.1, 34.8], 1.8),
      speedup: { value: 2.23, low: 2.07, high: 2.4 },
    };
    const result = analysedOn2Cores(
      [{ ...sequential, speedup: { value: 1, low: 1, high: 1 } }, workers],
      ['sequential', 'workers'],
    );
    const verdict = result.cells.find((c) => c.strategy === 'workers')?.verdict;
    // The same fault on another workload, for another reason: each keeps its own words in the sentence.
    const fib = (c: CellResult): CellResult => ({ ...c, workload: 'fib' });
    const slowest = {
      ...cpuCell('workers', 2, [35.3, 22.0, 36.0, 35.1, 34.8], 1.8),
      speedup: { value: 2.6, low: 2.4, high: 2.8 },
    };
    const both = analysedOn2Cores(
      [
        { ...sequential, speedup: { value: 1, low: 1, high: 1 } },
        workers,
        fib({ ...sequential, speedup: { value: 1, low: 1, high: 1 } }),
        fib(slowest),
      ],
      ['sequential', 'workers'],
    );
    const sentence = both.summary?.sentences.find((s) => s.includes('beyond what the cores')) ?? '';
    expect(sentence).toContain('workers ×2 on primes: it comes from its fastest batch (25.7 ms');
    expect(sentence).toContain('workers ×2 on fib: it comes from its fastest batch (22.0 ms');
    expect(verdict?.class).toBe('measurement-fault');
    expect(verdict?.text).toMatch(
      /^measurement fault: 2\.23× is beyond the 2\.00× this work allows here: it comes from its fastest batch \(25\.7 ms against a median of 35\.1 ms\); by typical batches it reads 1\.66×: a gain of about that, not 2\.23×/,
    );
  });
});

describe('a speedup whose typical batches pass the bound too', () => {
  it('is no fault of one batch: the fastest batch is in line with the others', () => {
    // Workers on 2 cores: 2.02× by typical batches and 2.07× by the fastest, against a bound of 2.
    const sequential = cpuCell('sequential', 1, [58.4, 58.0, 58.9, 58.2, 59.0], 1);
    const workers = {
      ...cpuCell('workers', 2, [28.9, 28.2, 29.1, 28.8, 29.0], 1.95),
      speedup: { value: 2.07, low: 2.03, high: 2.1 },
    };
    const result = analysedOn2Cores(
      [{ ...sequential, speedup: { value: 1, low: 1, high: 1 } }, workers],
      ['sequential', 'workers'],
    );
    const verdict = result.cells.find((c) => c.strategy === 'workers')?.verdict;
    expect(verdict?.facts.bound).toBe(2);
    expect(verdict?.class).not.toBe('measurement-fault');
  });
});

describe('a speedup from work that computes faster when it does not idle', () => {
  it('is a gain, not a fault: the bound takes the least CPU any cell spent on the same tasks', () => {
    // word-count as measured: 16 tasks of CPU and a 2 ms timer. Sequential idles between them and
    // took 32.8 ms of CPU a batch; async ran the same tasks on 24.5 ms and read 2.7× by medians.
    const waits = { ops: 480, p50: 2.5, p90: 2.6, p99: 3, max: 4, totalMs: 1230 };
    const sequential = {
      ...cpuCell(
        'sequential',
        1,
        Array.from({ length: 30 }, (_, i) => 58 + (i % 7)),
        0.53,
      ),
      tasks: 16,
      io: waits,
      speedup: { value: 1, low: 1, high: 1 },
    };
    const asyncCell = {
      ...cpuCell(
        'async',
        1,
        Array.from({ length: 30 }, (_, i) => 21 + (i % 4)),
        1.085,
      ),
      tasks: 16,
      io: { ...waits, p50: 11.2, totalMs: 4997 },
      speedup: { value: 2.72, low: 2.6, high: 2.85 },
    };
    const result = analysedOn2Cores([sequential, asyncCell], ['sequential', 'async']);
    const verdict = result.cells.find((c) => c.strategy === 'async')?.verdict;
    expect(verdict?.class).not.toBe('measurement-fault');
    expect(verdict?.direction).toBe('faster');
    expect(verdict?.facts.bound).toBeGreaterThan(2.85);
  });
});

describe('a figure no mechanism explains, on a machine other programs were using', () => {
  const run = (freeCores: number): SuiteResult => {
    // Async on pure CPU work at 1.25×: one event loop cannot gain there; a busy machine can make it.
    const sequential = { ...cpuCell('sequential', 1, [50, 51, 49, 50, 52], 1), speedup: { value: 1, low: 1, high: 1 } };
    const asyncCell = {
      ...cpuCell('async', 1, [40, 41, 40, 39, 40], 1),
      speedup: { value: 1.25, low: 1.13, high: 1.38 },
    };
    const result = analysedOn2Cores([sequential, asyncCell], ['sequential', 'async']);
    return analyse({ ...result, environment: { ...result.environment, capacity: { threads: 2, freeCores } } });
  };

  it('says it cannot tell, and why, rather than that nothing explains a gain', () => {
    const verdict = run(0.28).cells.find((c) => c.strategy === 'async')?.verdict;
    expect(verdict?.class).toBe('machine-busy');
    expect(verdict?.direction).toBe('unknown');
    expect(verdict?.text).toMatch(
      /^1\.25×, cannot tell: other programs held the cores \(this run: 0\.28 of 2 cores idle at its start\), and no mechanism measured here explains the figure/,
    );
    const summary = run(0.28).summary?.sentences.join(' ') ?? '';
    expect(summary).toContain('async measured 1.25×, cannot tell: other programs held the cores');
    expect(summary).not.toContain('no mechanism measured here explains it');
  });

  it('on an idle machine, stays unexplained', () => {
    expect(run(1.96).cells.find((c) => c.strategy === 'async')?.verdict?.class).toBe('unexplained');
  });
});

describe('a figure no mechanism explains, beside batches still getting faster while timed', () => {
  // The default cpu run's matmul: async on one core at 1.19×, while sequential's batches were still
  // falling (its first half about 14% slower than its second).
  const run = (sequentialSamples: number[]): SuiteResult => {
    const sequential = { ...cpuCell('sequential', 1, sequentialSamples, 1), speedup: { value: 1, low: 1, high: 1 } };
    const asyncCell = {
      ...cpuCell('async', 1, [44, 45, 44, 43, 44, 45], 1),
      speedup: { value: 1.19, low: 1.07, high: 1.32 },
    };
    const result = analysedOn2Cores([sequential, asyncCell], ['sequential', 'async']);
    return analyse({ ...result, environment: { ...result.environment, capacity: { threads: 2, freeCores: 1.9 } } });
  };

  it('says it cannot tell, and names the warm-up', () => {
    const result = run([58, 56, 54, 51, 50, 49]);
    const verdict = result.cells.find((c) => c.strategy === 'async')?.verdict;
    expect(verdict?.class).toBe('still-warming');
    expect(verdict?.direction).toBe('unknown');
    expect(verdict?.text).toMatch(
      /^1\.19×, cannot tell: sequential \(its first half 12% slower\) was still getting faster while timed/,
    );
    const summary = result.summary?.sentences.join(' ') ?? '';
    expect(summary).toContain('async measured 1.19×, cannot tell: sequential');
    expect(summary).not.toContain('no mechanism measured here explains it');
  });

  it('with settled batches, stays unexplained', () => {
    const verdict = run([52, 53, 51, 53, 52, 52]).cells.find((c) => c.strategy === 'async')?.verdict;
    expect(verdict?.class).toBe('unexplained');
  });
});

describe('a speedup wholly past the cores, typical batches and all', () => {
  it('is a measurement fault where the work only computes, not a gain', () => {
    // A first look's processes on a pure-Python loop: 2.25× (2.08–2.43) on 2 cores, with
    // sequential's batches slow in every round.
    const sequential = { ...cpuCell('sequential', 1, [162, 166, 170, 156, 164], 1), runtime: CPYTHON_RUNTIME };
    const workers = {
      ...cpuCell('workers', 2, [72, 74, 76, 71, 73], 1.9),
      runtime: CPYTHON_RUNTIME,
      speedup: { value: 2.25, low: 2.08, high: 2.43 },
    };
    const result = analysedOn2Cores(
      [{ ...sequential, speedup: { value: 1, low: 1, high: 1 } }, workers],
      ['sequential', 'workers'],
    );
    const verdict = result.cells.find((c) => c.strategy === 'workers')?.verdict;
    expect(verdict?.class).toBe('measurement-fault');
    expect(verdict?.text).toMatch(
      /^measurement fault: 2\.25× is beyond the 2\.00× this work allows here: its whole interval is past it \(2\.08–2\.43×\), by typical batches too/,
    );
  });

  it('leaves an interval that reaches back within the cores a gain', () => {
    const sequential = { ...cpuCell('sequential', 1, [100, 101, 99, 100, 102], 1), runtime: CPYTHON_RUNTIME };
    const workers = {
      ...cpuCell('workers', 2, [51, 52, 50, 51, 52], 1.9),
      runtime: CPYTHON_RUNTIME,
      speedup: { value: 1.96, low: 1.9, high: 2.03 },
    };
    const result = analysedOn2Cores(
      [{ ...sequential, speedup: { value: 1, low: 1, high: 1 } }, workers],
      ['sequential', 'workers'],
    );
    expect(result.cells.find((c) => c.strategy === 'workers')?.verdict?.class).toBe('parallel-compute');
  });
});
