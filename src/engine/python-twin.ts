/**
 * CPython's side of a calibration: the same workloads as the simulation, run by the Python twin
 * under threads, asyncio, processes and to_thread, plus the convoy and the event loop's lag. It
 * measures and checks checksums; the comparison with the simulation is analysis/calibration.ts's.
 */
import { builtinWorkloads } from '../../workloads/index.js';
import { startServer } from '../../workloads/io/http.js';
import type { CalibrationSettings } from '../config/calibrate.js';
import type { PythonStrategy } from '../results/types.js';
import { callPython, PythonStopped, type PythonInfo } from './python-bridge.js';

/** Workloads whose speedups are lined up with the simulation's. */
export const TWIN_WORKLOADS = ['primes', 'fib', 'native-hash', 'sleep', 'http'] as const;

export interface TwinSuite {
  samples: Record<PythonStrategy | 'sequential', number[]>;
  checksums: Record<string, number[]>;
  processStartupMs: number;
}

export interface TwinMeasurements {
  suites: Partial<Record<string, TwinSuite>>;
  convoy?: { aloneP50: number; besideP50: number };
  lag?: { direct: { p99: number }; toThread: { p50: number; p99: number } };
  /** Why CPython's side stopped before the end (an error, Ctrl-C); what it measured is kept. */
  stopped?: string;
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

function inputsOf(workload: string, settings: CalibrationSettings, tasks: number, size: string): unknown[] {
  const definition = builtinWorkloads.find((w) => w.name === workload);
  const js = definition?.inputs({ tasks, size: size as 's' | 'm', seed: settings.seed }) ?? [];
  return pythonInputs(workload, js, settings.quick);
}

/** Runs CPython's side; stops at the signal, or at an error, keeping what it measured. */
export async function measureTwin(
  python: PythonInfo,
  settings: CalibrationSettings & { tasks: number; size: string; iterations: number },
  signal?: AbortSignal,
): Promise<TwinMeasurements> {
  const twin: TwinMeasurements = { suites: {} };
  const ask = <T>(request: object): Promise<T> =>
    callPython<T>(python.command, request, { ...(signal ? { signal } : {}) });
  const server = await startServer();
  try {
    for (const workload of TWIN_WORKLOADS) {
      const suite = await ask<TwinSuite>({
        op: 'suite',
        workload,
        threads: settings.threads,
        warmup: 1,
        iterations: settings.iterations,
        inputs: inputsOf(workload, settings, settings.tasks, settings.size),
        env: server.env,
      });
      // The twin must do the same work under every CPython strategy, as gil-bench's cells must.
      const reference = JSON.stringify(suite.checksums['sequential']);
      for (const [strategy, sums] of Object.entries(suite.checksums))
        if (JSON.stringify(sums) !== reference)
          throw new Error(
            `the Python twin of ${workload} gave different checksums under ${strategy} than sequentially`,
          );
      twin.suites[workload] = suite;
    }
    twin.convoy = await ask({
      op: 'convoy',
      switchIntervalMs: settings.switchIntervalMs,
      io: { ops: 20, waitMs: 5 },
      cpu: { from: 0, to: 300_000 },
    });
    twin.lag = await ask({
      op: 'lag',
      threads: settings.threads,
      repeats: settings.iterations,
      switchIntervalMs: settings.switchIntervalMs,
      inputs: inputsOf('primes', settings, settings.tasks, settings.size),
    });
  } catch (error) {
    twin.stopped = error instanceof PythonStopped ? 'stopped' : error instanceof Error ? error.message : String(error);
  } finally {
    await server.teardown();
  }
  return twin;
}
