/**
 * The conclusions a result carries beside its cells' verdicts: the run at a glance (the matrix and
 * the lesson's sentences) and each sweep's series and crossovers. Computed by analysis, stored so
 * that a CI job or another tool reads the same sentences the table prints.
 */
import { Type } from '@sinclair/typebox';
import { oneOf, orNull, StrategyNameSchema } from '../config/schema.js';
import { DIRECTIONS } from './verdict-schema.js';

export const TONES = ['gain', 'same', 'loss', 'unsure', 'failed'] as const;
export const FIGURES = ['speedup', 'io-p50', 'loop-lag-p99'] as const;

export const SummaryCellSchema = Type.Object(
  {
    value: Type.Optional(
      Type.Number({ description: 'The speedup, or the latency in ms; absent where nothing was measured.' }),
    ),
    low: Type.Optional(Type.Number({ description: "The speedup's 95% interval." })),
    max: Type.Optional(
      Type.Number({
        description:
          "On a latency row whose verdict rests on the worst op rather than the row's figure (an event loop blocked), that op, ms: the mark reads on it.",
      }),
    ),
    high: Type.Optional(Type.Number()),
    direction: oneOf(DIRECTIONS),
    tone: oneOf(TONES, 'How the cell reads at a glance.'),
  },
  { description: "One strategy on one workload, at the matrix's thread count." },
);

export const SummaryRowSchema = Type.Object({
  title: Type.String({ description: 'The workload, with its parameter: "ratio (I/O 25%)".' }),
  figure: oneOf(FIGURES, 'What the row shows: a speedup, or the latency the workload is about (ms).'),
  reference: Type.Optional(
    Type.Number({
      description: "Sequential's figure on a latency row: the I/O op alone, the heartbeat with no loop running.",
    }),
  ),
  taskMs: Type.Optional(
    Type.Number({
      description:
        "A Python row's for loop: its median batch over its tasks, ms a task, so that each interpreter's single-thread cost shows beside its speedups.",
    }),
  ),
  cells: Type.Array(orNull(SummaryCellSchema), { description: 'One per strategy column; null where it did not run.' }),
});

export const SummarySchema = Type.Object(
  {
    strategies: Type.Array(StrategyNameSchema, {
      description: 'One column per strategy; sequential is the reference.',
    }),
    threads: Type.Integer({ minimum: 1, description: 'The thread count the matrix shows: the largest measured.' }),
    swept: Type.Boolean({ description: 'Other thread counts ran too (a sweep shows them).' }),
    columns: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "Each column's title, where one differs from its strategy's name: a Python run's in Python's words (threading, process pool, …); gil-threads with no lock to take (--gil none) is threads. Absent otherwise.",
      }),
    ),
    asyncAtOnce: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('all')], {
        description:
          "How many tasks async ran at once, whatever the thread count: 'all' (every task of a batch, as asyncio.gather), or --async-limit. Absent where async did not run.",
      }),
    ),
    rows: Type.Array(SummaryRowSchema),
    sentences: Type.Array(Type.String(), { description: 'The lesson as measured, one sentence per kind of work.' }),
  },
  { description: 'The run at a glance, as its closing summary prints it.' },
);

const IntervalPoint = orNull(Type.Object({ low: Type.Number(), high: Type.Number() }));

export const SweepSeriesSchema = Type.Object({
  name: Type.Union([StrategyNameSchema, Type.Literal('ideal')]),
  label: Type.Optional(
    Type.String({
      description:
        "What the tables call it, where that differs from its name: Python's (threading, process pool) where every cell ran in CPython.",
    }),
  ),
  threaded: Type.Boolean({ description: 'False for main-thread strategies: their one figure holds at every point.' }),
  values: Type.Array(orNull(Type.Number()), {
    description: 'Speedup at each point; null where the cell failed or did not run.',
  }),
  intervals: Type.Optional(Type.Array(IntervalPoint, { description: 'The 95% interval at each point, where known.' })),
});

export const SweepSchema = Type.Object(
  {
    workload: Type.String(),
    runtime: Type.Optional(
      Type.String({ description: 'The interpreter the cells ran on ("CPython 3.12"), where not the simulation.' }),
    ),
    parameter: oneOf(['threads', 'io-ratio'] as const),
    points: Type.Array(Type.Number()),
    series: Type.Array(SweepSeriesSchema),
    crossovers: Type.Array(Type.String(), {
      description: 'Where one strategy overtakes others, in words ("workers overtakes gil-threads from 2 threads").',
    }),
    beyondIdeal: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Points above the ideal, each with what its cell measured to explain it (waits shorter together, a measurement fault, or an interval that reaches back to the ideal).',
      }),
    ),
    shortOfIdeal: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "Where each pool stops scaling (its first thread count whose whole interval is below 80% of the ideal), with the reason its cell measured: threads that waited (fewer cores busy than they could keep), or that got in each other's way (as many busy, no gain).",
      }),
    ),
  },
  { description: "Every strategy's speedup against the swept parameter, for one workload." },
);
