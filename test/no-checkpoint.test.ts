import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { runSuite } from '../src/run/run-suite.js';
import { fixture, tinyConfig } from './helpers.js';

describe('a workload that never reaches a checkpoint', () => {
  it('is said to hold the simulated GIL from start to end; one that checkpoints is not', async () => {
    const file = fixture('no-checkpoint-workload.js');
    const config = { strategies: ['sequential', 'gil-threads'] as const, tasks: 4 };
    const unbroken = analyse(
      await runSuite(tinyConfig({ ...config, strategies: [...config.strategies], workloads: [{ name: file, file }] })),
    );
    const threads = unbroken.cells.find((c) => c.strategy === 'gil-threads');
    expect(threads?.lock?.checkpoints).toBe(0);
    expect(threads?.lock?.acquisitions).toBeGreaterThan(0);
    const warning = unbroken.warnings.find((w) => w.kind === 'no-checkpoint');
    expect(warning?.message).toMatch(
      /^the tasks never reached a checkpoint \(ctx\.checkpoint\(\)\), so under the simulated GIL each held it from its start to its end/,
    );
    expect(warning?.message).toContain('unbroken / gil-threads ×2');

    const primes = analyse(await runSuite(tinyConfig({ ...config, strategies: [...config.strategies] })));
    expect(primes.cells.find((c) => c.strategy === 'gil-threads')?.lock?.checkpoints).toBeGreaterThan(0);
    expect(primes.warnings.map((w) => w.kind)).not.toContain('no-checkpoint');
  }, 60_000);
});
