import { availableParallelism } from 'node:os';
import { resolveConfig, type ProcessFacts, type RawOptions } from '../config/resolve.js';
import { resolveAgainst, type AgainstPlan } from '../config/against.js';
import type { OutputOptions, RunConfig, SuiteName } from '../config/types.js';
import { UsageError } from '../errors.js';
import type { GatePlan } from '../run/advisor.js';
import type { SuiteResult } from '../results/types.js';
import { resolveGate, type Gate } from '../config/gate.js';
import { gatePlan, gateCode, printComparison } from './compare.js';
import type { Tracing } from './tracing.js';
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

/** A benchmark command (cpu, io, mixed, all, run): resolve, run, report, save. Returns the exit code. */
export async function bench(suite: SuiteName, raw: RawOptions, io: Io): Promise<number> {
  const resolved = resolveConfig(suite, raw, processFacts(io));
  const { output } = resolved;
  const run = await withTwinGils(resolved.run);
  // Loaded only now, so --help and list stay fast.
  const [{ checkTargets }, { startTracing }, { runJob }, { conclude }] = await Promise.all([
    import('./emit.js'),
    import('./tracing.js'),
    import('./lifecycle.js'),
    import('../run/conclude.js'),
  ]);
  await checkTargets(output.targets);
  const pairs = resolveAgainst(raw, run, io.cwd);
  if (pairs) return againstRun(pairs.config, output, pairs, raw, io);
  const { gate, plan } = await baselineGate(raw, output);
  const first = plan ? (plan.history?.[0] ?? plan.base) : await firstSave(raw.saveBaseline, output.resultsDir);
  const measured = first ? withBaselineTasks(run, first) : run;
  const tracing = await startTracing(output, measured);
  return runJob(
    {
      quiet: output.quiet,
      async measure(session) {
        const { result, looks } = await session.measure(measured, {
          ...(plan ? { gate: plan } : {}),
          ...tracing.hooks,
        });
        const label = output.label ? { label: output.label } : {};
        return { result: conclude(result, { ...label, ...(plan ? { gate: plan } : {}), looks }) };
      },
      keep: keepOf(output, raw.saveBaseline),
      emit: (result) => report(result, output, raw, io, tracing),
      judge: async (result) => gateCode(result.comparison, gate, io),
      cleanup: async () => void (await tracing.file?.discard()),
    },
    io,
  );
}

/**
 * A --twin beside a free-threaded interpreter runs under --gil none as well as the run's mode: the
 * simulation's answer for a build without the GIL stands in the same table as the build's own.
 * Each listed interpreter is asked for its GIL state (the workload's import may still change it).
 */
async function withTwinGils(run: RunConfig): Promise<RunConfig> {
  if (run.python === undefined || run.gil === 'none' || !run.workloads.some((w) => w.twinOf !== undefined)) return run;
  const { describePython } = await import('../engine/python-twin.js');
  const described = await Promise.all(
    (run.pythons ?? [run.python]).map((python) => describePython(python, 'Python workloads need')),
  );
  return described.some((python) => python.gil === false) ? { ...run, twinGils: [run.gil, 'none'] } : run;
}

/**
 * The oldest save kept of a baseline about to be saved again, if it exists: every save of one name
 * runs the same work, so that their spread is the machine's, not the sizing's.
 */
async function firstSave(name: string | undefined, resultsDir: string): Promise<SuiteResult | undefined> {
  if (name === undefined) return undefined;
  const [{ baselinePath, loadResult }, { loadHistory }] = await Promise.all([
    import('../results/load.js'),
    import('../results/history.js'),
  ]);
  const history = await loadHistory(resultsDir, name);
  if (history[0]) return history[0];
  const { existsSync } = await import('node:fs');
  const path = baselinePath(resultsDir, name);
  return existsSync(path) ? loadResult(path) : undefined;
}

/**
 * Each workload at the task count its baseline ran: sized by time afresh, a run picked 10 to 16
 * tasks of the same workload from one save to the next, so its batch times moved by half between
 * runs of unchanged code and the gate could tell no change under 121%. Matched by position among
 * the baseline's sized workloads, where both runs name the same ones.
 */
function withBaselineTasks(run: RunConfig, base: SuiteResult): RunConfig {
  const specs = base.config.workloads;
  // A save ran each workload at a count it was given (a later save) or sized (the first).
  const counts = specs.map(
    (w, i) => w.tasks ?? (base.sizing?.length === specs.length ? base.sizing[i]?.tasks : undefined),
  );
  const same =
    run.batchMs !== undefined &&
    specs.length === run.workloads.length &&
    specs.every((w, i) => w.name === run.workloads[i]?.name && w.ioRatio === run.workloads[i]?.ioRatio) &&
    counts.every((n) => n !== undefined);
  if (!same) return run;
  return { ...run, workloads: run.workloads.map((w, i) => ({ ...w, tasks: counts[i] as number })) };
}

/** Where a run is kept: the results folder unless --no-save, and --save-baseline's name. */
function keepOf(output: OutputOptions, baseline: string | undefined) {
  return {
    ...(output.save ? { resultsDir: output.resultsDir } : {}),
    ...(baseline !== undefined ? { baseline: { name: baseline, dir: output.resultsDir } } : {}),
  };
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
  const [{ runJob }, { concludePaired }, { PairedAdvisor }] = await Promise.all([
    import('./lifecycle.js'),
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
  return runJob(
    {
      quiet: output.quiet,
      async measure(session) {
        const scheduled = await session.measurePairs(run, plan, advisor);
        const label = output.label ? { label: output.label } : {};
        const result = concludePaired(run, scheduled, advisor, label);
        return scheduled.stopped === 'crash'
          ? {
              result,
              failure: `the pairs stopped after ${scheduled.pairs.length}: ${scheduled.crash ?? 'an engine died'}`,
            }
          : { result };
      },
      keep: keepOf(output, undefined),
      emit: (result) => report(result, output, raw, io),
      judge: async (result) => gateCode(result.comparison, gate, io),
    },
    io,
  );
}

/**
 * The report, the trace, the warnings and, against a baseline, the comparison. Returns false if a
 * file could not be written.
 */
async function report(
  result: SuiteResult,
  output: OutputOptions,
  raw: RawOptions,
  io: Io,
  tracing?: Tracing,
): Promise<boolean> {
  const [{ emitResult }, { finishTracing }] = await Promise.all([import('./emit.js'), import('./tracing.js')]);
  // The report comes after the lines saying where the result was saved, so that a run ends with its summary.
  let ok = await emitResult(result, output.targets, output, io);
  if (tracing && !(await finishTracing(tracing, result, output, io))) ok = false;
  // Warnings and notes are said once: in the table when it goes to stdout (a terminal, a file or a
  // pipe), else on stderr.
  const tableOnStdout = output.targets.some((t) => !t.path && t.format === 'table');
  if (!tableOnStdout)
    for (const w of result.warnings) io.stderr.write(`${w.level ?? 'warning'}: ${w.message} (${w.hint})\n`);
  // The comparison goes to stderr when stdout carries a machine format.
  const machineOnStdout = output.targets.some((t) => !t.path && t.format !== 'table');
  if (result.comparison) await printComparison(result.comparison, { color: raw.color }, io, machineOnStdout);
  return ok;
}
