import { describe, expect, it } from 'vitest';
import { mergeResults } from '../src/results/merge.js';
import { renderMergedMarkdown } from '../src/reporters/merged.js';
import { runWith } from './fixtures/results.js';

describe('mergeResults', () => {
  it('lines up cells from several machines', () => {
    const a = runWith(1, 0.5);
    const b = runWith(1, 0.25);
    const merged = mergeResults([
      { label: 'two-cores', result: a },
      { label: 'four-cores', result: b },
    ]);
    expect(merged.machines.map((m) => m.label)).toEqual(['two-cores', 'four-cores']);
    expect(merged.rows.find((r) => r.id === 'primes/workers/2t')?.speedups).toEqual([2, 4]);
  });

  it("says what each run's speedups compare, so runs of different estimators are not read alike", () => {
    const newer = runWith(1, 0.5);
    newer.config = { ...newer.config, estimator: 'min' };
    const merged = mergeResults([
      { label: 'older', result: runWith(1, 0.5) },
      { label: 'newer', result: newer },
    ]);
    expect(merged.machines.map((m) => m.estimator)).toEqual(['median', 'min']);
    expect(renderMergedMarkdown(merged)).toMatch(
      /- older: .*, speedups from median batches\n- newer: .*, speedups from fastest batches\n$/,
    );
  });
});
