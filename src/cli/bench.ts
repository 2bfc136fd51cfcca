import { availableParallelism } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveConfig, type ProcessFacts, type RawOptions } from '../config/resolve.js';
import { resolveAgainst, type AgainstPlan } from '../config/against.js';
import type { OutputOptions, RunConfig, SuiteName } from '../config/types.js';
import { describeError, EXIT, UsageError } from '../errors.js';
import type { GatePlan } from '../run/advisor.js';
import type { Session } from '../run/session.js';
import type { SuiteResult } from '../results/types.js';
import { cellLabel } from '../results/cell-id.js';
import { resolveGate, type Gate } from '../config/gate.js';
import { gatePlan, reportComparison } from './compare.js';
import type { Io } from './io.js';

/** What resolving needs to know of the process. */
export function processFacts(io: Io): ProcessFacts {
  return {
    env: io.env,
    stdoutIsTTY: Boolean(io.stdout.isTTY),
    ...(io.stdout.columns ? { stdoutColumns: io.stdout.columns } : {}),
    cwd: io.cwd,
    availableParallelism: availableParallelism(),
  };
}

/** One line per failed cell: which workload, which strategy, which task, what went wrong. */
function failureLines(result: SuiteResult): string[] {
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

/** The gate of a run given --baseline: the baseline read and the options checked before anything runs. */
async function baselineGate(raw: RawOptions, output: OutputOptions): Promise<{ gate: Gate; plan?: GatePlan }> {
  const gate = resolveGate({ metric: raw.metric, threshold: raw.threshold, failOnRegression: raw.failOnRegression });
  if (gate.enforce && !raw.baseline)
    throw new UsageError('--fail-on-regression needs --baseline NAME|FILE (or use gil-bench compare)');
  if (raw.saveBaseline !== undefined && !/^[\w.-]+$/.test(raw.saveBaseline)) {
    throw new UsageError(
      `--save-baseline must be a plain name of letters, digits, dots, dashes or underscores (got "${raw.saveBaseline}")`,
    );
  }
  if (!raw.baseline) return { gate };
  const [{ baselinePath, loadResult, resolveResultPath }, { loadHistory }] = await Promise.all([
    import('../results/load.js'),
    import('../results/history.js'),
  ]);
  const path = resolveResultPath(raw.baseline, output.resultsDir);
  const base = await loadResult(path);
  // A name has a history of saves; a file stands alone.
  const named = path === baselinePath(output.resultsDir, raw.baseline);
  const history = named ? await loadHistory(output.resultsDir, raw.baseline) : [];
  return { gate, plan: { ...gatePlan(base, gate, raw.baseline), history } };
}

/** Saves the result and, with --save-baseline, the baseline. Returns false if either failed. */
async function keep(
  result: SuiteResult,
  output: OutputOptions,
  baseline: string | undefined,
  session: Session,
  io: Io,
) {
  let ok = !output.save || (await session.save(result, output.resultsDir));
  if (baseline === undefined || result.partial) return ok;
  const [{ baselinePath }, { writeFileAtomic }, { addToHistory, HISTORY_KEEP }] = await Promise.all([
    import('../results/load.js'),
    import('../results/store.js'),
    import('../results/history.js'),
  ]);
  const path = baselinePath(output.resultsDir, baseline);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
    // The last few saves measure how far this runner moves between runs of the same code.
    await addToHistory(result, output.resultsDir, baseline);
    if (!output.quiet)
      io.stderr.write(`baseline "${baseline}" saved to ${path} (its history keeps the last ${HISTORY_KEEP} saves)\n`);
  } catch (error) {
    io.stderr.write(`error: could not save the baseline ${path}: ${describeError(error)}\n`);
    ok = false;
  }
  return ok;
}

/** A benchmark command (cpu, io, mixed, all, run): resolve, run, report, save. Returns the exit code. */
export async function bench(suite: SuiteName, raw: RawOptions, io: Io): Promise<number> {
  const { run, output } = resolveConfig(suite, raw, processFacts(io));
  // Loaded only now, so --help and list stay fast.
  const [{ checkTargets }, { startTracing }, { Session }, { conclude }] = await Promise.all([
    import('./emit.js'),
    import('./tracing.js'),
    import('../run/session.js'),
    import('../run/conclude.js'),
  ]);
  await checkTargets(output.targets);
  const pairs = resolveAgainst(raw, run, io.cwd);
  if (pairs) return againstRun(pairs.config, output, pairs, raw, io);
  const { gate, plan } = await baselineGate(raw, output);
  const tracing = await startTracing(output, run);
  const session = new Session(io, output.quiet);
  try {
    const { result: measured, looks } = await session.measure(run, {
      ...(plan ? { gate: plan } : {}),
      ...tracing.hooks,
    });
    const result = conclude(measured, {
      ...(output.label ? { label: output.label } : {}),
      ...(plan ? { gate: plan } : {}),
      looks,
    });
    const code = session.exitCode(result);
    return await deliver(result, code, { output, gate, raw, session, io, tracing, baseline: raw.saveBaseline });
  } finally {
    await tracing.file?.discard();
    session.close();
  }
}

