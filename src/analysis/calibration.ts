/**
 * The simulation beside real CPython: each simulated strategy's speedup against CPython's own on
 * the same workload, both measured in the same run, in rounds, with their 95% intervals; the
 * convoy's extra delay and the event loop's lag; and the expected pair farthest from a perfect
 * model. A pair is consistent when its two intervals overlap and each is narrow enough to tell a
 * 15% difference, too noisy when they overlap only because one is wider, apart when they do not
 * overlap: a noisy moment widens an interval, it neither reads as a fidelity failure nor passes for
 * agreement. A figure a side did not reach is NaN (null in JSON).
 */
import { referenceOf } from '../results/reference.js';
import type { Calibration, CellResult, FidelityRow, Interval, PythonStrategy, SuiteResult } from '../results/types.js';
import type { StrategyName } from '../strategies/names.js';

/** Which CPython strategy each gil-bench strategy stands for (the Python engine runs it under that name). */
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
};

/** What CPython measured beyond its workloads' cells. */
export interface TwinFigures {
  convoy?: { aloneP50: number; besideP50: number };
  legacy?: Calibration['legacy'];
}

const deviation = (f: number): number => (Number.isFinite(f) && f > 0 ? Math.abs(Math.log(f)) : Infinity);

/** An interval this wide (high ÷ low) or narrower can tell a 15% difference. */
const TELLS = 1.15;

/** Consistent when the intervals overlap and both are narrow; unmeasured when either side has none. */
export function agreementOf(a: Interval | undefined, b: Interval | undefined): NonNullable<FidelityRow['agreement']> {
  if (!a || !b || ![a.low, a.high, b.low, b.high].every(Number.isFinite)) return 'unmeasured';
  if (!(a.low <= b.high && b.low <= a.high)) return 'apart';
  const narrow = (x: Interval): boolean => x.low > 0 && x.high / x.low <= TELLS;
  return narrow(a) && narrow(b) ? 'consistent' : 'too-noisy';
}

const interval = (x: Interval | undefined): [number, number] => [x?.low ?? Number.NaN, x?.high ?? Number.NaN];

function rowsOf(result: SuiteResult): FidelityRow[] {
  const rows: FidelityRow[] = [];
  for (const [workload, checked] of Object.entries(CHECKED)) {
    const simulated = result.cells.filter((c) => c.workload === workload && !c.runtime);
    const real = result.cells.filter((c) => c.workload === workload && c.runtime);
    if (simulated.length === 0 || real.length === 0) continue;
    for (const [strategy, twin] of TWINS) {
      const sim = simulated.find((c) => c.strategy === strategy)?.speedup;
      const cpython = real.find((c) => c.strategy === strategy && c.state === 'completed')?.speedup;
      const simulatedSpeedup = sim?.value ?? Number.NaN;
      const realSpeedup = cpython?.value ?? Number.NaN;
      rows.push({
        workload,
        kind: simulated[0]?.kind === 'cpu' ? 'cpu' : 'io',
        simulated: strategy,
        real: twin,
        simulatedSpeedup,
        realSpeedup,
        fidelity: simulatedSpeedup / realSpeedup,
        simulatedInterval: interval(sim),
        realInterval: interval(cpython),
        agreement: agreementOf(sim, cpython),
        checked: checked.includes(strategy),
      });
    }
  }
  return rows;
}

/** The event loop's lag under CPU work, from primes' cells: CPython's twin, and the simulation's responsiveness workload. */
function loopLagOf(result: SuiteResult): Calibration['loopLag'] {
  const host = (workload: string, strategy: StrategyName, real: boolean): CellResult['host'] =>
    result.cells.find((c) => c.workload === workload && c.strategy === strategy && Boolean(c.runtime) === real)?.host;
  const offloadP50 = host('responsiveness', 'async-offload', false)?.loopLagP50 ?? Number.NaN;
  const offloadP99 = host('responsiveness', 'async-offload', false)?.loopLagP99 ?? Number.NaN;
  const realOffload = host('primes', 'async-offload', true);
  const realP50 = realOffload?.loopLagP50 ?? Number.NaN;
  const realP99 = realOffload?.loopLagP99 ?? Number.NaN;
  return {
    simulatedDirectP99: host('responsiveness', 'async', false)?.loopLagP99 ?? Number.NaN,
    realDirectP99: host('primes', 'async', true)?.loopLagP99 ?? Number.NaN,
    simulatedOffloadP50: offloadP50,
    realOffloadP50: realP50,
    simulatedOffloadP99: offloadP99,
    realOffloadP99: realP99,
    offloadFidelityP50: offloadP50 / realP50,
    offloadFidelity: offloadP99 / realP99,
  };
}

export function calibrationOf(
  result: SuiteResult,
  twin: TwinFigures,
  python: Calibration['python'],
  threads: number,
): Calibration {
  const rows = rowsOf(result);
  // Judged against the same I/O alone in the same pool; older runs had only sequential's.
  const gilCell = result.cells.find((c) => c.workload === 'convoy' && c.strategy === 'gil-threads');
  const seqIo = gilCell?.ioAlone ?? (gilCell ? referenceOf(result.cells, gilCell)?.io : undefined);
  const simulatedExtraMs = (gilCell?.io?.p50 ?? Number.NaN) - (seqIo?.p50 ?? Number.NaN);
  const realExtraMs = twin.convoy ? twin.convoy.besideP50 - twin.convoy.aloneP50 : Number.NaN;
  // Only pairs the simulation is expected to match can be its worst; the rest are shown for context.
  const worst = rows
    .filter((row) => row.checked)
    .reduce<FidelityRow | undefined>(
      (w, row) => (!w || deviation(row.fidelity) > deviation(w.fidelity) ? row : w),
      undefined,
    );
  const pools = result.cells.filter((c) => c.runtime && c.strategy === 'workers').map((c) => c.startupMs);
  return {
    python,
    threads,
    rows,
    convoy: { simulatedExtraMs, realExtraMs, fidelity: simulatedExtraMs / realExtraMs },
    loopLag: loopLagOf(result),
    processStartupMs: Math.max(0, ...pools),
    worst: worst
      ? { workload: worst.workload, simulated: worst.simulated, real: worst.real, fidelity: worst.fidelity }
      : null,
    ...(twin.legacy ? { legacy: twin.legacy } : {}),
  };
}
