import { builtinWorkloads } from '../../workloads/index.js';
import { startServer } from '../../workloads/io/http.js';
import type { RunConfig } from '../config/types.js';
import type { Calibration, CellResult, FidelityRow, PythonStrategy, SuiteResult } from '../results/types.js';
import type { StrategyName } from '../strategies/types.js';
import { callPython, type PythonInfo } from './python-bridge.js';
import { runSuite, type RunHooks } from './runner.js';
import { median } from '../stats/summary.js';
import { referenceOf } from '../results/reference.js';
import type { WakeOrder } from '../strategies/names.js';

export interface CalibrationOptions {
  python: PythonInfo;
  quick: boolean;
  threads: number;
  switchIntervalMs: number;
  /** Which waiter a release of the simulated lock wakes. */
  wake: WakeOrder;
  seed: number;
}

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

interface PythonSuite {
  samples: Record<PythonStrategy | 'sequential', number[]>;
  checksums: Record<string, number[]>;
  processStartupMs: number;
}

/**
 * Python's interpreter runs the same loops 20–40× slower than V8, so each language gets inputs
 * of about the same duration per task: the ratios, not the amounts of work, are compared.
 */
function pythonInputs(workload: string, jsInputs: readonly unknown[], quick: boolean): unknown[] {
  return jsInputs.map((input) => {
    const record = input as Record<string, number>;
    switch (workload) {
      case 'primes':
        return { from: record['from'], to: (record['from'] ?? 0) + (quick ? 15_000 : 40_000) };
      case 'fib':
        return { n: quick ? 25 : 28 };
      case 'native-hash':
        return { ...record, rounds: quick ? 8 : 32 };
      default:
        // I/O rounds: Python's ~0.3 ms of CPU per round is a fortieth of V8's work.
        return { ...record, cpuSpan: 300 };
    }
  });
}

const speedupOf = (samples: Record<string, number[]>, strategy: string): number =>
  median(samples['sequential'] ?? []) / median(samples[strategy] ?? []);

/**
 * Runs gil-bench's simulation and CPython's real strategies on the same workloads, same thread
 * count, same machine, and lines up their speedups; plus the convoy and the event-loop lag.
 */
