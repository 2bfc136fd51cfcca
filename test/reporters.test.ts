import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { FORMAT_NAMES } from '../src/config/formats.js';
import { findReporter, reporters } from '../src/reporters/index.js';
import { analyse } from '../src/analysis/analyse.js';
import { CPYTHON_RUNTIME, suiteFixture as measured } from './fixtures/suite-result.js';
import { everyKind, threadSweep } from './fixtures/runs.js';
import { displayWidth } from '../src/reporters/layout.js';
import { compareResults } from '../src/analysis/compare.js';
import { renderComparisonTable } from '../src/reporters/comparison.js';
import { runWith } from './fixtures/results.js';

// Reporters render conclusions; the analysis draws them from the measured fixture.
const suiteFixture = analyse(measured);

describe('reporters', () => {
  it("names a Python run's rows in Python's words in every table, once each", () => {
    const python = analyse({
      ...measured,
      cells: measured.cells.map((cell) => ({ ...cell, runtime: CPYTHON_RUNTIME })),
    });
    for (const format of ['html', 'markdown', 'table'] as const) {
      const text = findReporter(format)?.render(python, { color: false, details: true, width: 120 }) ?? '';
      expect(text, format).toMatch(/asyncio/);
      expect(text, format).not.toMatch(/asyncioio|threadinging|for loopfor/);
    }
  });

  it('json is the whole result, parseable', () => {
    const text = findReporter('json')?.render(suiteFixture, { color: false }) ?? '';
    expect(JSON.parse(text)).toEqual(suiteFixture);
  });

  it('table: by default the summary alone, after the header', () => {
    expect(findReporter('table')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "gil-bench 0.1.0 · cpu · size m · threads 2 · 5 timed batches · GIL cpython, switch interval 5 ms
      Test CPU · 2 cores · Node v20.20.2

      Summary: speedup vs sequential at 2 threads; async runs every task of a batch at once · --details for every table
      ┌──────────┬─────────────┬─────────────────────┬──────────┐
      │ workload │ gil-threads │             workers │    async │
      │ primes   │  0.96–0.99× │ 1.95× (1.93–1.97) ▲ │ MISMATCH │
      └──────────┴─────────────┴─────────────────────┴──────────┘
      ▲ faster, ▼ slower: the whole 95% interval clears 1 by over 3% on that side · a range: the 95% interval, where it does
      not clear 1 by over 3%
        CPU-bound work (primes: 100% computing): workers gained 1.95×, as threads computed in parallel (2.0 cores busy);
          gil-threads made no measurable gain, 0.98×, as only one thread can hold the lock, so the CPU work took turns (lock
          held 98% of the time); async gave wrong results: checksums differ from sequential on task 3; its times are not
          comparable.
        In Python, gil-threads is threading under the GIL, workers is multiprocessing and async is asyncio.
      "
    `);
  });

  it("table --details: every workload's table and verdicts, then the summary", () => {
    expect(findReporter('table')?.render(suiteFixture, { color: false, details: true })).toMatchInlineSnapshot(`
      "gil-bench 0.1.0 · cpu · size m · threads 2 · 5 timed batches · GIL cpython, switch interval 5 ms
      Test CPU · 2 cores · Node v20.20.2

      primes (cpu, 8 tasks per batch)
      ┌────────────────┬─────────┬──────────┬───────┬─────┬───────────────────┬──────────────┬───────────────────────────────┐
      │ strategy       │ threads │   median │     ± │ cpu │  speedup (95% CI) │              │ simulated lock                │
      │ sequential     │       1 │ 400.0 ms │     – │ 50% │ 1.00× (0.99–1.01) │ ██████▏      │                               │
      │ gil-threads    │       2 │ 410.0 ms │ ±1.5% │ 50% │ 0.98× (0.96–0.99) │ ██████       │ held 98% · 1.0 waiting · 180  │
      │                │         │          │       │     │                   │              │ sw/s                          │
      │ workers        │       2 │ 205.0 ms │ ±1.0% │ 98% │ 1.95× (1.93–1.97) │ ████████████ │                               │
      │ async MISMATCH │       1 │        – │     – │   – │                 – │              │                               │
      └────────────────┴─────────┴──────────┴───────┴─────┴───────────────────┴──────────────┴───────────────────────────────┘
        sequential    the reference (a plain for loop)
        gil-threads   slower, but not measurably by over 3%: only one thread can hold the lock (held 98% of the time), so the
                      CPU work (100% of each task) takes turns (threading under the GIL)
        workers       1.95× faster: 2 threads computed in parallel (2.0 cores busy) (multiprocessing)
        async         MISMATCH: checksums differ from sequential on task 3; its times are not comparable (asyncio)

      cpu: CPU time ÷ (wall time × 2 cores) · ±: how far the speedup's 95% interval reaches · lock: held = the share of the
        time some thread held it; waiting = threads waiting for it, on average; sw/s = hand-overs between threads a second

      pool start-up (cold, not in the times above): gil-threads ×2 50.2 ms, workers ×2 61.7 ms

      Summary: speedup vs sequential at 2 threads; async runs every task of a batch at once
      ┌──────────┬─────────────┬─────────────────────┬──────────┐
      │ workload │ gil-threads │             workers │    async │
      │ primes   │  0.96–0.99× │ 1.95× (1.93–1.97) ▲ │ MISMATCH │
      └──────────┴─────────────┴─────────────────────┴──────────┘
      ▲ faster, ▼ slower: the whole 95% interval clears 1 by over 3% on that side · a range: the 95% interval, where it does
      not clear 1 by over 3%
        CPU-bound work (primes: 100% computing): workers gained 1.95×, as threads computed in parallel (2.0 cores busy);
          gil-threads made no measurable gain, 0.98×, as only one thread can hold the lock, so the CPU work took turns (lock
          held 98% of the time); async gave wrong results: checksums differ from sequential on task 3; its times are not
          comparable.
        In Python, gil-threads is threading under the GIL, workers is multiprocessing and async is asyncio.
      "
    `);
  });

  it('table, markdown and html show the times speedups are computed from: the fastest batches by default', () => {
    const result = analyse({ ...measured, config: { ...measured.config, estimator: 'min' as const } });
    const table = findReporter('table')?.render(result, { color: false, details: true }) ?? '';
    expect(table).toMatch(/│ strategy +│ threads │ +fastest │/);
    expect(table).toMatch(/│ sequential +│ +1 │ 398\.0 ms │/);
    expect(table).toMatch(/│ workers +│ +2 │ 203\.0 ms │/);
    expect(findReporter('markdown')?.render(result, { color: false })).toContain(
      '| Strategy | Threads | Fastest | ± | Speedup | Verdict |\n|:---|---:|---:|---:|---:|:---|\n| `sequential` | 1 | 398.0 ms |',
    );
    const html = findReporter('html')?.render(result, { color: false }) ?? '';
    expect(html).toContain('<th class="num opt">threads</th><th class="num">fastest</th>');
    expect(html).toContain('<td class="num">398.0 ms</td>');
  });

  it('markdown', () => {
    expect(findReporter('markdown')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "## gil-bench cpu

      Test CPU, 2 cores, Node v20.20.2; 8 tasks per batch, size m, 5 timed batches.

      ### primes (cpu)

      | Strategy | Threads | Median | ± | Speedup | Verdict |
      |:---|---:|---:|---:|---:|:---|
      | \`sequential\` | 1 | 400.0 ms | – | 1.00× (0.99–1.01) | the reference (a plain for loop) |
      | \`gil-threads\` | 2 | 410.0 ms | ±1.5% | 0.98× (0.96–0.99) | slower, but not measurably by over 3%: only one thread can hold the lock (held 98% of the time), so the CPU work (100% of each task) takes turns (threading under the GIL) |
      | \`workers\` | 2 | 205.0 ms | ±1.0% | 1.95× (1.93–1.97) | 1.95× faster: 2 threads computed in parallel (2.0 cores busy) (multiprocessing) |
      | \`async\` | 1 | – | – | – | MISMATCH: checksums differ from sequential on task 3; its times are not comparable (asyncio) |
      "
    `);
  });

  it('csv', () => {
    expect(findReporter('csv')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "workload,io_ratio,kind,strategy,threads,state,tasks,samples,median_ms,mean_ms,min_ms,max_ms,p75_ms,p99_ms,sd_ms,rme_pct,speedup,speedup_low,speedup_high,efficiency,startup_ms,cpu_utilization,loop_lag_p99_ms,io_op_p50_ms,io_op_p99_ms,lock_hold_share,lock_wait_share,lock_switches_per_s,error
      primes,,cpu,sequential,1,completed,8,5,400,400,398,402,401,401.96,1.58,0.49,1,0.99,1.01,1,0,0.4988,0,,,,,,
      primes,,cpu,gil-threads,2,completed,8,5,410,410,408,412,411,411.96,1.58,0.48,0.9756,0.96,0.99,0.4878,50.2,0.5,0,,,0.49,0.48,179.5,
      primes,,cpu,workers,2,completed,8,5,205,205,203,207,206,206.96,1.58,0.96,1.9512,1.93,1.97,0.9756,61.7,0.9756,0,,,,,,
      primes,,cpu,async,1,mismatch,8,,,,,,,,,,,,,,0,,,,,,,,checksums differ on tasks 3
      "
    `);
  });

  it('github', () => {
    expect(findReporter('github')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "[
        {
          "name": "primes/sequential/1t",
          "unit": "ms",
          "value": 400,
          "extra": "speedup vs sequential 1.00× (0.99–1.01)\\nmedian of 5 batches of 8 tasks, GIL cpython\\nTest CPU, 2 cores, Node v20.20.2"
        },
        {
          "name": "primes/gil-threads/2t",
          "unit": "ms",
          "value": 410,
          "extra": "speedup vs sequential 0.98× (0.96–0.99)\\nmedian of 5 batches of 8 tasks, GIL cpython\\nTest CPU, 2 cores, Node v20.20.2"
        },
        {
          "name": "primes/workers/2t",
          "unit": "ms",
          "value": 205,
          "extra": "speedup vs sequential 1.95× (1.93–1.97)\\nmedian of 5 batches of 8 tasks, GIL cpython\\nTest CPU, 2 cores, Node v20.20.2"
        }
      ]
      "
    `);
  });

  it('bencher', () => {
    expect(findReporter('bencher')?.render(suiteFixture, { color: false })).toMatchInlineSnapshot(`
      "{
        "primes/sequential/1t": {
          "latency": {
            "value": 400000000
          },
          "speedup": {
            "value": 1,
            "lower_value": 0.99,
            "upper_value": 1.01
          }
        },
        "primes/gil-threads/2t": {
          "latency": {
            "value": 410000000
          },
          "speedup": {
            "value": 0.9756,
            "lower_value": 0.96,
            "upper_value": 0.99
          }
        },
        "primes/workers/2t": {
          "latency": {
            "value": 205000000
          },
          "speedup": {
            "value": 1.9512,
            "lower_value": 1.93,
            "upper_value": 1.97
          }
        }
      }
      "
    `);
  });

  it("github matches github-action-benchmark's customSmallerIsBetter input: name, unit, value and extra strings (range is optional)", () => {
    const entries = JSON.parse(findReporter('github')?.render(suiteFixture, { color: false }) ?? '') as unknown[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      // range is optional in the format; gil-bench's extra lines carry the speedup's interval instead.
      expect(entry).toEqual({
        name: expect.any(String),
        unit: expect.any(String),
        value: expect.any(Number),
        extra: expect.any(String),
      });
    }
  });

  it('bencher validates against the Bencher Metric Format JSON Schema as Bencher documents it', () => {
    // https://bencher.dev/docs/reference/bencher-metric-format/ (the published schema, verbatim in structure)
    const bmf = {
      $schema: 'http://json-schema.org/draft-07/schema',
      type: 'object',
      patternProperties: {
        '.+': {
          type: 'object',
          patternProperties: {
            '.+': {
              type: 'object',
              properties: {
                value: { type: 'number' },
                lower_value: { type: 'number' },
                upper_value: { type: 'number' },
              },
              required: ['value'],
            },
          },
        },
      },
    };
    const validate = new Ajv({ strict: false }).compile(bmf);
    const data = JSON.parse(findReporter('bencher')?.render(suiteFixture, { color: false }) ?? '') as Record<
      string,
      Record<string, { value: number; lower_value?: number; upper_value?: number }>
    >;
    expect(validate(data)).toBe(true);
    for (const measures of Object.values(data)) {
      for (const m of Object.values(measures)) {
        expect((m.lower_value ?? m.value) <= m.value && m.value <= (m.upper_value ?? m.value)).toBe(true);
      }
    }
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
    const text = findReporter('table')?.render(suiteFixture, { color: true, details: true }) ?? '';
    expect(text).toContain('\x1b[32m\x1b[1mworkers');
    expect(text).toMatch(/\x1b\[31m\x1b\[1masync MISMATCH/);
  });

  it.each([60, 80, 100, 120])('table at %i columns: no line wider, the summary last, details or not', (width) => {
    for (const result of [suiteFixture, everyKind(), threadSweep()]) {
      for (const details of [false, true]) {
        const text = findReporter('table')?.render(result, { color: true, width, details }) ?? '';
        const lines = text.trimEnd().split('\n');
        const over = lines.filter((line) => displayWidth(line) > width);
        expect(over, `${result.config.suite} ${details ? 'with' : 'without'} details`).toEqual([]);
        // Nothing was cut short to make it fit.
        expect(text).not.toContain('…');
        const summary = lines.findIndex((line) => line.includes('Summary'));
        expect(summary).toBeGreaterThan(0);
        expect(lines.slice(summary).join('\n')).toContain('In Python, ');
      }
    }
  });

  it('the compact layout below 100 columns: no bars, short headers, shorter lock text', () => {
    const table = (width: number): string =>
      findReporter('table')?.render(everyKind(), { color: false, width, details: true }) ?? '';
    expect(table(120)).toMatch(/│ ████████/);
    expect(table(120)).toContain('│ simulated lock ');
    expect(table(120)).toContain('held 97% · 0.8 waiting · 180');
    expect(table(99)).not.toMatch(/[▏▎▍▌▋▊▉█]/);
    expect(table(99)).toContain('│ lock ');
    expect(table(99)).toContain('97% held 0.8 wait 180 sw/s');
    expect(table(99)).toMatch(/│ +speedup │/);
  });

  it("the lock column quotes the lock's held share as the verdict does, and a key says what each column measures", () => {
    const text = findReporter('table')?.render(everyKind(), { color: false, width: 200, details: true }) ?? '';
    const row = /│ gil-threads +│ +2 │.*│ held (\d+)% /.exec(
      text.split('\n').find((l) => l.includes('│ gil-threads')) ?? '',
    );
    const said = /gil-threads +.*held (\d+)% of the time/.exec(text);
    expect(row?.[1]).toBeDefined();
    expect(row?.[1]).toBe(said?.[1]);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('cpu: CPU time ÷ (wall time × 2 cores)');
    expect(flat).toContain('lock: held = the share of the time some thread held it; waiting = threads waiting for it');
    expect(flat).toContain('sw/s = hand-overs between threads a second');
  });

  it("names the details' off-CPU column for what it measures, and its key says so", () => {
    // Each task's time off the CPU, its wait for the lock included: not the I/O's own latency.
    const text = findReporter('table')?.render(everyKind(), { color: false, width: 200, details: true }) ?? '';
    expect(text).not.toContain('I/O op p50 / p99');
    expect(text).toContain('off-CPU p50 / p99');
    expect(text.replace(/\s+/g, ' ')).toContain('off-CPU: each I/O op from its start until its task ran again');
  });

  it("states async's concurrency on the summary's first line, not a thread count alone", () => {
    const summaryLine = (result: ReturnType<typeof everyKind>): string =>
      (findReporter('table')?.render(result, { color: false, width: 200 }) ?? '')
        .split('\n')
        .find((l) => l.startsWith('Summary:')) ?? '';
    expect(summaryLine(everyKind())).toContain('async runs every task of a batch at once');
    const limited = everyKind();
    expect(summaryLine(analyse({ ...limited, config: { ...limited.config, asyncLimit: 3 } }))).toContain(
      'async runs at most 3 at once (--async-limit)',
    );
  });

  it('the summary matrix shows intervals where the wide layout has room, and says what its marks mean', () => {
    const wide = findReporter('table')?.render(everyKind(), { color: false, width: 120 }) ?? '';
    expect(wide).toMatch(/│ primes +│ +0\.97–0\.99× │ +0\.99–1\.01× │ 1\.92× \(1\.90–1\.94\) ▲ │ +0\.96–0\.98× │/);
    const flat = (text: string): string => text.replace(/\s+/g, ' ');
    expect(flat(wide)).toContain('▲ faster, ▼ slower: the whole 95% interval clears 1 by over 3% on that side ·');
    const narrow = findReporter('table')?.render(everyKind(), { color: false, width: 60 }) ?? '';
    expect(narrow).toMatch(/│ primes +│ +0\.98× = │ +1\.00× = │ +1\.92× ▲ │ +0\.97× = │/);
    // Where the intervals do not fit, the legend says they were left out, and where to find them.
    expect(flat(narrow)).toContain(
      '▲ faster, ▼ slower: the whole 95% interval clears 1 by over 3% on that side (intervals left out to fit 60 columns: --details shows them)',
    );
    expect(flat(narrow)).toContain('= the 95% interval does not clear 1 by over 3%');
  });

  it('--gil none: gil-threads has no lock to take, and every table and sentence calls it threads', () => {
    const unlocked = analyse({
      ...measured,
      config: { ...measured.config, gil: 'none' },
      cells: measured.cells.map(({ lock: _lock, ...cell }) => cell),
    });
    for (const format of ['table', 'markdown', 'html'] as const) {
      const rendered = findReporter(format)?.render(unlocked, { color: false, details: true, width: 120 }) ?? '';
      // What a reader sees: the HTML's text, not its style sheet or the class names that pick colours.
      const text = rendered.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ');
      expect({ format, gilThreads: /gil-threads/.test(text) }).toEqual({ format, gilThreads: false });
      expect(text).toMatch(/\bthreads\b/);
    }
    expect(unlocked.summary?.columns?.[0]).toBe('threads');
    expect(unlocked.cells.find((c) => c.strategy === 'gil-threads')).toBeDefined();
  });

  it('the header counts the batches the cells ran, as the note below it does, not the batches planned', () => {
    const cut = analyse({
      ...measured,
      config: { ...measured.config, iterations: 5, quick: true },
      cells: measured.cells.map((cell) =>
        cell.stats ? { ...cell, samples: cell.samples.slice(0, 1), stats: { ...cell.stats, samples: 1 } } : cell,
      ),
    });
    const text = findReporter('table')?.render(cut, { color: false, width: 200 }) ?? '';
    expect(text.split('\n')[0]).toContain(' · 1 timed batch · ');
    expect(text).toContain('note: --quick is a first look: 1 timed batch of');
    expect(findReporter('markdown')?.render(cut, { color: false })).toContain(', 1 timed batch.');
  });

  it('a cell of one batch has no margin of error: "–", not 0.0%', () => {
    const [first, ...rest] = measured.cells;
    const one = analyse({
      ...measured,
      cells: [{ ...first!, samples: [400], stats: { ...first!.stats!, samples: 1, rme: 0, moe: 0 } }, ...rest],
    });
    expect(findReporter('table')?.render(one, { color: false, details: true })).toMatch(
      /│ sequential +│ +1 │ +400\.0 ms │ +– │/,
    );
    expect(findReporter('markdown')?.render(one, { color: false })).toContain('| `sequential` | 1 | 400.0 ms | – |');
    expect(findReporter('csv')?.render(one, { color: false }).split('\r\n')[1]).toContain(',1.58,,1,');
    expect(findReporter('html')?.render(one, { color: false })).toContain(
      '<td class="num">400.0 ms</td><td class="num opt">–</td>',
    );
  });
});

describe('the comparison in the terminal', () => {
  // A regression, an undecided cell and unchanged ones, with the runs' differences named.
  const comparison = compareResults(runWith(1.02, 0.52), runWith(1.02, 0.52 * 1.2), {
    metrics: ['speedup', 'time'],
    thresholdPct: 15,
    plannedLooks: 3,
  });

  it.each([60, 80, 120])('fits %i columns and keeps every cell, figure and the decision', (width) => {
    const text = renderComparisonTable(comparison, false, width);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((line) => displayWidth(line) > width)).toEqual([]);
    // Nothing cut: each cell's id is there whole once its wrapped pieces are joined.
    const cellColumn = lines
      .filter((line) => line.startsWith('│'))
      .map((line) => line.split('│')[1]?.trim() ?? '')
      .join(' ');
    for (const change of comparison.changes) expect(cellColumn.replace(/\/ /g, '/')).toContain(change.id);
    expect(text).toContain('regressed');
    expect(text.replace(/\s+/g, ' ')).toContain(`gate: ${comparison.decision.summary}`);
  });
});
