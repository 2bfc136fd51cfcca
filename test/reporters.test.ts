import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../src/reporters/formats.js';
import { findReporter, reporters } from '../src/reporters/index.js';
import { suiteFixture } from './fixtures/suite-result.js';

describe('reporters', () => {
  it('json is the whole result, parseable', () => {
    const text = findReporter('json')?.render(suiteFixture, { color: false }) ?? '';
    expect(JSON.parse(text)).toEqual(suiteFixture);
  });

  it('table', () => {
    expect(findReporter('table')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "gil-bench 0.1.0 · cpu · size m · threads 2 · 5 timed batches · GIL cpython, switch interval 5 ms
      Test CPU · 2 cores · Node v20.20.2

      primes (cpu, 8 tasks per batch)
      ┌────────────────┬─────────┬──────────┬──────┬─────┬───────────────────┬────────────────────────────────┐
      │ strategy       │ threads │   median │    ± │ cpu │  speedup (95% CI) │ simulated lock                 │
      │ sequential     │       1 │ 400.0 ms │ 0.5% │   – │ 1.00× (0.99–1.01) │                                │
      │ gil-threads    │       2 │ 410.0 ms │ 0.5% │   – │ 0.98× (0.96–0.99) │ hold 49% · wait 48% · 180 sw/s │
      │ workers        │       2 │ 205.0 ms │ 1.0% │   – │ 1.95× (1.93–1.97) │                                │
      │ async MISMATCH │       1 │        – │    – │   – │                 – │                                │
      └────────────────┴─────────┴──────────┴──────┴─────┴───────────────────┴────────────────────────────────┘
        sequential    the reference (a plain for loop)
        gil-threads   no gain: only one thread can hold the lock, so CPU-bound threads take turns (threading under the GIL)
        workers       1.95× faster: 2 threads with no lock compute in parallel (multiprocessing)
        async         WRONG RESULTS: checksums differ from sequential on task 3; its times are not comparable

      pool start-up (cold, not in the times above): gil-threads ×2 50.2 ms, workers ×2 61.7 ms

      warnings:
        ! 5 timed batches per strategy → use --iterations 10
      "
    `);
  });

  it('markdown', () => {
    expect(findReporter('markdown')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "## gil-bench cpu

      Test CPU, 2 cores, Node v20.20.2; 8 tasks per batch, size m, 5 timed batches.

      ### primes (cpu)

      | Strategy | Threads | Median | ± | Speedup | Verdict |
      |:---|---:|---:|---:|---:|:---|
      | \`sequential\` | 1 | 400.0 ms | 0.5% | 1.00× (0.99–1.01) | the reference (a plain for loop) |
      | \`gil-threads\` | 2 | 410.0 ms | 0.5% | 0.98× (0.96–0.99) | no gain: only one thread can hold the lock, so CPU-bound threads take turns (threading under the GIL) |
      | \`workers\` | 2 | 205.0 ms | 1.0% | 1.95× (1.93–1.97) | 1.95× faster: 2 threads with no lock compute in parallel (multiprocessing) |
      | \`async\` | 1 | – | – | – | WRONG RESULTS: checksums differ from sequential on task 3; its times are not comparable |

      > ⚠️ 5 timed batches per strategy — use --iterations 10
      "
    `);
  });

  it('every format --format accepts has a reporter', () => {
    expect(reporters.map((r) => r.name)).toEqual([...FORMAT_NAMES]);
  });

  it('no reporter writes colour codes when colour is off', () => {
    for (const reporter of reporters) {
      expect(reporter.render(suiteFixture, { color: false })).not.toMatch(/\x1b\[/);
    }
  });

  it('the table colours the fastest strategy and failures when colour is on', () => {
    const text = findReporter('table')?.render(suiteFixture, { color: true }) ?? '';
    expect(text).toContain('\x1b[32m\x1b[1mworkers');
    expect(text).toMatch(/\x1b\[31m\x1b\[1masync MISMATCH/);
  });
});
