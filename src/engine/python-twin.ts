/**
 * CPython beside the simulation, for a calibration: what the interpreter is, and its convoy (one
 * thread's timed sleeps beside a CPU-bound thread, against the same sleeps alone), measured by the
 * workload driver in rounds. The twin workloads' speedups come from the Python engine instead
 * (engine/python-engine.ts), in rounds, like the simulation's.
 */
import type { CalibrationSettings } from '../config/calibrate.js';
import { median } from '../stats/quantile.js';
import { checkInterpreter, startDriver, type Driver } from './python-driver.js';

export interface PythonInfo {
  /** What was run: the --python argument or python3. */
  command: string;
  version: string;
  /** "cpython", as sys.implementation names it. */
  implementation: string;
  /** False on a free-threaded build with the GIL off; null where the interpreter does not report it. */
  gil: boolean | null;
  cpus: number;
}

/** The interpreter calibrate (or a --twin) measures against: a CPython ≥ 3.9, and whether it has a GIL. */
export async function describePython(command: string, needs = 'calibrate needs'): Promise<PythonInfo> {
  const interpreter = await checkInterpreter(command, { oldest: [3, 9], option: '--python', needs });
  const driver = await startDriver(interpreter);
  try {
    const info = await driver.request<Omit<PythonInfo, 'command'>>({ op: 'info' }, 30_000);
    return { command, ...info };
  } finally {
    await driver.close();
  }
}

export interface ConvoyFigures {
  aloneP50: number;
  besideP50: number;
}

/** Rounds of the convoy, and what each sleeps: 20 sleeps of 5 ms, alone then beside, a round. */
const CONVOY = { rounds: 4, ops: 20, waitMs: 5 };

/** The convoy's rounds: each is one request, and one step of progress. */
export const CONVOY_ROUNDS = CONVOY.rounds;

/** The convoy's p50s over its rounds, or why CPython's side stopped (Ctrl-C, an error, a timeout). */
export async function measureConvoy(
  python: PythonInfo,
  settings: Pick<CalibrationSettings, 'switchIntervalMs'>,
  { signal, onRound }: { signal?: AbortSignal; onRound?(done: number, of: number): void } = {},
): Promise<ConvoyFigures | { stopped: string }> {
  let driver: Driver | undefined;
  try {
    // The interpreter was checked when it was described.
    driver = await startDriver(python);
    const alone: number[] = [];
    const beside: number[] = [];
    for (let round = 0; round < CONVOY.rounds; round++) {
      // Stops after the round in flight, as a run stops after its batch.
      if (signal?.aborted) return { stopped: 'stopped' };
      const got = await driver.request<{ alone: number[]; beside: number[] }>(
        { op: 'convoy', switchIntervalMs: settings.switchIntervalMs, ops: CONVOY.ops, waitMs: CONVOY.waitMs },
        60_000,
        'the convoy ran past 60 s',
      );
      alone.push(...got.alone);
      beside.push(...got.beside);
      onRound?.(round + 1, CONVOY.rounds);
    }
    return { aloneP50: median(alone), besideP50: median(beside) };
  } catch (error) {
    return { stopped: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
  } finally {
    await driver?.close();
  }
}
