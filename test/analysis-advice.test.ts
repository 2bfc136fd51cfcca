import { describe, expect, it } from 'vitest';
import { adviceSentences } from '../src/analysis/advice.js';
import { summarise } from '../src/analysis/summary.js';
import { GIL_ON_CPU, PRIMES, runOf as run } from './fixtures/runs.js';
import type { World } from './fixtures/scenario.js';
import type { CellResult } from '../src/results/types.js';

const PY_PRIMES: World = { ...PRIMES, cpython: { gil: true } };

describe('what to do with a Python module, row by row', () => {
  it('names the way that ran it fastest and what held the others back, by their measured mechanisms', () => {
    expect(adviceSentences(run([[PY_PRIMES, GIL_ON_CPU]]))).toEqual([
      expect.stringMatching(
        /^What to do \(primes on CPython 3\.\d+\): process pool ×2 ran it fastest, 1\.92× the for loop \([\d.]+ ms a task\); threading ×2 and to_thread ×2 waited for the GIL: only processes, or a build without it, run Python code in parallel; asyncio ran the CPU work one task at a time: it pays only where tasks wait\.$/,
      ),
    ]);
  });

  it('keeps the for loop when nothing gained, and names what sending the inputs cost a process pool', () => {
    const result = run([
      [
        { ...PY_PRIMES, freeCores: 1.3 },
        [
          { strategy: 'gil-threads', threads: 2, speedup: [0.98, 0.97, 0.99], busy: 1 },
          { strategy: 'workers', threads: 2, speedup: [0.29, 0.27, 0.31], busy: 0.5, transferMs: 300 },
        ],
      ],
    ]);
    const [advice] = adviceSentences(result);
    expect(advice).toMatch(/keep the for loop: no other way ran it measurably faster here/);
    expect(advice).toMatch(
      /process pool ×2 paid [\d.]+ ms a task to send its input and result .*: send less, or more work a task/,
    );
  });

  it('picks the fastest by its typical batch, as the sentence across interpreters does, not by the larger ratio', () => {
    const result = run([[PY_PRIMES, GIL_ON_CPU]]);
    const workers = result.cells.find((c) => c.strategy === 'workers') as CellResult;
    // A second gain whose ratio is lower, but whose typical batch is shorter.
    const offload = result.cells.find((c) => c.strategy === 'async-offload') as CellResult;
    offload.speedup = { value: 1.85, low: 1.8, high: 1.9 };
    offload.samples = workers.samples.map((ms) => ms * 0.9);
    const [advice] = adviceSentences(result);
    expect(advice).toMatch(
      /^What to do \(primes on CPython 3\.\d+\): to_thread ×2 ran it fastest, 1\.85× the for loop/,
    );
  });

  it('says nothing for the simulation, whose sentences teach; the summary carries it for Python rows', () => {
    expect(adviceSentences(run([[PRIMES, GIL_ON_CPU]]))).toEqual([]);
    expect(summarise(run([[PY_PRIMES, GIL_ON_CPU]])).sentences.some((s) => s.startsWith('What to do'))).toBe(true);
  });
});
