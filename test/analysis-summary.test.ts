import { describe, expect, it } from 'vitest';
import { summarize } from '../src/stats/summary.js';
import { summarise, type Tone } from '../src/analysis/summary.js';
import { renderSummary } from '../src/reporters/summary-text.js';
import { palette } from '../src/reporters/format.js';
import { why } from '../src/analysis/summary-words.js';
import { cellOf, CPYTHON_RUNTIME, suiteFixture } from './fixtures/suite-result.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { CONVOY, FIB, GIL_ON_CPU, LAG, NATIVE, PRIMES, runOf as run, SLEEP } from './fixtures/runs.js';

interface Case {
  name: string;
  result: SuiteResult;
  /** Each row's tones, strategy by strategy. */
  tones: Record<string, (Tone | undefined)[]>;
  sentences: string[];
}

const PYTHON =
  'In Python, gil-threads is threading under the GIL, async is asyncio, workers is multiprocessing and async-offload is asyncio.to_thread.';

const CASES: Case[] = [
  {
    name: 'the GIL on CPU-bound work, and native code that releases it',
    result: run([
      [PRIMES, GIL_ON_CPU],
      [FIB, GIL_ON_CPU],
      [
        NATIVE,
        [
          { strategy: 'gil-threads', threads: 2, speedup: [1.95, 1.91, 1.96], busy: 1.95, lockHeld: 0.04 },
          { strategy: 'async', speedup: [1, 0.99, 1.01], busy: 1 },
          { strategy: 'workers', threads: 2, speedup: [1.9, 1.88, 1.92], busy: 1.94 },
          { strategy: 'async-offload', threads: 2, speedup: [1.93, 1.9, 1.95], busy: 1.94, lockHeld: 0.05 },
        ],
      ],
    ]),
    tones: {
      primes: ['same', 'same', 'gain', 'same'],
      fib: ['same', 'same', 'gain', 'same'],
      'native-hash': ['gain', 'same', 'gain', 'gain'],
    },
    sentences: [
      'CPU-bound work (primes and fib: 100% computing): workers gained 1.92×, as threads computed in parallel (2.0 cores busy); gil-threads and async-offload made no measurable gain, 0.97–0.98×, as only one thread can hold the lock, so the CPU work took turns (lock held 97–98% of the time); async made no measurable difference, as one event loop ran the CPU work one task at a time.',
      'Work in native code (native-hash: 95% in native sections): gil-threads and async-offload gained 1.93–1.95×, as the native code ran with the lock released, so threads overlapped there (95% of the work); workers gained 1.90×, as threads computed in parallel (1.9 cores busy); async made no measurable difference, as one event loop ran the CPU work one task at a time.',
      PYTHON,
    ],
  },
  {
    name: 'waits: one event loop waits on every task at once, a pool on as many as it has threads',
    result: run([
      [
        SLEEP,
        [
          {
            strategy: 'gil-threads',
            threads: 2,
            speedup: [1.9, 1.85, 1.93],
            busy: 0.06,
            inFlight: 1.9,
            lockHeld: 0.06,
          },
          { strategy: 'async', speedup: [7.4, 7.1, 7.6], busy: 0.2, inFlight: 7.3 },
          { strategy: 'workers', threads: 2, speedup: [1.93, 1.9, 1.95], busy: 0.06, inFlight: 1.9 },
        ],
      ],
    ]),
    tones: { sleep: ['gain', 'gain', 'gain'] },
    sentences: [
      'I/O-bound work (sleep: 97% waiting): gil-threads and workers gained 1.90–1.93×, as the waits overlapped (2.0 tasks computing or waiting at a time); async gained 7.40×, as the waits overlapped (7.5 tasks computing or waiting at a time).',
      'In Python, gil-threads is threading under the GIL, async is asyncio and workers is multiprocessing.',
    ],
  },
  {
    name: 'latency rows: the convoy and the blocked event loop, each judged by its own figure',
    result: run([
      [
        CONVOY,
        [
          { strategy: 'gil-threads', threads: 2, speedup: [1.4, 1.3, 1.5], busy: 1, lockHeld: 0.95, ioP50: 10.5 },
          { strategy: 'async', speedup: [1.2, 1.1, 1.3], busy: 1, ioP50: 5.3, ioMax: 80 },
          { strategy: 'workers', threads: 2, speedup: [1.5, 1.4, 1.6], busy: 1.2, ioP50: 5.25 },
        ],
      ],
      [
        LAG,
        [
          { strategy: 'gil-threads', threads: 2, speedup: [0.95, 0.93, 0.97], busy: 1, lockHeld: 0.97, lagP99: 3 },
          { strategy: 'async', speedup: [1, 0.99, 1.01], busy: 1, lagP99: 290 },
        ],
      ],
    ]),
    tones: { convoy: ['loss', 'loss', 'gain'], responsiveness: ['gain', 'loss', undefined] },
    sentences: [
      'I/O beside a CPU task (convoy: off-CPU p50, 5.30 ms alone): workers: its I/O ops took about as long as alone; gil-threads: each I/O op waited for the lock the CPU task held, the convoy effect (+5.20 ms per op); async: the event loop was blocked (off-CPU max 80.0 ms).',
      'The event loop beside CPU work (responsiveness: loop lag p99, 300.0 ms with no loop running): gil-threads: the event loop stayed responsive (loop lag p99 3.00 ms); async: the event loop was blocked (loop lag p99 290.0 ms).',
      'In Python, gil-threads is threading under the GIL, async is asyncio and workers is multiprocessing.',
    ],
  },
  {
    name: 'a strategy that gained on one workload and not on another is named with each',
    result: run([
      [PRIMES, [{ strategy: 'workers', threads: 2, speedup: [1.92, 1.9, 1.94], busy: 1.96 }]],
      [FIB, [{ strategy: 'workers', threads: 2, speedup: [1.01, 0.97, 1.04], busy: 1.05 }]],
    ]),
    tones: { primes: ['gain'], fib: ['same'] },
    sentences: [
      'CPU-bound work (primes and fib: 100% computing): workers gained 1.92× on primes, as threads computed in parallel (2.0 cores busy); workers made no measurable difference on fib, as nothing ran in parallel and no waits overlapped, so handing tasks to threads gained nothing (1.1 cores busy).',
      'In Python, workers is multiprocessing.',
    ],
  },
  {
    name: 'the words name the rows the matrix marks ▼, and a range of cells is not called an interval',
    result: run([
      [PRIMES, [{ strategy: 'async', speedup: [0.89, 0.86, 0.92], busy: 1 }]],
      [FIB, [{ strategy: 'async', speedup: [0.98, 0.95, 1.01], busy: 1 }]],
    ]),
    tones: { primes: ['loss'], fib: ['same'] },
    sentences: [
      'CPU-bound work (primes and fib: 100% computing): async made no measurable gain, 0.89–0.98×, and ran slower on primes, as one event loop ran the CPU work one task at a time.',
      'In Python, async is asyncio.',
    ],
  },
  {
    name: 'a clause that joins strategies names the one the matrix marks ▼',
    result: run([
      [
        PRIMES,
        [
          { strategy: 'gil-threads', threads: 2, speedup: [0.95, 0.85, 1.06], busy: 1, lockHeld: 0.96 },
          { strategy: 'async-offload', threads: 2, speedup: [0.94, 0.91, 0.97], busy: 1, lockHeld: 0.97 },
        ],
      ],
    ]),
    tones: { primes: ['same', 'loss'] },
    sentences: [
      'CPU-bound work (primes: 100% computing): gil-threads and async-offload made no measurable gain, 0.94–0.95×, and async-offload ran slower on primes, as only one thread can hold the lock, so the CPU work took turns (lock held 96–97% of the time).',
      'In Python, gil-threads is threading under the GIL and async-offload is asyncio.to_thread.',
    ],
  },
  {
    name: 'a clause that joins strategies names each one the matrix marks ▼, on its own rows',
    result: run([
      [
        PRIMES,
        [
          { strategy: 'gil-threads', threads: 2, speedup: [0.95, 0.9, 0.99], busy: 1, lockHeld: 0.96 },
          { strategy: 'async-offload', threads: 2, speedup: [0.93, 0.9, 0.96], busy: 1, lockHeld: 0.97 },
        ],
      ],
      [
        FIB,
        [
          { strategy: 'gil-threads', threads: 2, speedup: [0.89, 0.85, 0.93], busy: 1, lockHeld: 0.96 },
          { strategy: 'async-offload', threads: 2, speedup: [0.9, 0.85, 0.94], busy: 1, lockHeld: 0.97 },
        ],
      ],
    ]),
    tones: { primes: ['same', 'loss'], fib: ['loss', 'loss'] },
    sentences: [
      'CPU-bound work (primes and fib: 100% computing): gil-threads and async-offload made no measurable gain, 0.89–0.95×, and gil-threads ran slower on fib and async-offload ran slower on primes and fib, as only one thread can hold the lock, so the CPU work took turns (lock held 96–97% of the time).',
      'In Python, gil-threads is threading under the GIL and async-offload is asyncio.to_thread.',
    ],
  },
  {
    name: 'a clause on some rows names them before the rows it ran slower on',
    result: run([
      [PRIMES, [{ strategy: 'workers', threads: 2, speedup: [1.92, 1.9, 1.94], busy: 1.96 }]],
      [FIB, [{ strategy: 'workers', threads: 2, speedup: [1.01, 0.97, 1.04], busy: 1.05 }]],
      [
        { kind: 'cpu', workload: 'json' },
        [{ strategy: 'workers', threads: 2, speedup: [0.9, 0.87, 0.93], busy: 1.05 }],
      ],
    ]),
    tones: { primes: ['gain'], fib: ['same'], json: ['loss'] },
    sentences: [
      'CPU-bound work (primes, fib and json: 100% computing): workers gained 1.92× on primes, as threads computed in parallel (2.0 cores busy); workers made no measurable gain, 0.90–1.01× on fib and json, and ran slower on json, as nothing ran in parallel and no waits overlapped, so handing tasks to threads gained nothing (1.1 cores busy).',
      'In Python, workers is multiprocessing.',
    ],
  },
  {
    name: "a strategy's clauses stay together, the one a mechanism explains first",
    result: run([
      [
        PRIMES,
        [
          { strategy: 'async', speedup: [1.06, 1.05, 1.07], busy: 1 },
          { strategy: 'workers', threads: 2, speedup: [1.2, 1.15, 1.25], busy: 1.05 },
        ],
      ],
      [FIB, [{ strategy: 'workers', threads: 2, speedup: [1.92, 1.9, 1.94], busy: 1.96 }]],
    ]),
    tones: { primes: ['gain', 'gain'], fib: [undefined, 'gain'] },
    sentences: [
      'CPU-bound work (primes and fib: 100% computing): async gained 1.06× on primes, but no mechanism measured here explains it; workers gained 1.92× on fib, as threads computed in parallel (2.0 cores busy); workers gained 1.20× on primes, but no mechanism measured here explains it.',
      'In Python, async is asyncio and workers is multiprocessing.',
    ],
  },
  {
    name: 'one batch each: a speedup, but too few batches to tell',
    result: run([
      [{ ...PRIMES, samples: 1 }, [{ strategy: 'workers', threads: 2, speedup: [1.5, 1.5, 1.5], busy: 1.5 }]],
    ]),
    tones: { primes: ['unsure'] },
    sentences: [
      'CPU-bound work (primes: 100% computing): workers measured 1.50×, too few batches to tell, as threads computed in parallel (1.5 cores busy).',
      'In Python, workers is multiprocessing.',
    ],
  },
  {
    name: 'failures are named, wrong results apart from errors',
    result: run([
      [
        PRIMES,
        [
          { strategy: 'workers', threads: 2, state: 'mismatch' },
          { strategy: 'gil-threads', threads: 2, state: 'errored' },
        ],
      ],
    ]),
    tones: { primes: ['failed', 'failed'] },
    sentences: [
      'CPU-bound work (primes: 100% computing): workers gave wrong results: checksums differ from sequential on task 3; its times are not comparable; gil-threads failed: task 0: boom.',
      'In Python, workers is multiprocessing and gil-threads is threading under the GIL.',
    ],
  },
];

