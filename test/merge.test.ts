import { describe, expect, it } from 'vitest';
import { mergeResults, shortCpu } from '../src/results/merge.js';
import { renderMergedMarkdown, renderMergedTable } from '../src/reporters/merged.js';
import { displayWidth } from '../src/reporters/layout.js';
import type { SuiteResult } from '../src/results/types.js';
import { runWith } from './fixtures/results.js';

/** A run like the fixture's, with its settings changed. */
function run(config: Partial<SuiteResult['config']> = {}, changes: Partial<SuiteResult> = {}): SuiteResult {
  const base = runWith(1, 0.5);
  return { ...base, config: { ...base.config, ...config }, ...changes };
}

describe('merge', () => {
  it.each<[string, SuiteResult[], string[]]>([
    [
      'its --label names a run',
      [run({}, { label: 'linux-x64' }), run({}, { label: 'macos-arm64' })],
      ['linux-x64', 'macos-arm64'],
    ],
    [
      'without one, the host and what sets the runs apart',
      [run({ size: 's' }), run({ size: 'm' })],
      ['Test CPU, 2 cores · size s', 'Test CPU, 2 cores · size m'],
    ],
    [
      'another machine',
      [
        run(),
        run(
          {},
          {
            environment: { ...run().environment, cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz', availableParallelism: 4 },
          },
        ),
      ],
      ['Test CPU, 2 cores', 'Intel Xeon, 4 cores'],
    ],
    [
      'runs alike in everything are told apart by when they started',
      [run(), run({}, { startedAt: '2026-11-26T09:30:00.000Z' })],
      ['Test CPU, 2 cores · 2026-11-25 10:00', 'Test CPU, 2 cores · 2026-11-26 09:30'],
    ],
  ])('columns carry a label: %s', (_, runs, labels) => {
    expect(mergeResults(runs.map((result) => ({ result }))).machines.map((m) => m.label)).toEqual(labels);
  });

  it.each<[string, Partial<SuiteResult['config']>, string[]]>([
    ['the same settings', {}, []],
    ['another GIL mode', { gil: 'legacy' }, ['another GIL mode: GIL legacy, the first run GIL cpython']],
    [
      'another switch interval',
      { switchIntervalMs: 1 },
      ['another switch interval: switch 1 ms, the first run switch 5 ms'],
    ],
    ['another thread count', { threads: [4] }, ['another thread count: threads 4, the first run threads 2']],
    ['another size', { size: 's' }, ['another size: size s, the first run size m']],
  ])('flags a run that measured something else: %s', (_, config, differences) => {
    const merged = mergeResults([{ result: run() }, { result: run(config), file: 'b.json' }]);
    expect(merged.machines.map((m) => m.differences)).toEqual([[], differences]);
  });

  it('says so in the table, within the width, and in Markdown', () => {
    const merged = mergeResults([
      { result: run({}, { label: 'linux-x64' }), file: 'linux.json' },
      { result: run({ gil: 'none' }, { label: 'free-threaded' }), file: 'nogil.json' },
    ]);
    const table = renderMergedTable(merged, false, 60);
    expect(table.split('\n').every((line) => displayWidth(line) <= 60)).toBe(true);
    expect(table).toMatch(/│ cell +│ +linux-x64 │ +free-threaded \(!\) │/);
    expect(table.replace(/\n {2}/g, ' ')).toContain(
      '! free-threaded measured something else: another GIL mode: no GIL, the first run GIL cpython',
    );
    expect(table).toContain('(nogil.json)');
    const markdown = renderMergedMarkdown(merged);
    expect(markdown).toContain('| Cell | linux-x64 | free-threaded (!) |');
    expect(markdown).toContain(
      '> ⚠️ free-threaded measured something else: another GIL mode: no GIL, the first run GIL cpython',
    );
  });

  it('shortens CPU names to what tells them apart', () => {
    expect(shortCpu('Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz')).toBe('Intel Core i7-9750H');
    expect(shortCpu('AMD EPYC 7763 64-Core Processor')).toBe('AMD EPYC 7763');
    expect(shortCpu('Apple M2')).toBe('Apple M2');
  });
});
