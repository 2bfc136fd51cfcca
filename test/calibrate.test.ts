import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementOf, calibrationOf } from '../src/analysis/calibration.js';
import { renderCalibrationText } from '../src/reporters/calibration.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { cellOf, CPYTHON_RUNTIME, suiteFixture } from './fixtures/suite-result.js';
import { PYTHON3, runBin, tempDir } from './helpers.js';

const PYTHON_INFO = { command: 'python3', version: '3.11.7', implementation: 'cpython', gil: true };

const cell = cellOf;
const CPYTHON = CPYTHON_RUNTIME;
const real = (strategy: CellResult['strategy'], extra: Partial<CellResult>): CellResult =>
  cell('primes', strategy, { runtime: CPYTHON, ...extra });

/** One run: primes simulated and under CPython (each with its rounds' intervals), the convoy and the loop-lag cells. */
const measured: SuiteResult = {
  ...suiteFixture,
  cells: [
    cell('primes', 'sequential', {}),
    cell('primes', 'gil-threads', { speedup: { value: 0.9, low: 0.85, high: 0.95 } }),
    cell('primes', 'workers', { speedup: { value: 1.8, low: 1.7, high: 1.9 } }),
    real('sequential', {}),
    real('gil-threads', { speedup: { value: 0.98, low: 0.96, high: 1 } }),
    real('async', {
      speedup: { value: 1, low: 0.97, high: 1.03 },
      host: { loopLagP50: 30, loopLagP99: 250 } as CellResult['host'],
    }),
    real('workers', { speedup: { value: 2, low: 1.95, high: 2.05 }, startupMs: 42 }),
    real('async-offload', {
      speedup: { value: 0.9, low: 0.8, high: 1 },
      host: { loopLagP50: 2, loopLagP99: 8 } as CellResult['host'],
    }),
    cell('convoy', 'gil-threads', {
      io: { ops: 10, p50: 11, p99: 14, max: 15, totalMs: 100 },
      ioAlone: { ops: 10, p50: 5, p99: 6, max: 6, totalMs: 50 },
    }),
    cell('responsiveness', 'async', { host: { loopLagP50: 20, loopLagP99: 200 } as CellResult['host'] }),
    cell('responsiveness', 'async-offload', { host: { loopLagP50: 3, loopLagP99: 12 } as CellResult['host'] }),
  ],
};

describe('the calibration, from measured figures', () => {
  it('lines each simulated speedup up with CPython’s from the same run, judges each pair on both intervals, and leaves unmeasured figures NaN', () => {
    const cal = calibrationOf(measured, { convoy: { aloneP50: 5, besideP50: 8 } }, PYTHON_INFO, 2);
    expect(cal.rows.map((r) => [r.workload, r.simulated, r.real, r.checked, r.agreement])).toEqual([
      ['primes', 'gil-threads', 'threads', true, 'apart'],
      ['primes', 'async', 'asyncio', false, 'unmeasured'],
      ['primes', 'workers', 'processes', true, 'apart'],
      ['primes', 'async-offload', 'to_thread', false, 'unmeasured'],
    ]);
    const [threads, asyncio, processes] = cal.rows;
    expect(threads?.realSpeedup).toBe(0.98);
    expect(threads?.realInterval).toEqual([0.96, 1]);
    expect(threads?.simulatedInterval).toEqual([0.85, 0.95]);
    expect(threads?.fidelity).toBeCloseTo(0.9 / 0.98, 12);
    expect(processes?.fidelity).toBe(0.9);
    // The simulation did not run async on primes: no figure, not a guess.
    expect(asyncio?.simulatedSpeedup).toBeNaN();
    // |log 0.9| = 0.105 > |log 0.918| = 0.085: processes is the worst expected pair.
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

  it('fits the table to an 80-column terminal, and shows the intervals where there is room', () => {
    const cal = calibrationOf(measured, { convoy: { aloneP50: 5, besideP50: 8 } }, PYTHON_INFO, 2);
    const table = (width: number): string[] =>
      renderCalibrationText(cal, false, width)
        .split('\n')
        .filter((line) => /^[┌│└]/.test(line));
    for (const line of table(80)) expect(line.length).toBeLessThanOrEqual(80);
    expect(table(80).join('\n')).not.toContain('(0.85–0.95)');
    expect(table(120).join('\n')).toContain('0.90× (0.85–0.95)');
  });

  it('calls two narrow intervals consistent when they overlap, apart when they do not, too noisy when one is wide', () => {
    const at = (low: number, high: number) => ({ value: (low + high) / 2, low, high });
    expect(agreementOf(at(0.95, 1.05), at(1.02, 1.15))).toBe('consistent');
    // The old-GIL pair calibrate --quick once called consistent: CPython's side held anything from 0.16× to 1.08×.
    expect(agreementOf(at(0.68, 0.77), at(0.16, 1.08))).toBe('too-noisy');
    expect(agreementOf(at(0.9, 1.1), at(1.05, 1.3))).toBe('too-noisy');
    expect(agreementOf(at(0.9, 1.0), at(1.01, 1.3))).toBe('apart');
    expect(agreementOf(at(0.9, 1.0), undefined)).toBe('unmeasured');
    expect(agreementOf(at(0.9, Number.NaN), at(0.9, 1))).toBe('unmeasured');
  });

  it('keeps the simulation’s rows out when CPython’s side measured nothing', () => {
    const simulatedOnly = { ...measured, cells: measured.cells.filter((c) => !c.runtime) };
    const cal = calibrationOf(simulatedOnly, {}, PYTHON_INFO, 2);
    expect(cal.rows).toEqual([]);
    expect(cal.worst).toBeNull();
    expect(cal.convoy.realExtraMs).toBeNaN();
    expect(cal.loopLag.realOffloadP99).toBeNaN();
  });
});

describe.skipIf(!PYTHON3)('gil-bench calibrate (skipped: no python3 ≥ 3.9 on PATH)', () => {
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
      expect(result.calibration.rows).toHaveLength(16);
      // CPython's twins ran in the same run, under the same engine as any Python workload.
      expect(result.cells.filter((c) => c.runtime).length).toBe(20);
      for (const row of result.calibration.rows)
        expect(
          Number.isFinite(row.simulatedSpeedup) && Number.isFinite(row.realSpeedup),
          `${row.workload} ${row.real}`,
        ).toBe(true);
      // A first look says so once, as a note, not as a warning of too few batches.
      expect(result.config.quick).toBe(true);
      expect(result.warnings.map((w) => w.kind)).toContain('quick');
      expect(result.warnings.map((w) => w.kind)).not.toContain('few-samples');
      // What it printed is what it saved: one document, under the command's own name.
      expect(result.suite).toBe('calibrate');
      const saved = (await readdir(dir.path)).filter((f) => f.endsWith('.json'));
      expect(saved).toHaveLength(1);
      expect(JSON.parse(await readFile(join(dir.path, saved[0] ?? ''), 'utf8'))).toEqual(result);
    } finally {
      await dir.remove();
    }
  }, 240_000);
});
