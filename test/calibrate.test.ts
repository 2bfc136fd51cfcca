import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCalibration } from '../src/measure/calibrate.js';
import { findPython } from '../src/measure/python-bridge.js';

/** The machines here have CPython 3.11; elsewhere this test is skipped, and says why. */
const PYTHON = (() => {
  try {
    execFileSync('python3', ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return undefined;
  }
})();

/** Each workload whose speedups are lined up, and the simulated strategies expected to match CPython. */
const EXPECTED: ReadonlyArray<[string, string[]]> = [
  ['primes', ['gil-threads', 'workers']],
  ['fib', ['gil-threads', 'workers']],
  ['native-hash', ['gil-threads']],
  ['sleep', ['gil-threads', 'async']],
  ['http', ['gil-threads', 'async']],
];
const TWINS: ReadonlyArray<[string, string]> = [
  ['gil-threads', 'threads'],
  ['async', 'asyncio'],
  ['workers', 'processes'],
  ['async-offload', 'to_thread'],
];

describe.skipIf(!PYTHON)('gil-bench calibrate (skipped: no python3 ≥ 3.9 on PATH)', () => {
  it('lines up every simulated strategy with its CPython twin, at the smallest settings', async () => {
    const python = await findPython(PYTHON as string);
    // It throws if the Python twin's checksums differ between its strategies: resolving says they matched.
    const result = await runCalibration({
      python,
      quick: true,
      threads: 2,
      switchIntervalMs: 5,
      wake: 'fifo',
      seed: 42,
    });
    const { calibration } = result;
    expect(calibration.python).toEqual({
      command: python.command,
      version: python.version,
      implementation: python.implementation,
      gil: python.gil,
    });
    expect(calibration.threads).toBe(2);
    // The simulation's own cells matched sequential's checksums too.
    expect(result.cells.filter((c) => c.state !== 'completed').map((c) => `${c.workload}/${c.strategy}`)).toEqual([]);

    expect(calibration.rows.map((r) => [r.workload, r.simulated, r.real, r.checked])).toEqual(
      EXPECTED.flatMap(([workload, checked]) =>
        TWINS.map(([simulated, real]) => [workload, simulated, real, checked.includes(simulated)]),
      ),
    );
    for (const row of calibration.rows) {
      const where = `${row.workload}: ${row.simulated} vs ${row.real}`;
      expect(Number.isFinite(row.simulatedSpeedup) && row.simulatedSpeedup > 0, where).toBe(true);
      expect(Number.isFinite(row.realSpeedup) && row.realSpeedup > 0, where).toBe(true);
      expect(row.fidelity, where).toBe(row.simulatedSpeedup / row.realSpeedup);
      // The simulated side is the speedup the run itself reported for that cell.
      const cell = result.cells.find((c) => c.workload === row.workload && c.strategy === row.simulated);
      expect(row.simulatedSpeedup, where).toBe(cell?.speedup?.value);
    }
    // The worst is taken among the pairs expected to match; the others are shown for context only.
    const expected = calibration.rows.filter((r) => r.checked);
    const farthest = Math.max(...expected.map((r) => Math.abs(Math.log(r.fidelity))));
    expect(Math.abs(Math.log(calibration.worst?.fidelity ?? Number.NaN))).toBe(farthest);
    expect(
      expected.some((r) => r.workload === calibration.worst?.workload && r.simulated === calibration.worst.simulated),
    ).toBe(true);

    const { convoy, loopLag } = calibration;
    for (const [name, value] of Object.entries({ ...convoy, ...loopLag }))
      expect(Number.isFinite(value), `${name} = ${value}`).toBe(true);
    expect(convoy.fidelity).toBe(convoy.simulatedExtraMs / convoy.realExtraMs);
    expect(loopLag.offloadFidelity).toBe(loopLag.simulatedOffloadP99 / loopLag.realOffloadP99);
    expect(loopLag.offloadFidelityP50).toBe(loopLag.simulatedOffloadP50 / loopLag.realOffloadP50);
    expect(calibration.processStartupMs).toBeGreaterThan(0);
  }, 180_000);
});
