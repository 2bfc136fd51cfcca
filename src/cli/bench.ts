import { availableParallelism } from 'node:os';
import { resolveConfig, type RawOptions } from '../config/resolve.js';
import type { SuiteName } from '../config/types.js';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeError, EXIT, UsageError } from '../errors.js';
import { gateFor, reportComparison, resolveGate } from './compare.js';
import { createProgress, progressStyle } from '../output/progress.js';
import type { SuiteResult } from '../results/types.js';
import type { Io } from './io.js';
import { cellLabel } from '../results/cell-id.js';

/** One line per failed cell: which workload, which strategy, which task, what went wrong. */
function failureLines(result: SuiteResult): string[] {
  return result.cells.flatMap((cell) => {
    const where = cellLabel(cell);
    if (cell.state === 'mismatch') {
      return (cell.mismatches ?? []).map(
        (m) =>
          `error: WRONG RESULTS: ${where}, task ${m.task}: expected checksum ${m.expected}, got ${m.actual ?? 'nothing'}`,
      );
    }
    return cell.state === 'errored' ? [`error: FAILED: ${where}: ${cell.error ?? 'unknown error'}`] : [];
  });
}

/** The exit code a finished run deserves. */
function exitCodeOf(result: SuiteResult, signal: NodeJS.Signals | undefined): number {
  if (result.partial) return signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  return result.cells.some((cell) => cell.state !== 'completed') ? EXIT.failed : EXIT.ok;
}

/** A benchmark command (cpu, io, mixed, all, run): resolve, run, report, save. Returns the exit code. */
export async function bench(suite: SuiteName, raw: RawOptions, io: Io): Promise<number> {
  const { run, output } = resolveConfig(suite, raw, {
    env: io.env,
    stdoutIsTTY: Boolean(io.stdout.isTTY),
    ...(io.stdout.columns ? { stdoutColumns: io.stdout.columns } : {}),
    cwd: io.cwd,
    availableParallelism: availableParallelism(),
  });
  // Loaded only now, so --help and list stay fast.
  const [{ runSuite }, { analyse }, { saveResult, writeFileAtomic }, { checkTargets, emitResult }] = await Promise.all([
    import('../measure/runner.js'),
    import('../analysis/analyse.js'),
    import('../results/store.js'),
    import('./emit.js'),
  ]);
  await checkTargets(output.targets);
  // A baseline is read, and the gate's options checked, before anything runs.
  const gate = resolveGate({ metric: raw.metric, threshold: raw.threshold, failOnRegression: raw.failOnRegression });
  if (gate.enforce && !raw.baseline)
    throw new UsageError('--fail-on-regression needs --baseline NAME|FILE (or use gil-bench compare)');
  if (raw.saveBaseline !== undefined && !/^[\w.-]+$/.test(raw.saveBaseline)) {
    throw new UsageError(
      `--save-baseline must be a plain name of letters, digits, dots, dashes or underscores (got "${raw.saveBaseline}")`,
    );
  }
  const { baselinePath, loadResult, resolveResultPath } = await import('../results/load.js');
  const base = raw.baseline ? await loadResult(resolveResultPath(raw.baseline, output.resultsDir)) : undefined;
  // With a baseline, the gate may re-measure the cells its first look cannot decide.
  const judged = base ? await gateFor(base, gate) : undefined;
  const { startTracing, finishTracing } = await import('./tracing.js');
  const tracing = await startTracing(output, run);
  const progress = createProgress(io.stderr, progressStyle(output.quiet, io.env));
  const controller = new AbortController();
  let signal: NodeJS.Signals | undefined;
  const onSignal = (received: NodeJS.Signals): void => {
    // A second Ctrl-C means "now": skip the clean-up (temp folders still go, as the process exits).
    if (signal) process.exit(received === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint);
    signal = received;
    progress.clear();
    io.stderr.write(
      `\n${received} received: stopping after the batch in flight (press Ctrl-C again to quit at once)\n`,
    );
    controller.abort();
  };
  // Code of a workload can throw from a timer or leave a promise rejected outside any task: that
  // must not kill the run with a stack trace. It is reported, and the run ends with exit code 1.
  const escaped: string[] = [];
  const onEscaped = (error: unknown): void => {
    escaped.push(describeError(error));
  };
  process.on('uncaughtException', onEscaped);
  process.on('unhandledRejection', onEscaped);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const analysed = analyse(
      await runSuite(run, {
        signal: controller.signal,
        onProgress: (event) => progress.update(event),
        ...tracing.hooks,
        ...(judged?.hook ? { gate: judged.hook } : {}),
      }),
    );
    const measured = output.label === undefined ? analysed : { ...analysed, label: output.label };
    // The comparison is part of the result, so every format (the job summary's Markdown, JSON) carries it.
    const { compareResults } = await import('../analysis/compare.js');
    const result =
      base && judged && !measured.partial
        ? { ...measured, comparison: compareResults(base, measured, judged.settings, raw.baseline, judged.looks()) }
        : measured;
    progress.clear();
    // Let timers a workload left behind fire now, while their errors are still caught.
    await new Promise((resolve) => setTimeout(resolve, 1));
    let code = exitCodeOf(result, signal);
    for (const message of escaped) io.stderr.write(`error: a workload threw outside its tasks: ${message}\n`);
    if (escaped.length > 0) code = Math.max(code, EXIT.failed);
    if (output.save) {
      try {
        const path = await saveResult(result, output.resultsDir);
        if (!output.quiet) io.stderr.write(`result saved to ${path}\n`);
      } catch (error) {
        io.stderr.write(`error: could not save the result in ${output.resultsDir}: ${describeError(error)}\n`);
        code = Math.max(code, EXIT.failed);
      }
    }
    if (raw.saveBaseline !== undefined && !result.partial) {
      const path = baselinePath(output.resultsDir, raw.saveBaseline);
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
        if (!output.quiet) io.stderr.write(`baseline "${raw.saveBaseline}" saved to ${path}\n`);
      } catch (error) {
        io.stderr.write(`error: could not save the baseline ${path}: ${describeError(error)}\n`);
        code = Math.max(code, EXIT.failed);
      }
    }
    // The report comes after the lines saying where the result was saved, so that a run ends with
    // its summary.
    if (!(await emitResult(result, output.targets, output, io))) code = Math.max(code, EXIT.failed);
    if (!(await finishTracing(tracing, result, output, io))) code = Math.max(code, EXIT.failed);
    // Failed cells are also named on stderr, so they cannot be missed in a log or behind --json.
    for (const line of failureLines(result)) io.stderr.write(`${line}\n`);
    // Warnings and notes are said once: in the table when it goes to stdout (a terminal, a file
    // or a pipe), else on stderr.
    const tableOnStdout = output.targets.some((t) => !t.path && t.format === 'table');
    if (!tableOnStdout)
      for (const w of result.warnings) io.stderr.write(`${w.level ?? 'warning'}: ${w.message} (${w.hint})\n`);
    if (result.comparison) {
      // The comparison goes to stderr when stdout carries a machine format.
      const machineOnStdout = output.targets.some((t) => !t.path && t.format !== 'table');
      const gateCode = await reportComparison(result.comparison, gate, { color: raw.color }, io, machineOnStdout);
      if (code === EXIT.ok) code = gateCode;
    }
    return code;
  } finally {
    await tracing.file?.discard();
    progress.clear();
    // Once stopping, a further Ctrl-C still means "now", up to the process's last moment (without
    // a handler it would kill the process by the default action, without the exit code).
    if (!signal) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    process.off('uncaughtException', onEscaped);
    process.off('unhandledRejection', onEscaped);
  }
}
