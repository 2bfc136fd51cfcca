/**
 * The simulation beside real CPython: each simulated strategy's speedup against its CPython twin's
 * on the same workload, the convoy's extra delay and the event loop's lag, and the expected pair
 * farthest from a perfect model. A figure CPython's side did not reach is NaN (null in JSON).
 */
import { referenceOf } from '../results/reference.js';
import type { Calibration, FidelityRow, PythonStrategy, SuiteResult } from '../results/types.js';
import type { StrategyName } from '../strategies/names.js';
import { median } from '../stats/summary.js';

/** Which CPython strategy each gil-bench strategy stands for. */
const TWINS: ReadonlyArray<[StrategyName, PythonStrategy]> = [
  ['gil-threads', 'threads'],
  ['async', 'asyncio'],
  ['workers', 'processes'],
  ['async-offload', 'to_thread'],
];

/** The pairs the simulation is expected to match within ±15% (the rest are shown too). */
const CHECKED: Record<string, readonly StrategyName[]> = {
  primes: ['gil-threads', 'workers'],
  fib: ['gil-threads', 'workers'],
  'native-hash': ['gil-threads'],
  sleep: ['gil-threads', 'async'],
  http: ['gil-threads', 'async'],
};

/** What CPython measured, as the twin reports it. */
export interface TwinFigures {
  suites: Partial<Record<string, { samples: Partial<Record<string, number[]>>; processStartupMs: number }>>;
  convoy?: { aloneP50: number; besideP50: number };
  lag?: { direct: { p99: number }; toThread: { p50: number; p99: number } };
}

const speedupOf = (samples: Partial<Record<string, number[]>>, strategy: string): number =>
  median(samples['sequential'] ?? []) / median(samples[strategy] ?? []);

const deviation = (f: number): number => (Number.isFinite(f) && f > 0 ? Math.abs(Math.log(f)) : Infinity);

export function calibrationOf(
  result: SuiteResult,
  twin: TwinFigures,
  python: Calibration['python'],
  threads: number,
): Calibration {
  const rows: FidelityRow[] = [];
  for (const [workload, checked] of Object.entries(CHECKED)) {
    const suite = twin.suites[workload];
    const cells = result.cells.filter((c) => c.workload === workload);
    if (!suite || cells.length === 0) continue;
    for (const [simulated, real] of TWINS) {
      const simulatedSpeedup = cells.find((c) => c.strategy === simulated)?.speedup?.value ?? Number.NaN;
      const realSpeedup = speedupOf(suite.samples, real);
      rows.push({
        workload,
        kind: cells[0]?.kind === 'cpu' ? 'cpu' : 'io',
        simulated,
        real,
        simulatedSpeedup,
        realSpeedup,
        fidelity: simulatedSpeedup / realSpeedup,
        checked: checked.includes(simulated),
      });
    }
  }
  // Judged against the same I/O alone in the same pool; older runs had only sequential's.
  const gilCell = result.cells.find((c) => c.workload === 'convoy' && c.strategy === 'gil-threads');
  const seqIo = gilCell?.ioAlone ?? (gilCell ? referenceOf(result.cells, gilCell)?.io : undefined);
  const simulatedExtraMs = (gilCell?.io?.p50 ?? Number.NaN) - (seqIo?.p50 ?? Number.NaN);
  const realExtraMs = twin.convoy ? twin.convoy.besideP50 - twin.convoy.aloneP50 : Number.NaN;
  const hostOf = (strategy: StrategyName) =>
    result.cells.find((c) => c.workload === 'responsiveness' && c.strategy === strategy)?.host;
  const lag = twin.lag ?? { direct: { p99: Number.NaN }, toThread: { p50: Number.NaN, p99: Number.NaN } };
  const offloadP50 = hostOf('async-offload')?.loopLagP50 ?? Number.NaN;
  const offloadP99 = hostOf('async-offload')?.loopLagP99 ?? Number.NaN;
  // Only pairs the simulation is expected to match can be its worst; the rest are shown for context.
  const worst = rows
    .filter((row) => row.checked)
    .reduce<FidelityRow | undefined>(
      (w, row) => (!w || deviation(row.fidelity) > deviation(w.fidelity) ? row : w),
      undefined,
    );
  return {
    python,
    threads,
    rows,
    convoy: { simulatedExtraMs, realExtraMs, fidelity: simulatedExtraMs / realExtraMs },
    loopLag: {
      simulatedDirectP99: hostOf('async')?.loopLagP99 ?? Number.NaN,
      realDirectP99: lag.direct.p99,
      simulatedOffloadP50: offloadP50,
      realOffloadP50: lag.toThread.p50,
      simulatedOffloadP99: offloadP99,
      realOffloadP99: lag.toThread.p99,
      offloadFidelityP50: offloadP50 / lag.toThread.p50,
      offloadFidelity: offloadP99 / lag.toThread.p99,
    },
    processStartupMs: Math.max(0, ...Object.values(twin.suites).map((s) => s?.processStartupMs ?? 0)),
    worst: worst
      ? { workload: worst.workload, simulated: worst.simulated, real: worst.real, fidelity: worst.fidelity }
      : null,
  };
}