describe('the summary of a run', () => {
  it.each(CASES)('$name', ({ result, tones, sentences }) => {
    const summary = summarise(result);
    expect(Object.fromEntries(summary.rows.map((row) => [row.title, row.cells.map((cell) => cell?.tone)]))).toEqual(
      tones,
    );
    expect(summary.sentences).toEqual(sentences);
  });

  it('shows a thread sweep at its largest count, and says other counts ran', () => {
    const result = run(
      [
        [
          PRIMES,
          [
            { strategy: 'workers', threads: 1, speedup: [0.99, 0.98, 1], busy: 1 },
            { strategy: 'workers', threads: 4, speedup: [1.9, 1.88, 1.92], busy: 1.95 },
            { strategy: 'async', speedup: [1, 0.99, 1.01], busy: 1 },
          ],
        ],
      ],
      [1, 4],
    );
    const summary = summarise(result);
    expect({ threads: summary.threads, swept: summary.swept, strategies: summary.strategies }).toEqual({
      threads: 4,
      swept: true,
      strategies: ['workers', 'async'],
    });
    expect(summary.rows[0]?.cells.map((cell) => cell?.value)).toEqual([1.9, 1]);
  });

  it('the matrix holds the verdict of every cell it shows, and latency rows their own figure', () => {
    const result = CASES[2]?.result as SuiteResult;
    const summary = summarise(result);
    const [convoy, lag] = summary.rows;
    expect({
      figure: convoy?.figure,
      reference: convoy?.reference,
      values: convoy?.cells.map((c) => c?.value),
    }).toEqual({ figure: 'io-p50', reference: 5.3, values: [10.5, 5.3, 5.25] });
    expect({ figure: lag?.figure, reference: lag?.reference }).toEqual({ figure: 'loop-lag-p99', reference: 300 });
    for (const row of summary.rows) {
      row.cells.forEach((cell, i) => {
        const source = result.cells.find((c) => c.workload === row.title && c.strategy === summary.strategies[i]);
        expect(cell?.direction).toBe(source?.verdict?.direction);
      });
    }
  });

  it('a latency cell marked ▼ for its worst op shows that op, not only a median as good as alone', () => {
    const summary = summarise(CASES[2]?.result as SuiteResult);
    const asyncCell = summary.rows[0]?.cells[summary.strategies.indexOf('async')];
    expect({ value: asyncCell?.value, max: asyncCell?.max, tone: asyncCell?.tone }).toEqual({
      value: 5.3,
      max: 80,
      tone: 'loss',
    });
    const text = renderSummary(summary, palette(false), { width: 120, color: false, details: false });
    expect(text).toMatch(/│ +5\.30 ms \(max 80\.0\) ▼ │/);
    expect(text.replace(/\s+/g, ' ')).toContain('max: the worst op, where the verdict rests on it');
  });
});