export async function runCalibration(
  options: CalibrationOptions,
  hooks: RunHooks = {},
): Promise<SuiteResult & { calibration: Calibration }> {
  const { python, quick, threads } = options;
  const gil = python.gil ? 'cpython' : 'none';
  const config: RunConfig = {
    suite: 'all',
    workloads: ['primes', 'fib', 'native-hash', 'sleep', 'http', 'convoy', 'responsiveness'].map((name) => ({ name })),
    strategies: ['sequential', 'gil-threads', 'async', 'workers', 'async-offload'],
    threads: [threads],
    tasks: quick ? 4 : 8,
    size: quick ? 's' : 'm',
    iterations: quick ? 3 : 5,
    maxIterations: quick ? 6 : 10,
    timeMs: 0,
    warmup: 1,
    warmupMs: quick ? 100 : 200,
    seed: options.seed,
    gil,
    switchIntervalMs: options.switchIntervalMs,
    gilWake: options.wake,
    taskTimeoutMs: 60_000,
    workerMemoryMb: 0,
    order: 'interleaved',
    // The Python twin's speedups are ratios of medians: gil-bench's side must be too.
    estimator: 'median',
    probe: true,
  };
  const result = await runSuite(config, hooks);
  const rows: FidelityRow[] = [];
  let processStartupMs = 0;
  const server = await startServer();
  try {
    for (const workload of Object.keys(CHECKED)) {
      if (hooks.signal?.aborted) break;
      const definition = builtinWorkloads.find((w) => w.name === workload);
      if (!definition) continue;
      const jsInputs = definition.inputs({ tasks: config.tasks, size: config.size, seed: config.seed });
      const real = await callPython<PythonSuite>(python.command, {
        op: 'suite',
        workload,
        threads,
        warmup: 1,
        iterations: config.iterations,
        inputs: pythonInputs(workload, jsInputs, quick),
        env: server.env,
      });
      processStartupMs = Math.max(processStartupMs, real.processStartupMs);
      // The twin must do the same work under every CPython strategy, as gil-bench's cells must.
      const reference = JSON.stringify(real.checksums['sequential']);
      for (const [strategy, sums] of Object.entries(real.checksums)) {
        if (JSON.stringify(sums) !== reference)
          throw new Error(
            `the Python twin of ${workload} gave different checksums under ${strategy} than sequentially`,
          );
      }
      const cells = result.cells.filter((c) => c.workload === workload);
      for (const [simulated, twin] of TWINS) {
        const cell = cells.find((c: CellResult) => c.strategy === simulated);
        const simulatedSpeedup = cell?.speedup?.value ?? Number.NaN;
        const realSpeedup = speedupOf(real.samples, twin);
        rows.push({
          workload,
          kind: definition.kind === 'cpu' ? 'cpu' : 'io',
          simulated,
          real: twin,
          simulatedSpeedup,
          realSpeedup,
          fidelity: simulatedSpeedup / realSpeedup,
          checked: (CHECKED[workload] ?? []).includes(simulated),
        });
      }
    }
  } finally {
    await server.teardown();
  }
  const gilCell = result.cells.find((c) => c.workload === 'convoy' && c.strategy === 'gil-threads');
  const gilIo = gilCell?.io;
  // Judged against the same I/O alone in the same pool; older runs had only sequential's.
  const seqIo = gilCell?.ioAlone ?? (gilCell ? referenceOf(result.cells, gilCell)?.io : undefined);
  const realConvoy = await callPython<{ aloneP50: number; besideP50: number }>(python.command, {
    op: 'convoy',
    switchIntervalMs: options.switchIntervalMs,
    io: { ops: 20, waitMs: 5 },
    cpu: { from: 0, to: 300_000 },
  });
  const simulatedExtraMs = (gilIo?.p50 ?? Number.NaN) - (seqIo?.p50 ?? Number.NaN);
  const realExtraMs = realConvoy.besideP50 - realConvoy.aloneP50;
  const hostOf = (strategy: StrategyName) =>
    result.cells.find((c) => c.workload === 'responsiveness' && c.strategy === strategy)?.host;
  const lagOf = (strategy: StrategyName): number => hostOf(strategy)?.loopLagP99 ?? Number.NaN;
  const primeInputs =
    builtinWorkloads
      .find((w) => w.name === 'primes')
      ?.inputs({ tasks: config.tasks, size: config.size, seed: config.seed }) ?? [];
  const realLag = await callPython<{ direct: { p99: number }; toThread: { p50: number; p99: number } }>(
    python.command,
    {
      op: 'lag',
      threads,
      repeats: config.iterations,
      switchIntervalMs: options.switchIntervalMs,
      inputs: pythonInputs('primes', primeInputs, quick),
    },
  );
  const offloadP50 = hostOf('async-offload')?.loopLagP50 ?? Number.NaN;
  const offloadP99 = lagOf('async-offload');
  const loopLag = {
    simulatedDirectP99: lagOf('async'),
    realDirectP99: realLag.direct.p99,
    simulatedOffloadP50: offloadP50,
    realOffloadP50: realLag.toThread.p50,
    simulatedOffloadP99: offloadP99,
    realOffloadP99: realLag.toThread.p99,
    offloadFidelityP50: offloadP50 / realLag.toThread.p50,
    offloadFidelity: offloadP99 / realLag.toThread.p99,
  };
  const convoy = { simulatedExtraMs, realExtraMs, fidelity: simulatedExtraMs / realExtraMs };
  const deviation = (f: number): number => (Number.isFinite(f) && f > 0 ? Math.abs(Math.log(f)) : Infinity);
  // Only pairs the simulation is expected to match can be its worst; the rest are shown for context.
  const worst = rows
    .filter((row) => row.checked)
    .reduce<FidelityRow | undefined>(
      (w, row) => (!w || deviation(row.fidelity) > deviation(w.fidelity) ? row : w),
      undefined,
    );
  return {
    ...result,
    calibration: {
      python: {
        command: python.command,
        version: python.version,
        implementation: python.implementation,
        gil: python.gil,
      },
      threads,
      rows,
      convoy,
      loopLag,
      processStartupMs,
      worst: worst
        ? { workload: worst.workload, simulated: worst.simulated, real: worst.real, fidelity: worst.fidelity }
        : null,
    },
  };
}
