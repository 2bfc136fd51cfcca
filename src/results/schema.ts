/**
 * The result of a run as a schema: the one source of both its TypeScript types (results/types.ts)
 * and the published JSON Schema (schema/suite-result.schema.json, written by `npm run schema`),
 * which saved results are validated against. Times are in milliseconds.
 */
import { Type } from '@sinclair/typebox';
import { oneOf, orNull, RunConfigSchema, StrategyNameSchema } from '../config/schema.js';
import { GIL_MODES } from '../strategies/names.js';
import { CalibrationSchema } from './calibration-schema.js';
import { EnvironmentSchema } from './environment-schema.js';

export { CapacityProbeSchema, EnvironmentSchema } from './environment-schema.js';
import { ComparisonSchema } from './comparison-schema.js';
import { count, described, IntervalSchema, ms, share } from './schema-parts.js';
import { VerdictSchema } from './verdict-schema.js';
import { TimelineSchema } from './timeline-schema.js';
import { SummarySchema, SweepSchema } from './summary-schema.js';
import { SCHEMA_VERSION } from './version.js';

export { SCHEMA_VERSION };

export const StatsSchema = Type.Object(
  {
    samples: count('Number of timed batches.'),
    median: Type.Number(),
    mean: Type.Number(),
    min: Type.Number(),
    max: Type.Number(),
    p75: Type.Number(),
    p99: Type.Number(),
    sd: described('Sample standard deviation.', Type.Number()),
    moe: described('Half-width of the 95% confidence interval of the mean.', Type.Number()),
    rme: described('moe as a percentage of the mean.', Type.Number()),
  },
  { description: "Summary of one cell's batch times (one sample = one whole batch)." },
);

export { IntervalSchema };

export const LockThreadSchema = Type.Object(
  {
    thread: count(),
    holdShare: share("Fraction of the cell's timed wall time."),
    waitShare: share(),
    ioShare: share(),
    nativeShare: Type.Optional(share('Released around native code. Absent in older results.')),
    acquisitions: count(),
    switches: count(),
    dropRequests: count(),
    forcedSwitches: count(),
  },
  { description: "One thread's share of the simulated lock during the timed batches." },
);

export const LockMetricsSchema = Type.Object(
  {
    acquisitions: count(),
    contended: count(),
    dropRequests: count(),
    forcedSwitches: count('Drop requests honoured: the holder released because another thread asked.'),
    checkpoints: Type.Optional(
      count(
        "Checkpoints the tasks' code reached (ctx.checkpoint()), where a drop request can be honoured. Absent in older results.",
      ),
    ),
    switches: count('Acquisitions that took the lock from another thread.'),
    switchesPerSecond: share('Switches per second of wall time.'),
    failedWakeups: count('Legacy mode: wake-ups that found the lock taken again.'),
    switchTimeouts: count('Forced-switch waits that timed out (should be 0).'),
    holdShare: share('Fraction of wall time × threads.'),
    waitShare: share(),
    ioShare: share(),
    nativeShare: Type.Optional(share('Released around native code. Absent in older results.')),
    acquireWaitP50: ms('Time to acquire when contended.'),
    acquireWaitP99: ms(),
    convoyP50: ms('Delay from an I/O completion to holding the lock again (the convoy effect).'),
    convoyP99: ms(),
    perThread: Type.Array(LockThreadSchema),
  },
  { description: 'What gil_load / gilknocker / py-spy --gil would report for real CPython, over the timed batches.' },
);

export const IoLatencySchema = Type.Object(
  {
    ops: count(),
    p50: ms(),
    p99: ms(),
    max: ms(),
    totalMs: Type.Optional(ms('All operations together, summed over the timed batches. Absent in older results.')),
  },
  {
    description:
      "Latency of the I/O operations of a cell's timed batches: from the start of the wait until the task ran again.",
  },
);

export const HostMetricsSchema = Type.Object(
  {
    loopLagP50: Type.Optional(
      ms(
        'How late a 1 ms heartbeat on the main event loop fired, pooled over batches. Only where the workload is about loop lag: the heartbeat would otherwise wake the main thread a thousand times a second beside the work.',
      ),
    ),
    loopLagP99: Type.Optional(ms()),
    loopLagMax: Type.Optional(ms()),
    loopUtilization: Type.Optional(
      share('Share of the batch the main event loop was busy (median over batches). Absent for Python cells.'),
    ),
    cpuMsPerBatch: ms('CPU time of the whole process per batch (median).'),
    cpuUtilization: share('cpuMsPerBatch ÷ (median batch time × logical cores).'),
    otherCores: Type.Optional(
      Type.Number({
        minimum: 0,
        description:
          "Cores other programs kept busy during the timed batches, on average: the OS's busy time less this process's. Absent for Python cells and older results.",
      }),
    ),
    gcMsPerBatch: Type.Optional(
      ms(
        "Garbage collection per batch (the mean: collections come every few batches, so a typical batch may have none), every thread: the main thread's and each pool thread's during its tasks, as V8 times each collection. Part of cpuMsPerBatch. Absent for Python cells and older results.",
      ),
    ),
  },
  { description: "The main thread and the process during a cell's timed batches." },
);

