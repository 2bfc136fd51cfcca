import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBin, tempDir } from './helpers.js';
import { runWith } from './fixtures/results.js';

const gilBench = (args: string[], cwd: string) => runBin(args, { cwd });

describe('commands on saved results', () => {
  let dir: { path: string; remove(): Promise<void> };
  const file = (name: string): string => join(dir.path, name);
  const save = (name: string, data: unknown): Promise<void> =>
    writeFile(file(name), typeof data === 'string' ? data : JSON.stringify(data));

  beforeEach(async () => {
    dir = await tempDir();
    await save('base.json', runWith(1.02, 0.52));
    await save('same.json', runWith(1.02, 0.52));
    await save('regressed.json', runWith(1.02, 0.52 / 0.7));
    await save('few-a.json', runWith(1.02, 0.52, 1));
    await save('few-b.json', runWith(1.02, 0.52, 1));
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('compare: the same code passes the gate (0), a 30% regression in a ratio fails it (1), too few rounds cannot decide (3)', async () => {
    const same = await gilBench(['compare', 'base.json', 'same.json', '--fail-on-regression', '10'], dir.path);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(
      '3 cells, each by its worst metric: 0 regressed, 0 improved, 3 unchanged, 0 undecided',
    );
    expect(same.stdout).toContain('gate: no cell changed by 10% or more (3 cells, 1 look)');
    const regressed = await gilBench(
      ['compare', 'base.json', 'regressed.json', '--fail-on-regression', '10'],
      dir.path,
    );
    expect(regressed.code).toBe(1);
    expect(regressed.stderr).toBe(
      'error: regressed by 10% or more: primes/workers/2t (speedup −30%), primes/workers/2t (time +43%)\n',
    );
    // Wide enough that the reason stays on one line of its cell.
    const few = await runBin(['compare', 'few-a.json', 'few-b.json', '--fail-on-regression', '10'], {
      cwd: dir.path,
      env: { COLUMNS: '200' },
    });
    expect(few.code).toBe(3);
    expect(few.stderr).toContain('cannot decide after 1 look');
    expect(few.stdout).toContain('too few rounds to judge (1 and 1; at least 2 on each side)');
    // Without the gate the comparison is only reported.
    expect((await gilBench(['compare', 'base.json', 'regressed.json'], dir.path)).code).toBe(0);
  });

  it('compare --format json and markdown', async () => {
    const json = await gilBench(['compare', 'base.json', 'regressed.json', '--format', 'json'], dir.path);
    expect((JSON.parse(json.stdout) as { changes: Array<{ label: string }> }).changes.map((c) => c.label)).toEqual([
      'unchanged',
      'unchanged',
      'regressed',
    ]);
    const markdown = await gilBench(['compare', 'base.json', 'regressed.json', '--format', 'markdown'], dir.path);
    expect(markdown.stdout).toContain('❌ **regressed by 15% or more: primes/workers/2t (speedup −30%)');
    expect(markdown.stdout).toMatch(
      /\| `primes\/workers\/2t` \| speedup \| 1\.91× \| 1\.33× \| −30\.0% \(−3\d\.\d% … −2\d\.\d%\) \| \*\*regressed\*\* \|/,
    );
  });

  it.each([
    ['missing.json', null, /^error: missing\.json: no such file$/],
    ['empty.json', '', /^error: empty\.json: the file is empty$/],
    [
      'truncated.json',
      '{"schemaVersion": 1, "cells": [',
      /^error: truncated\.json: not valid JSON, perhaps truncated \(/,
    ],
    ['array.json', '[1, 2]', /^error: array\.json: not a gil-bench result \(expected a JSON object\)$/],
    [
      'newer.json',
      { ...runWith(1, 0.5), schemaVersion: 9 },
      /^error: newer\.json: schemaVersion 9 is newer than this gil-bench reads \(1\); update gil-bench$/,
    ],
    ['old.json', { ...runWith(1, 0.5), schemaVersion: 0 }, /^error: old\.json: unknown schemaVersion 0/],
    [
      'shape.json',
      { ...runWith(1, 0.5), cells: [{ workload: 'primes' }] },
      /^error: shape\.json: field "cells\.0" must have required property 'kind'$/,
    ],
    [
      'state.json',
      { ...runWith(1, 0.5), config: { ...runWith(1, 0.5).config, threads: 'two' } },
      /^error: state\.json: field "config\.threads" must be array$/,
    ],
  ])('a bad result file (%s) is one clear line naming it, exit 2', async (name, content, message) => {
    if (content !== null) await save(name, content);
    for (const args of [
      ['compare', name, 'base.json'],
      ['report', name],
      ['check', name],
    ]) {
      const ran = await gilBench(args, dir.path);
      expect({ args, code: ran.code }).toEqual({ args, code: 2 });
      expect(ran.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(ran.stderr.trimEnd()).toMatch(message);
    }
  });

  it('check asserts the shapes of a saved run', async () => {
    const ran = await gilBench(['check', 'base.json'], dir.path);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      'pass  parallel workers use the free cores: primes / workers ×2 1.92× (expected ≥ 1.18×)',
    );
  });

  it('merge puts machines side by side; report renders a saved run as HTML and CSV', async () => {
    const merged = await gilBench(['merge', 'base.json', 'regressed.json', '--format', 'markdown'], dir.path);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('| `primes/workers/2t` | 1.92× | 1.35× |');
    const report = await gilBench(
      ['report', 'base.json', '--html', 'report.html', '--format', 'csv', '--output', 'cells.csv'],
      dir.path,
    );
    expect(report.code).toBe(0);
    expect(report.stdout).toBe('');
    expect(await readFile(file('report.html'), 'utf8')).toMatch(
      /^<!doctype html>.*<svg class="chart" data-chart="speedup"/s,
    );
    expect((await readFile(file('cells.csv'), 'utf8')).split('\r\n')[0]).toMatch(
      /^workload,io_ratio,kind,strategy,threads,state/,
    );
  });

  it('end to end: save a baseline, then compare a fresh run with it', async () => {
    const tiny = [
      '--workloads',
      'primes',
      '--size',
      'xs',
      '--tasks',
      '2',
      '--iterations',
      '3',
      '--warmup',
      '0',
      '--warmup-time',
      '0',
      '--threads',
      '2',
      '--no-probe',
      '--strategies',
      'workers',
    ];
    const first = await gilBench(['cpu', ...tiny, '--save-baseline', 'main', '--quiet'], dir.path);
    expect(first.code).toBe(0);
    expect(JSON.parse(await readFile(file('bench-results/baselines/main.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      suite: 'cpu',
    });
    const compared = await gilBench(['compare', 'main'], dir.path);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toMatch(/│ primes\/workers\/2t +│ speedup │/);
    expect(compared.stderr).toMatch(/result saved to .*bench-results/);
    // Against a baseline whose workers were a hundred times faster than sequential, any real run has
    // regressed: the gate's outcome is known, and every format it writes carries it.
    await save('far.json', runWith(1.02, 0.01));
    const gated = await gilBench(
      [
        'cpu',
        ...tiny,
        '--baseline',
        'far.json',
        '--fail-on-regression',
        '50',
        '--quiet',
        '--format',
        'markdown',
        '--output',
        'summary.md',
        '--format',
        'json',
        '--output',
        'run.json',
      ],
      dir.path,
    );
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/^error: regressed by 50% or more: primes\/workers\/2t \(speedup −9\d%\)/m);
    const summary = await readFile(file('summary.md'), 'utf8');
    expect(summary).toContain('## gil-bench: comparison with the baseline');
    expect(summary).toMatch(/❌ \*\*regressed by 50% or more: primes\/workers\/2t \(speedup −9\d%\)/);
    expect(summary).toMatch(/\| `primes\/workers\/2t` \| speedup \|/);
    const run = JSON.parse(await readFile(file('run.json'), 'utf8')) as {
      comparison?: { baseline: string; decision: { exitCode: number } };
    };
    expect(run.comparison?.baseline).toBe('far.json');
    expect(run.comparison?.decision.exitCode).toBe(gated.code);
  });
});
