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

/** Prints a comparison (stdout, or stderr when stdout carries another format) and returns the gate's exit code. */
export async function reportComparison(
  comparison: Comparison,
  gate: Gate,
  raw: GateOptions,
  io: Io,
  toStderr = false,
): Promise<number> {
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
  if (!gate.enforce) return 0;
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
    return reportComparison(compareResults(base, head, plan.settings, baseArg), gate, raw, io);
  }
  const [{ Session }, { conclude }] = await Promise.all([import('../run/session.js'), import('../run/conclude.js')]);
  const plan = gatePlan(base, gate, baseArg);
  const session = new Session(io, raw.quiet === true);
  try {
    const { result: measured, looks } = await session.measure(base.config, { gate: plan });
    const head = conclude(measured, { gate: plan, looks });
    const saved = raw.save === false || (await session.save(head, resultsDir));
    if (!head.comparison) return session.exitCode(head);
    const code = await reportComparison(head.comparison, gate, raw, io);
    return saved ? code : Math.max(code, 1);
  } finally {
    session.close();
  }
}
