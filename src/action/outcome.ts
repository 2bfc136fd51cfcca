/**
 * What a gate run means for the pull request: gil-bench's exit code and comparison become the
 * action's verdict, and the "cannot decide" policy says whether the step fails. Pure, so that every
 * exit code and policy is tested without measuring.
 */
import { EXIT } from '../errors.js';
import type { Comparison, MetricChange } from '../results/types.js';
import type { Policy } from './inputs.js';

export const VERDICTS = ['skipped', 'unchanged', 'improved', 'undecided', 'regressed', 'failed'] as const;
/**
 * unchanged, improved, regressed, undecided: the gate's decision. failed: gil-bench could not
 * measure (bad input, a cell errored or gave wrong results, interrupted). skipped: nothing to
 * compare (the base version has no such workload).
 */
export type Verdict = (typeof VERDICTS)[number];

/** One gil-bench run of the gate: one per Python interpreter, else one. */
export interface GateRun {
  /** The interpreter, when the workload is Python. */
  python?: string;
  /** gil-bench's exit code; undefined when it was not run. */
  code?: number;
  comparison?: Comparison;
  /** The path of its JSON result, when it wrote one. */
  json?: string;
  /** Why it was not run, or the last lines gil-bench wrote to stderr when it failed. */
  note?: string;
  skipped?: boolean;
}

/** One run's verdict, from its exit code and, to tell a regression from a failed cell, its comparison. */
export function verdictOf(run: GateRun): Verdict {
  if (run.skipped) return 'skipped';
  const decision = run.comparison?.decision.exitCode;
  if (run.code === EXIT.failed && decision === EXIT.failed) return 'regressed';
  if (run.code === EXIT.inconclusive && decision === EXIT.inconclusive) return 'undecided';
  if (run.code === EXIT.ok && run.comparison)
    return run.comparison.changes.some((c) => c.label === 'improved') ? 'improved' : 'unchanged';
  return 'failed';
}

/** The worst of several verdicts (several interpreters): failed, regressed, undecided, improved, unchanged, skipped. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, v) => (VERDICTS.indexOf(v) > VERDICTS.indexOf(worst) ? v : worst), 'skipped');
}

export interface Outcome {
  verdict: Verdict;
  /** Whether the step fails: a regression, a failed run, or an undecided gate under policy `fail`. */
  fails: boolean;
  /** The annotation's level and text, for the workflow's log and the pull request's checks. */
  annotation?: { level: 'error' | 'warning' | 'notice'; text: string };
}

/** What the undecided policy does, in words. */
export const POLICY_WORDS: Record<Policy, string> = {
  warn: 'the undecided policy is warn: this does not block the pull request',
  fail: 'the undecided policy is fail: this blocks the pull request',
  pass: 'the undecided policy is pass: this does not block the pull request',
};

/** The action's outcome over its runs, with the undecided policy applied. */
export function outcomeOf(runs: readonly GateRun[], policy: Policy): Outcome {
  const verdict = worstVerdict(runs.map(verdictOf));
  const said = (run: GateRun): string =>
    `${run.python ? `${run.python}: ` : ''}${run.comparison?.decision.summary ?? run.note ?? `gil-bench exited ${run.code ?? '–'}`}`;
  const of = (v: Verdict): string =>
    runs
      .filter((r) => verdictOf(r) === v)
      .map(said)
      .join('; ');
  switch (verdict) {
    case 'failed':
      return {
        verdict,
        fails: true,
        annotation: { level: 'error', text: `gil-bench could not measure: ${of(verdict)}` },
      };
    case 'regressed':
      return { verdict, fails: true, annotation: { level: 'error', text: of(verdict) } };
    case 'undecided':
      return {
        verdict,
        fails: policy === 'fail',
        annotation: {
          level: policy === 'fail' ? 'error' : policy === 'warn' ? 'warning' : 'notice',
          text: `${of(verdict)} (${POLICY_WORDS[policy]})`,
        },
      };
    case 'skipped':
      return { verdict, fails: false, annotation: { level: 'notice', text: of(verdict) } };
    default:
      return { verdict, fails: false };
  }
}

type Labelled = { id: string; metric: MetricChange; python?: string };

/** Every judged metric of the runs, with its cell and interpreter. */
export function metricsOf(runs: readonly GateRun[]): Labelled[] {
  return runs.flatMap((run) =>
    (run.comparison?.changes ?? []).flatMap((change) =>
      change.metrics.map((metric) => ({ id: change.id, metric, ...(run.python ? { python: run.python } : {}) })),
    ),
  );
}

/** A metric's name in an output or a list: `cell metric`, after its interpreter when there are several. */
export const metricName = (m: Labelled): string => `${m.python ? `${m.python}: ` : ''}${m.id} ${m.metric.metric}`;

/** The `regressed` output: every regressed metric, comma-separated. */
export function regressedOutput(runs: readonly GateRun[]): string {
  return metricsOf(runs)
    .filter((m) => m.metric.label === 'regressed')
    .map(metricName)
    .join(', ');
}

/**
 * The `detectable` output: the smallest change, in percent, this runner detects in every metric
 * judged (the worst metric's), or '' where none was measured.
 */
export function detectableOutput(runs: readonly GateRun[]): string {
  const values = metricsOf(runs)
    .map((m) => m.metric.detectable)
    .filter((d): d is number => d !== undefined && d !== null && Number.isFinite(d));
  return values.length === 0 ? '' : (Math.max(...values) * 100).toFixed(0);
}
