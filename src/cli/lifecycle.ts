/**
 * The one lifecycle of every measuring command: measure the plan (and conclude), save, emit, then
 * the exit code by one rule. Commands only say what they measure, what they render and what they
 * judge; the order and the rule are here, written once, so no command can drift from another
 * (save before emit, a failed save or file is a failure, failed cells are named and fail the run).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeError, EXIT } from '../errors.js';
import { cellLabel } from '../results/cell-id.js';
import type { SuiteResult } from '../results/types.js';
import type { Io } from './io.js';
import { Session } from './session.js';

/** A measured and concluded run; `failure` when part of it stopped short (an engine, CPython's side). */
export interface Measured {
  result: SuiteResult;
  failure?: string;
}

export interface Job {
  quiet: boolean;
  /** Measures the plan and concludes: the one document that is saved and emitted. */
  measure(session: Session): Promise<Measured>;
  /** The results folder the run is saved in (none with --no-save), and --save-baseline's name and folder. */
  keep: { resultsDir?: string; baseline?: { name: string; dir: string } };
  /** Renders the result (the report, a comparison, a trace). False when something could not be written. */
  emit(result: SuiteResult): Promise<boolean>;
  /** The command's verdict on a run that was not stopped: the gate's exit code, check's rules. */
  judge?(result: SuiteResult): Promise<number>;
  /** Runs last, whatever happened (a trace file not put in place is removed). */
  cleanup?(): Promise<void>;
}

/** Runs a measuring command's job; returns its exit code. */
export async function runJob(job: Job, io: Io): Promise<number> {
  const session = new Session(io, job.quiet);
  try {
    const { result, failure } = await job.measure(session);
    let failed = false;
    if (failure !== undefined) {
      io.stderr.write(`error: ${failure}\n`);
      failed = true;
    }
    if (job.keep.resultsDir !== undefined && !(await session.save(result, job.keep.resultsDir))) failed = true;
    const { baseline } = job.keep;
    // A stopped run is not a baseline: its cells are incomplete.
    if (baseline && !result.partial && !(await saveBaseline(result, baseline.dir, baseline.name, job.quiet, io)))
      failed = true;
    if (!(await job.emit(result))) failed = true;
    // Failed cells are named on stderr too, so they cannot be missed in a log or behind --json.
    for (const line of failureLines(result)) io.stderr.write(`${line}\n`);
    const stopped = result.partial || session.stopped;
    const verdict = !stopped && job.judge ? await job.judge(result) : EXIT.ok;
    return session.exitCode(result, failed, verdict);
  } finally {
    await job.cleanup?.();
    session.close();
  }
}

/** One line per failed cell: which workload, which strategy, which task, what went wrong. */
export function failureLines(result: SuiteResult): string[] {
  return result.cells.flatMap((cell) => {
    const where = cellLabel(cell);
    if (cell.state === 'mismatch') {
      return (cell.mismatches ?? []).map(
        (m) =>
          `error: MISMATCH: ${where}, task ${m.task}: expected checksum ${m.expected}, got ${m.actual ?? 'nothing'}`,
      );
    }
    return cell.state === 'errored' ? [`error: FAILED: ${where}: ${cell.error ?? 'unknown error'}`] : [];
  });
}

/** Keeps the result as the baseline `name`, and in its history of saves. False if it could not. */
async function saveBaseline(result: SuiteResult, dir: string, name: string, quiet: boolean, io: Io): Promise<boolean> {
  const [{ baselinePath }, { writeFileAtomic }, { addToHistory, HISTORY_KEEP }] = await Promise.all([
    import('../results/load.js'),
    import('../results/store.js'),
    import('../results/history.js'),
  ]);
  const path = baselinePath(dir, name);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
    // The last few saves measure how far this runner moves between runs of the same code.
    await addToHistory(result, dir, name);
    if (!quiet)
      io.stderr.write(`baseline "${name}" saved to ${path} (its history keeps the last ${HISTORY_KEEP} saves)\n`);
    return true;
  } catch (error) {
    io.stderr.write(`error: could not save the baseline ${path}: ${describeError(error)}\n`);
    return false;
  }
}