/**
 * `run --workload FILE --against BASE`: both versions side by side in process pairs, the head's
 * tables as any run's, then the comparison and the gate's exit code.
 */
async function againstRun(
  run: RunConfig,
  output: OutputOptions,
  plan: AgainstPlan,
  raw: RawOptions,
  io: Io,
): Promise<number> {
  const gate = resolveGate({ metric: raw.metric, threshold: raw.threshold, failOnRegression: raw.failOnRegression });
  const [{ Session }, { concludePaired }, { PairedAdvisor }] = await Promise.all([
    import('../run/session.js'),
    import('../run/conclude.js'),
    import('../run/advisor.js'),
  ]);
  const advisor = new PairedAdvisor({
    metrics: gate.metrics,
    thresholdPct: gate.thresholdPct,
    plannedLooks: plan.looks,
    alternation: plan.alternation,
    baseline: raw.against ?? plan.base.name,
  });
  const session = new Session(io, output.quiet);
  try {
    const startedAt = new Date();
    const scheduled = await session.measurePairs(run, plan, advisor);
    const label = output.label ? { label: output.label } : {};
    const result = concludePaired(run, scheduled, advisor, { ...label, startedAt, finishedAt: new Date() });
    let code = session.exitCode(result);
    if (scheduled.stopped === 'crash') {
      io.stderr.write(
        `error: the pairs stopped after ${scheduled.pairs.length}: ${scheduled.crash ?? 'an engine died'}\n`,
      );
      code = Math.max(code, EXIT.failed);
    }
    return await deliver(result, code, { output, gate, raw, session, io });
  } finally {
    session.close();
  }
}

interface Delivery {
  output: OutputOptions;
  gate: Gate;
  raw: RawOptions;
  session: Session;
  io: Io;
  tracing?: Awaited<ReturnType<typeof import('./tracing.js').startTracing>>;
  /** --save-baseline's name. */
  baseline?: string | undefined;
}

/**
 * A concluded run's delivery: saved (and kept as a baseline), reported, and judged by the gate
 * when it was compared. Returns the exit code: the run's own, else the gate's.
 */
async function deliver(result: SuiteResult, runCode: number, d: Delivery): Promise<number> {
  let code = runCode;
  if (!(await keep(result, d.output, d.baseline, d.session, d.io))) code = Math.max(code, EXIT.failed);
  if (!(await report(result, d.output, d.io, d.tracing))) code = Math.max(code, EXIT.failed);
  if (!result.comparison) return code;
  // The comparison goes to stderr when stdout carries a machine format.
  const machineOnStdout = d.output.targets.some((t) => !t.path && t.format !== 'table');
  const gateCode = await reportComparison(result.comparison, d.gate, { color: d.raw.color }, d.io, machineOnStdout);
  return code === EXIT.ok ? gateCode : code;
}

/** The report, the trace, failed cells and warnings. Returns false if a file could not be written. */
async function report(
  result: SuiteResult,
  output: OutputOptions,
  io: Io,
  tracing?: Awaited<ReturnType<typeof import('./tracing.js').startTracing>>,
): Promise<boolean> {
  const [{ emitResult }, { finishTracing }] = await Promise.all([import('./emit.js'), import('./tracing.js')]);
  // The report comes after the lines saying where the result was saved, so that a run ends with its summary.
  let ok = await emitResult(result, output.targets, output, io);
  if (tracing && !(await finishTracing(tracing, result, output, io))) ok = false;
  // Failed cells are also named on stderr, so they cannot be missed in a log or behind --json.
  for (const line of failureLines(result)) io.stderr.write(`${line}\n`);
  // Warnings and notes are said once: in the table when it goes to stdout (a terminal, a file or a
  // pipe), else on stderr.
  const tableOnStdout = output.targets.some((t) => !t.path && t.format === 'table');
  if (!tableOnStdout)
    for (const w of result.warnings) io.stderr.write(`${w.level ?? 'warning'}: ${w.message} (${w.hint})\n`);
  return ok;
}
