import { GATE_LOOKS } from '../analysis/gate.js';
import type { Comparison, SuiteResult } from '../results/types.js';
import { decideColor, decideWidth, resultsDirOf } from '../config/resolve.js';
import { resolveGate, type Gate, type GateOptions } from '../config/gate.js';
import { COMMANDS } from '../config/options.js';
import { oneOf } from '../config/parse.js';
import type { GatePlan } from '../run/advisor.js';
import type { Io } from './io.js';

/** The gate's part in a run against a baseline; an enforced gate may re-measure what its first look cannot decide. */
export function gatePlan(base: SuiteResult, gate: Gate, name: string): GatePlan {
  return {
    base,
    name,
    enforce: gate.enforce,
    settings: { metrics: gate.metrics, thresholdPct: gate.thresholdPct, plannedLooks: gate.enforce ? GATE_LOOKS : 1 },
  };
}

/** Prints a comparison: on stdout, or on stderr when stdout carries another format. */
export async function printComparison(
  comparison: Comparison,
  raw: GateOptions,
  io: Io,
  toStderr = false,
): Promise<void> {
  const { renderComparisonMarkdown, renderComparisonTable } = await import('../reporters/comparison.js');
  const stream = toStderr ? io.stderr : io.stdout;
  const format = raw.format ?? 'table';
  if (format === 'json') stream.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else if (format === 'markdown') stream.write(renderComparisonMarkdown(comparison));
  else {
    const tty = { env: io.env, stdoutIsTTY: Boolean(stream.isTTY) };
    const width = decideWidth({ ...tty, ...(stream.columns ? { stdoutColumns: stream.columns } : {}) });
    stream.write(renderComparisonTable(comparison, decideColor(raw.color, tty), width));
  }
}

/** The gate's exit code for a comparison, its reason on stderr; 0 when the gate is not enforced. */
export function gateCode(comparison: Comparison | undefined, gate: Gate, io: Io): number {
  if (!comparison || !gate.enforce) return 0;
  const code = comparison.decision.exitCode;
  if (code !== 0) io.stderr.write(`error: ${comparison.decision.summary}\n`);
  return code;
}

export interface CompareOptions extends GateOptions {
  resultsDir?: string;
  save?: boolean;
  quiet?: boolean;
}

/** `gil-bench compare BASE [HEAD]`: HEAD defaults to a run made now with BASE's configuration. */
export async function compareCommand(
  baseArg: string,
  headArg: string | undefined,
  raw: CompareOptions,
  io: Io,
): Promise<number> {
  const [{ loadResult, resolveResultPath }, { compareResults }] = await Promise.all([
    import('../results/load.js'),
    import('../analysis/compare.js'),
  ]);
  const gate = resolveGate(raw);
  oneOf('--format', raw.format, COMMANDS.compare.formats, 'table');
  const resultsDir = resultsDirOf(raw.resultsDir, io.cwd);
  const base = await loadResult(resolveResultPath(baseArg, resultsDir));
  if (headArg) {
    // Two saved runs cannot be re-measured: the gate judges once.
    const head = await loadResult(resolveResultPath(headArg, resultsDir));
    const plan = gatePlan(base, { ...gate, enforce: false }, baseArg);
    const comparison = compareResults(base, head, plan.settings, baseArg);
    await printComparison(comparison, raw, io);
    return gateCode(comparison, gate, io);
  }
  const [{ runJob }, { conclude }] = await Promise.all([import('./lifecycle.js'), import('../run/conclude.js')]);
  const plan = gatePlan(base, gate, baseArg);
  return runJob(
    {
      quiet: raw.quiet === true,
      async measure(session) {
        const { result, looks } = await session.measure(base.config, { gate: plan });
        return { result: conclude(result, { gate: plan, looks }) };
      },
      keep: raw.save === false ? {} : { resultsDir },
      async emit(result) {
        if (result.comparison) await printComparison(result.comparison, raw, io);
        return true;
      },
      judge: async (result) => gateCode(result.comparison, gate, io),
    },
    io,
  );
}
