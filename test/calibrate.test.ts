import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../src/analysis/calibration.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { suiteFixture } from './fixtures/suite-result.js';
import { runBin, tempDir } from './helpers.js';

/** The machines here have CPython 3.11; elsewhere the end-to-end test is skipped, and says why. */
const PYTHON = (() => {
  try {
    execFileSync('python3', ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return undefined;
  }
})();

const PYTHON_INFO = { command: 'python3', version: '3.11.7', implementation: 'cpython', gil: true };

function cell(workload: string, strategy: CellResult['strategy'], extra: Partial<CellResult>): CellResult {
  return {
    workload,
    kind: workload === 'primes' ? 'cpu' : 'mixed',
    focus: 'throughput',
    strategy,
    threads: 2,
    state: 'completed',
    tasks: 4,
    samples: [10, 10],
    startupMs: 0,
    ...extra,
  };
}

/** A simulation with primes measured under two strategies, the convoy and the loop-lag cells. */
const simulated: SuiteResult = {
  ...suiteFixture,
  cells: [
    cell('primes', 'sequential', {}),
    cell('primes', 'gil-threads', { speedup: { value: 0.9, low: 0.85, high: 0.95 } }),
    cell('primes', 'workers', { speedup: { value: 1.8, low: 1.7, high: 1.9 } }),
    cell('convoy', 'gil-threads', {
      io: { ops: 10, p50: 11, p99: 14, max: 15, totalMs: 100 },
      ioAlone: { ops: 10, p50: 5, p99: 6, max: 6, totalMs: 50 },
    }),
    cell('responsiveness', 'async', { host: { loopLagP50: 20, loopLagP99: 200 } as CellResult['host'] }),
    cell('responsiveness', 'async-offload', { host: { loopLagP50: 3, loopLagP99: 12 } as CellResult['host'] }),
  ],
};

describe('the calibration, from measured figures', () => {
  it('lines each simulated speedup up with its CPython twin, takes the worst among expected pairs, and leaves unmeasured figures NaN', () => {
    const cal = calibrationOf(
      simulated,
      {
        suites: {
          // Medians: sequential 100, threads 120 (0.833×), processes 50 (2×), asyncio 100, to_thread 125.
          primes: {
            samples: {
              sequential: [90, 100, 200],
              threads: [120, 110, 130],
              processes: [50, 40, 60],
              asyncio: [100],
              to_thread: [125],
            },
            processStartupMs: 42,
          },
        },
        convoy: { aloneP50: 5, besideP50: 8 },
        lag: { direct: { p99: 250 }, toThread: { p50: 2, p99: 8 } },
      },
      PYTHON_INFO,
      2,
    );
    expect(cal.rows.map((r) => [r.workload, r.simulated, r.real, r.checked])).toEqual([
      ['primes', 'gil-threads', 'threads', true],
      ['primes', 'async', 'asyncio', false],
      ['primes', 'workers', 'processes', true],
      ['primes', 'async-offload', 'to_thread', false],
    ]);
    const [threads, asyncio, processes] = cal.rows;
    expect(threads?.realSpeedup).toBeCloseTo(100 / 120, 12);
    expect(threads?.fidelity).toBeCloseTo(0.9 / (100 / 120), 12); // 1.08
    expect(processes?.realSpeedup).toBe(2);
    expect(processes?.fidelity).toBe(0.9);
    // The simulation did not run async on primes: no figure, not a guess.
    expect(asyncio?.simulatedSpeedup).toBeNaN();
    // |log 0.9| = 0.105 > |log 1.08| = 0.077: processes is the worst expected pair.
    expect(cal.worst).toEqual({ workload: 'primes', simulated: 'workers', real: 'processes', fidelity: 0.9 });
    expect(cal.convoy).toEqual({ simulatedExtraMs: 6, realExtraMs: 3, fidelity: 2 });
    expect(cal.loopLag).toEqual({
      simulatedDirectP99: 200,
      realDirectP99: 250,
      simulatedOffloadP50: 3,
      realOffloadP50: 2,
      simulatedOffloadP99: 12,
      realOffloadP99: 8,
      offloadFidelityP50: 1.5,
      offloadFidelity: 1.5,
    });
    expect(cal.processStartupMs).toBe(42);
  });

  it('keeps the rows it has when CPython stopped part-way', () => {
    const cal = calibrationOf(simulated, { suites: {} }, PYTHON_INFO, 2);
    expect(cal.rows).toEqual([]);
    expect(cal.worst).toBeNull();
    expect(cal.convoy.realExtraMs).toBeNaN();
    expect(cal.loopLag.realOffloadP99).toBeNaN();
  });
});

describe.skipIf(!PYTHON)('gil-bench calibrate (skipped: no python3 ≥ 3.9 on PATH)', () => {
  it('measures both sides at the smallest settings and writes a result that names the interpreter', async () => {
    const dir = await tempDir();
    try {
      const ran = await runBin([
        'calibrate',
        '--quick',
        '--threads',
        '2',
        '--json',
        '--quiet',
        '--results-dir',
        dir.path,
      ]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const result = JSON.parse(ran.stdout) as SuiteResult & { calibration: NonNullable<SuiteResult['calibration']> };
      expect(result.calibration.python).toMatchObject({ command: 'python3', implementation: 'cpython', gil: true });
      // Every simulated cell matched sequential's checksums; CPython's twin did too, or the run says so.
      expect(result.cells.filter((c) => c.state !== 'completed')).toEqual([]);
      expect(result.calibration.rows).toHaveLength(20);
      for (const row of result.calibration.rows)
        expect(
          Number.isFinite(row.simulatedSpeedup) && Number.isFinite(row.realSpeedup),
          `${row.workload} ${row.real}`,
        ).toBe(true);
    } finally {
      await dir.remove();
    }
  }, 240_000);
});