export const TaskMismatchSchema = Type.Object({
  task: count(),
  expected: Type.Number(),
  actual: orNull(Type.Number()),
});

export const RuntimeSchema = Type.Object(
  {
    name: Type.String({ description: 'The interpreter as it names itself: "CPython".' }),
    version: Type.String(),
    command: Type.Optional(
      Type.String({ description: 'The interpreter as it was given (--python): a name on PATH, or a path.' }),
    ),
    gil: Type.Unsafe<boolean | null>({
      type: ['boolean', 'null'],
      description:
        "The GIL's state as measured after the workload was imported (an extension can turn it back on): true, false, or null where the interpreter does not report it.",
    }),
    gilReadBy: Type.Optional(
      Type.String({
        description:
          'How the state was read: "sys._is_gil_enabled()" (CPython 3.13 and later), "sys.flags.nogil" (the nogil builds), or "not reported" (a build with the GIL and neither).',
      }),
    ),
    gilForcedBy: Type.Optional(
      Type.String({
        description: 'The environment variable that set the state, when one was set: "PYTHON_GIL=1", "PYTHONGIL=0".',
      }),
    ),
    strategy: Type.Optional(
      Type.String({
        description:
          'How this cell ran its tasks, in Python\'s words: "for loop", "threading", "asyncio", "process pool" or "to_thread".',
      }),
    ),
    runAsync: Type.Boolean({
      description: 'The workload defines run_async, which asyncio awaits; else asyncio calls run().',
    }),
    startMethod: Type.Optional(
      Type.String({ description: "The process pool's start method (fork, spawn, forkserver)." }),
    ),
    transferMs: Type.Optional(
      ms(
        "A batch's inputs sent to the process pool and back with no work (median over rounds): what moving the data costs.",
      ),
    ),
  },
  {
    description:
      "A Python workload's cell: run by this interpreter under CPython's own strategy (gil-threads: a threading pool; async: asyncio; workers: a process pool; async-offload: asyncio.to_thread). Its io figures are each task's time off the CPU; absent for Node cells.",
  },
);

export const CELL_STATES = ['completed', 'errored', 'mismatch'] as const;

export const CellResultSchema = Type.Object(
  {
    workload: Type.String({ minLength: 1 }),
    kind: oneOf(['cpu', 'io', 'mixed'] as const),
    focus: oneOf(['throughput', 'io-latency', 'loop-lag'] as const, 'The figure the workload is about.'),
    ioRatio: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'The share of each round spent waiting (ratio workload).' }),
    ),
    strategy: StrategyNameSchema,
    threads: Type.Integer({ minimum: 1 }),
    state: oneOf(
      CELL_STATES,
      "completed: measured and verified; errored: a task failed; mismatch: checksums differ from sequential's.",
    ),
    tasks: Type.Integer({ minimum: 1 }),
    samples: Type.Array(ms(), { description: 'Batch times, in the order they were measured.' }),
    rounds: Type.Optional(
      Type.Array(count(), {
        description:
          'The round each batch was measured in: batches of one round met the same machine and are paired by it. Absent in older results.',
      }),
    ),
    stats: Type.Optional(StatsSchema),
    speedup: Type.Optional(
      described(
        "Sequential's time ÷ this cell's, both by config.estimator (fastest or median batch), with a 95% interval from the rounds' paired ratios.",
        IntervalSchema,
      ),
    ),
    efficiency: Type.Optional(described('speedup ÷ threads.', Type.Number())),
    startupMs: ms("Cold start of the strategy's pool (threads started and ready); 0 for main-thread strategies."),
    error: Type.Optional(Type.String({ description: 'Why the cell errored: the first failing task.' })),
    mismatches: Type.Optional(Type.Array(TaskMismatchSchema)),
    lock: Type.Optional(LockMetricsSchema),
    io: Type.Optional(IoLatencySchema),
    transferMs: Type.Optional(
      ms(
        "workers in Node: a batch's inputs sent to the pool's threads and back with no work (median over the first three timed rounds): what handing the tasks over costs. A CPython process pool's is runtime.transferMs.",
      ),
    ),
    ioAlone: Type.Optional(
      described(
        "The same I/O operations with the workload's I/O tasks run alone under this strategy, between the timed batches: the baseline its latency is judged against.",
        IoLatencySchema,
      ),
    ),
    native: Type.Optional(
      Type.Object(
        { calls: count(), totalMs: ms() },
        { description: 'Native sections (ctx.native) over the timed batches: how many, and their total time.' },
      ),
    ),
    host: Type.Optional(HostMetricsSchema),
    runtime: Type.Optional(RuntimeSchema),
    variant: Type.Optional(
      Type.String({
        description:
          "Which of the run's variants measured this cell, where a run has several (an interpreter of --python LIST, as given): its own sequential cell is its reference. Absent otherwise.",
      }),
    ),
    gil: Type.Optional(
      oneOf(
        GIL_MODES,
        "The simulated lock mode of a simulated variant's cell (a --twin under --gil none beside --gil cpython), where it may differ from the run's. Absent otherwise: the run's config.gil.",
      ),
    ),
    verdict: Type.Optional(VerdictSchema),
    timeline: Type.Optional(TimelineSchema),
  },
  { description: 'One workload × strategy × thread count.' },
);

