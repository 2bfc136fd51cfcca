import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin } from './helpers.js';

describe('gil-bench guide (built binary, a real run)', () => {
  it("sweeps, draws, decides each region, and places the user's workload on the sweep", async () => {
    const started = performance.now();
    const ran = await runBin(['guide', '--workload', join(ROOT, 'workloads', 'examples', 'lookups.js'), '--no-save']);
    const seconds = (performance.now() - started) / 1000;
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    // Not a terminal: plain ASCII chart, 120 columns.
    expect(lines.every((line) => line.length <= 120)).toBe(true);
    expect(ran.stdout).toMatch(/^ +0% +25% +50% +75% +100%$/m);
    expect(ran.stdout).toMatch(/^ *1x [+|]/m);
    for (const region of [
      '1. mostly computing (0%–25% waiting): ',
      '2. half and half (50% waiting): ',
      '3. mostly waiting (75%–100% waiting): ',
    ])
      expect(lines.some((line) => line.startsWith(region))).toBe(true);
    expect(ran.stdout).toMatch(/Your workload lookups: it waited \d+% of its sequential run/);
    expect(ran.stdout).toMatch(/\^ lookups waits \d+%|lookups waits \d+% \^/);
    expect(ran.stdout).toContain('  Measured on it: ');
    // About 15 to 25 s on two busy cores; the bound leaves room for a slower runner.
    expect(seconds).toBeLessThan(90);
  }, 120_000);
});
