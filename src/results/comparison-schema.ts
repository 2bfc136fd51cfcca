/**
 * A comparison of a run with a baseline, as stored in the result's `comparison` section: each cell
 * judged on two questions, and the gate's decision in words.
 */
import { Type } from '@sinclair/typebox';
import { oneOf } from '../config/schema.js';

/**
 * speedup: the strategy's speedup over sequential within each run (the runner's speed cancels out).
 * time: the cell's batch time in yardsticks (over the reference kernel timed in the same round), so
 * that a slower workload shows and a slower runner does not.
 */
export { COMPARE_METRICS } from '../config/gate.js';
import { COMPARE_METRICS } from '../config/gate.js';
export const CHANGE_LABELS = ['improved', 'regressed', 'unchanged', 'inconclusive'] as const;

const figure = Type.Unsafe<number>({
  type: ['number', 'null'],
  description: "The cell's typical round in that run: the geometric mean of its rounds, bursts of noise left out.",
});

export const MetricChangeSchema = Type.Object({
  metric: oneOf(COMPARE_METRICS),
  /** The typical round in each run: a speedup (×), or a time in yardsticks (or in ms where a run has none). */
  base: figure,
  head: figure,
  unit: Type.String({ description: '"×", "yardsticks", or "ms" where a run has no yardstick.' }),
  change: Type.Unsafe<number>({ type: ['number', 'null'], description: 'head ÷ base − 1.' }),
  low: figure,
  high: figure,
  /** Batches (rounds) behind each side. */
  baseRounds: Type.Integer({ minimum: 0 }),
  headRounds: Type.Integer({ minimum: 0 }),
  label: oneOf(CHANGE_LABELS),
  reason: Type.Optional(Type.String()),
  units: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Paired or history gate: the units behind the spread (process pairs, or saved runs and this one).',
    }),
  ),
  spread: Type.Optional(
    Type.Number({
      description: 'Paired or history gate: the standard deviation between units of the log ratio (0.05 is about 5%).',
    }),
  ),
  detectable: Type.Optional(
    Type.Unsafe<number>({
      type: ['number', 'null'],
      description:
        'The smallest change (a fraction) this runner detects in this metric, four times in five, at the strictest level the correction tests at, from the measured spread between units.',
    }),
  ),
});

export const CellChangeSchema = Type.Object({
  id: Type.String(),
  /** The worse of its metrics' labels: regressed, then inconclusive, then improved, then unchanged. */
  label: oneOf(CHANGE_LABELS),
  metrics: Type.Array(MetricChangeSchema),
});

export const ComparisonSchema = Type.Object(
  {
    baseline: Type.String({ description: 'The baseline as given: a name or a file.' }),
    metrics: Type.Array(oneOf(COMPARE_METRICS)),
    thresholdPct: Type.Number({ description: 'Changes smaller than this count as unchanged.' }),
    confidence: Type.Number({
      description:
        'The strictest level of an interval at the last look: each end a one-sided test at 5% spread over the looks the gate may take and the metrics judged.',
    }),
    looks: Type.Integer({
      minimum: 1,
      description: 'How many times the gate judged, re-measuring undecided cells between.',
    }),
    changes: Type.Array(CellChangeSchema),
    design: Type.Optional(
      Type.Object(
        {
          kind: oneOf(['paired', 'history'] as const),
          units: Type.Integer({ minimum: 0, description: 'Process pairs measured, or saved runs in the history.' }),
          correction: Type.Literal('holm'),
          familyRate: Type.Number({
            description:
              'The family-wise error rate of each claim (regressed, unchanged) over all metrics judged at once, over all looks.',
          }),
          spentSeconds: Type.Optional(
            Type.Number({
              minimum: 0,
              description: 'Paired: the seconds the A/B run took, its further looks included.',
            }),
          ),
          budgetSeconds: Type.Optional(
            Type.Number({
              minimum: 0,
              description: 'Paired: the seconds after which no further look began (--gate-budget).',
            }),
          ),
          alternation: Type.Optional(
            oneOf(
              ['rounds', 'processes'] as const,
              'Paired: the two versions take turns round by round (A B B A), or each runs all its rounds in turn.',
            ),
          ),
        },
        {
          description:
            'How the decision was made: paired (both versions side by side in one job, a process pair the unit) or history (the spread between saved runs of a baseline).',
        },
      ),
    ),
    differences: Type.Array(Type.String(), { description: 'How the two runs differ in machine or configuration.' }),
    notes: Type.Optional(
      Type.Array(Type.String(), { description: 'What the decision could not take into account, and how to fix it.' }),
    ),
    decision: Type.Object({
      exitCode: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(3)]),
      summary: Type.String({ description: 'The decision in one sentence, naming what regressed and by which metric.' }),
    }),
  },
  { description: 'This run against a baseline (--baseline): what changed, and the gate’s decision.' },
);