describe('the summary’s words for a Python workload', () => {
  const cell = (strategy: CellResult['strategy'], runtime: boolean): CellResult =>
    cellOf('count-primes', strategy, {
      ...(runtime ? { runtime: CPYTHON_RUNTIME } : {}),
      verdict: {
        direction: 'faster',
        class: 'parallel-compute',
        because: ['parallel-compute'],
        headline: '1.80× faster',
        reason: '',
        analogue: 'multiprocessing',
        text: '',
        facts: { concurrency: 2, busyCores: 1.8, freeCores: 2 },
      },
    });

  it('says processes for a CPython process pool, threads for the simulation’s workers', () => {
    expect(why('parallel-compute', [cell('workers', true)])).toBe('processes computed in parallel (1.8 cores busy)');
    expect(why('parallel-compute', [cell('workers', false)])).toBe('threads computed in parallel (1.8 cores busy)');
    expect(why('parallel-compute', [cell('workers', true), cell('workers', false)])).toMatch(/^threads computed/);
    // CPython's lock is its GIL; no held share is quoted, as none was measured.
    expect(why('lock-serialised', [cell('gil-threads', true)])).toBe(
      'only one thread can hold the GIL, so the CPU work took turns',
    );
  });

  it('names the interpreter in the opening without parentheses inside its parentheses', () => {
    const sequential = { ...cell('sequential', true), speedup: { value: 1, low: 1, high: 1 } };
    const measured = cell('workers', true);
    const verdict = measured.verdict && { ...measured.verdict, facts: { ...measured.verdict.facts, waitShare: 0 } };
    const workers = { ...measured, speedup: { value: 1.8, low: 1.7, high: 1.9 }, ...(verdict ? { verdict } : {}) };
    const result: SuiteResult = { ...suiteFixture, cells: [sequential, workers] };
    const [opening] = summarise(result).sentences;
    expect(opening).toMatch(/^CPU-bound work \(count-primes on CPython 3\.11: 100% computing\): /);
    expect(summarise(result).rows.map((r) => r.title)).toEqual(['count-primes (CPython 3.11)']);
  });

  it("calls a Python run's strategies by Python's own names, and needs no sentence to translate them", () => {
    const sequential = {
      ...cell('sequential', true),
      speedup: { value: 1, low: 1, high: 1 },
      stats: summarize([11.2, 11.4, 11.3]),
    };
    const result: SuiteResult = {
      ...suiteFixture,
      cells: [sequential, cell('gil-threads', true), cell('workers', true)],
    };
    const summary = summarise(result);
    expect(summary.columns).toEqual(['threading', 'process pool']);
    // Each Python row shows its for loop's time a task: what the interpreter costs one thread.
    expect(summary.rows[0]?.taskMs).toBeCloseTo(11.3 / 4, 3);
    const table = renderSummary(summary, palette(false), { width: 120, color: false, details: false });
    expect(table).toMatch(/for loop, a task/);
    expect(table).toContain(`${(summary.rows[0]?.taskMs ?? 0).toFixed(2)} ms`);
    expect(summary.sentences.join(' ')).toMatch(/threading and process pool /);
    expect(summary.sentences.join(' ')).not.toMatch(/In Python,|gil-threads|workers/);
    // Beside the simulation, a column that holds both keeps gil-bench's name, and says what it is.
    const both: SuiteResult = {
      ...suiteFixture,
      cells: [...result.cells, { ...cell('gil-threads', false), workload: 'twin' }],
    };
    expect(summarise(both).columns).toEqual(['gil-threads', 'process pool']);
    expect(summarise(both).sentences.join(' ')).toMatch(/In Python, gil-threads is /);
  });
});
