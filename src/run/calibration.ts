import { calibrationOf, type TwinFigures } from '../analysis/calibration.js';
import { calibrationConfig, type CalibrationSettings } from '../config/calibrate.js';
import { CONVOY_ROUNDS, measureConvoy, type PythonInfo } from '../engine/python-twin.js';
import { countdownSpeedup, type LegacyPlan } from '../engine/python-legacy.js';
import { agreementOf } from '../analysis/calibration.js';
import type { RunConfig } from '../config/types.js';
import type { Calibration, SuiteResult } from '../results/types.js';
import { conclude } from './conclude.js';
import type { Scheduled } from './scheduler.js';
import type { ProgressEvent } from './types.js';

/**
 * What measures a plan for a command (the CLI's session): the run with the signals wired, whether
 * it was stopped, and the signal itself for what runs beside the scheduler.
 */
export interface Measurer {
  measure(config: RunConfig): Promise<Scheduled>;
  /** Progress of what runs beside the scheduler (calibrate's convoy and countdown). */
  progress(event: ProgressEvent): void;
  readonly stopped: boolean;
  readonly signal: AbortSignal;
}

/**
 * A calibration: the simulated workloads and their CPython twins in one run (each twin beside its
 * workload in one unit of the plan, their rounds taking turns, with intervals), CPython's convoy, and, where a CPython 2.7 is
 * installed, --gil legacy beside the old GIL; then the two sides compared. Ctrl-C keeps what was
 * measured (the result is then partial); a failure on CPython's side keeps the simulation's
 * figures and says why in `failure`.
 */
export async function calibrate(
  session: Measurer,
  python: PythonInfo,
  settings: CalibrationSettings,
  legacy?: LegacyPlan,
): Promise<{ result: SuiteResult & { calibration: Calibration }; failure?: string }> {
  const config = calibrationConfig(settings, python.command);
  const { result: measured } = await session.measure(config);
  const twin: TwinFigures = {};
  let failure = measured.cells.find((c) => c.runtime && c.state === 'errored')?.error;
  if (!session.stopped) {
    const convoy = await measureConvoy(python, settings, steps(session, 'convoy (CPython)', 2, CONVOY_ROUNDS));
    if ('stopped' in convoy) failure ??= convoy.stopped;
    else twin.convoy = convoy;
  }
  if (legacy && !session.stopped) {
    const old = await measureLegacy(session, legacy, settings);
    if ('stopped' in old) failure ??= old.stopped;
    else twin.legacy = old;
  }
  const { command, version, implementation, gil } = python;
  const calibration = calibrationOf(
    measured,
    twin,
    { command, version, implementation, gil: gil !== false },
    settings.threads,
  );
  // Saved and printed as one document, under the command's own name.
  const concluded = conclude({ ...measured, suite: 'calibrate', partial: measured.partial || session.stopped });
  const result = { ...concluded, calibration };
  return { result, ...(failure && !session.stopped ? { failure } : {}) };
}

/**
 * A measurement beside the scheduler, shown on the session's progress bar a round at a time, and
 * stopped by its signal after the round in flight.
 */
function steps(session: Measurer, workload: string, threads: number, rounds: number) {
  session.progress({ type: 'start', batches: rounds });
  return {
    signal: session.signal,
    onRound: (done: number, total: number) =>
      session.progress({ type: 'batch', workload, strategy: 'gil-threads', threads, done, total }),
  };
}

/** --gil legacy's gil-threads ×2 on primes beside a real CPython 2.7's two threads on a countdown. */
async function measureLegacy(
  session: Measurer,
  plan: LegacyPlan,
  settings: CalibrationSettings,
): Promise<NonNullable<Calibration['legacy']> | { stopped: string }> {
  const rounds = settings.quick ? 4 : 8;
  let real;
  try {
    const label = `countdown (CPython ${plan.version})`;
    real = await countdownSpeedup(plan, { quick: settings.quick, rounds }, steps(session, label, 2, rounds));
  } catch (error) {
    if (session.stopped) return { stopped: 'stopped' };
    return {
      stopped: `CPython ${plan.version}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
    };
  }
  const config: RunConfig = {
    ...calibrationConfig({ ...settings, gil: true }),
    workloads: [{ name: 'primes' }],
    strategies: ['sequential', 'gil-threads'],
    threads: [2],
    gil: 'legacy',
    iterations: rounds,
  };
  const { result } = await session.measure(config);
  const simulated = result.cells.find((c) => c.strategy === 'gil-threads')?.speedup;
  if (!simulated) return { stopped: session.stopped ? 'stopped' : 'the simulated legacy pair did not complete' };
  return { python: plan.version, simulated, real, agreement: agreementOf(simulated, real) };
}