export const WARNING_KINDS = [
  'threads-exceed-cores',
  'tasks-below-threads',
  'high-rme',
  'few-samples',
  'unstable',
  'timer-resolution',
  'capacity',
  'shared-cores',
  'measurement-fault',
  'reference-failed',
  'still-warming',
  'quick',
  'no-checkpoint',
] as const;

export const WarningSchema = Type.Object({
  kind: oneOf(WARNING_KINDS),
  level: Type.Optional(
    oneOf(
      ['warning', 'note'] as const,
      'A note says what a choice made on purpose trades away (--quick); absent = a warning.',
    ),
  ),
  message: Type.String(),
  hint: Type.String({ description: 'What to do about it.' }),
  workload: Type.Optional(Type.String()),
  strategy: Type.Optional(StrategyNameSchema),
});

export const YardstickSchema = Type.Object(
  {
    workload: Type.String(),
    ioRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    kernel: Type.String({ description: 'The fixed reference kernel.' }),
    samples: Type.Array(ms()),
    rounds: Type.Array(count()),
  },
  {
    description:
      "A fixed reference kernel timed once in every round of a workload: a cell's time over the yardstick's of the same round is a time in units of the runner's speed, which the regression gate compares across runs.",
  },
);

export const SizingSchema = Type.Object(
  {
    workload: Type.String(),
    ioRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    taskMs: ms("One task's time at the run's size on the main thread, from a measured pass."),
    batchMs: ms('The sequential batch asked for (config.batchMs).'),
    tasks: count('The task count chosen: each of its cells runs this many per batch.'),
  },
  { description: "How a workload's task count was chosen when batches are sized by time (config.batchMs)." },
);

export const SuiteResultSchema = Type.Object(
  {
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    tool: Type.Object({ name: Type.Literal('gil-bench'), version: Type.String() }),
    suite: RunConfigSchema.properties.suite,
    label: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'What the run was called (--label), e.g. a CI job; names it in merge.',
      }),
    ),
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.String(),
    partial: Type.Boolean({
      description: 'True when the run was interrupted: only the cells measured so far are here.',
    }),
    config: RunConfigSchema,
    environment: EnvironmentSchema,
    cells: Type.Array(CellResultSchema),
    warnings: Type.Array(WarningSchema),
    calibration: Type.Optional(CalibrationSchema),
    yardsticks: Type.Optional(Type.Array(YardstickSchema)),
    sizing: Type.Optional(Type.Array(SizingSchema)),
    comparison: Type.Optional(ComparisonSchema),
    summary: Type.Optional(SummarySchema),
    sweeps: Type.Optional(Type.Array(SweepSchema, { description: 'One per swept workload (threads or I/O ratio).' })),
  },
  {
    $id: 'https://github.com/gil-bench/gil-bench/schema/suite-result.schema.json',
    title: 'gil-bench result',
    description:
      'One gil-bench run: what was measured (config), where (environment), and one cell per workload × strategy × thread count. Times are in milliseconds. Written by every run under bench-results/ and by --format json.',
  },
);

/** The JSON Schema document, as published in schema/suite-result.schema.json. */
export function resultJsonSchema(): object {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(SuiteResultSchema)) };
}
