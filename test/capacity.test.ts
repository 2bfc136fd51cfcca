import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { idleCores, probeCapacity } from '../src/measure/capacity.js';

describe('the capacity probe', () => {
  it('counts idle cores from the OS, within the cores this process may use', async () => {
    const idle = await idleCores(200);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(availableParallelism());
  });

  it('reads fewer idle cores while a core is kept busy', async () => {
    // A busy loop on this thread for the whole window: one core is not idle.
    const quiet = await idleCores(150);
    const end = performance.now() + 300;
    const busy = idleCores(250);
    while (performance.now() < end) {
      // spin
    }
    expect(await busy).toBeLessThan(Math.max(quiet, availableParallelism() - 0.5));
  });

  it('keeps the raw threads’ ratio apart from the free cores', async () => {
    const probe = await probeCapacity(1);
    expect(probe.threads).toBe(2);
    expect(probe.parallelism).toBeGreaterThan(0);
    expect(probe.parallelism).toBeLessThanOrEqual(2);
  });
});
