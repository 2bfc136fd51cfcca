/**
 * The result of a run: plain JSON-safe data, nothing else. Reporters, comparisons and CI scripts
 * read it; nothing here computes. The types are derived from the schema in schema.ts, so the two
 * cannot drift apart; the field documentation lives there.
 */
import type { Static } from '@sinclair/typebox';
import type {
  CapacityProbeSchema,
  CellResultSchema,
  EnvironmentSchema,
  HostMetricsSchema,
  IntervalSchema,
  IoLatencySchema,
  LockMetricsSchema,
  LockThreadSchema,
  StatsSchema,
  SuiteResultSchema,
  TaskMismatchSchema,
  WarningSchema,
} from './schema.js';
import type { CalibrationSchema, FidelityRowSchema } from './calibration-schema.js';
import type { FactsSchema, VerdictSchema } from './verdict-schema.js';
import type { CellChangeSchema, ComparisonSchema, MetricChangeSchema } from './comparison-schema.js';
import type {
  SummaryCellSchema,
  SummaryRowSchema,
  SummarySchema,
  SweepSchema,
  SweepSeriesSchema,
} from './summary-schema.js';
import type { StateSpanSchema, ThreadTimelineSchema, TimelineSchema } from './timeline-schema.js';

export { SCHEMA_VERSION } from './version.js';

export type SuiteResult = Static<typeof SuiteResultSchema>;
export type CellResult = Static<typeof CellResultSchema>;
export type CellState = CellResult['state'];
export type Stats = Static<typeof StatsSchema>;
export type Interval = Static<typeof IntervalSchema>;
export type LockThread = Static<typeof LockThreadSchema>;
export type LockMetrics = Static<typeof LockMetricsSchema>;
export type IoLatency = Static<typeof IoLatencySchema>;
export type HostMetrics = Static<typeof HostMetricsSchema>;
export type TaskMismatch = Static<typeof TaskMismatchSchema>;
export type CapacityProbe = Static<typeof CapacityProbeSchema>;
export type Environment = Static<typeof EnvironmentSchema>;
export type Warning = Static<typeof WarningSchema>;
export type WarningKind = Warning['kind'];
export type FidelityRow = Static<typeof FidelityRowSchema>;
export type PythonStrategy = FidelityRow['real'];
export type Calibration = Static<typeof CalibrationSchema>;
export type Verdict = Static<typeof VerdictSchema>;
export type CellFacts = Static<typeof FactsSchema>;
export type Direction = Verdict['direction'];
export type VerdictClass = Verdict['class'];
export type Mechanism = Verdict['because'][number];
export type Comparison = Static<typeof ComparisonSchema>;
export type CellChange = Static<typeof CellChangeSchema>;
export type MetricChange = Static<typeof MetricChangeSchema>;
export type CompareMetric = MetricChange['metric'];
export type ChangeLabel = MetricChange['label'];
export type Timeline = Static<typeof TimelineSchema>;
export type ThreadTimeline = Static<typeof ThreadTimelineSchema>;
export type StateSpan = Static<typeof StateSpanSchema>;
export type SpanState = StateSpan['state'];
export type MarkKind = ThreadTimeline['marks'][number]['kind'];
export type Summary = Static<typeof SummarySchema>;
export type SummaryRow = Static<typeof SummaryRowSchema>;
export type SummaryCell = Static<typeof SummaryCellSchema>;
export type Tone = SummaryCell['tone'];
export type Figure = SummaryRow['figure'];
export type Sweep = Static<typeof SweepSchema>;
export type SweepSeries = Static<typeof SweepSeriesSchema>;
