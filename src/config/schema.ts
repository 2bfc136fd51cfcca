/**
 * The run configuration as a schema: one source for its TypeScript type and the JSON Schema a
 * saved result is validated against (the configuration is recorded with every result).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { SIZES } from '../../workloads/types.js';
import { GIL_MODES, STRATEGY_NAMES, WAKE_ORDERS } from '../strategies/names.js';

/** A string that is one of `values`, as a plain JSON Schema `enum`. */
export function oneOf<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/** A value or null (JSON has no NaN: a missing figure is written as null). */
export const orNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SUITE_NAMES = ['cpu', 'io', 'mixed', 'all', 'run', 'calibrate'] as const;
export { ESTIMATORS } from '../stats/estimate.js';
import { ESTIMATORS } from '../stats/estimate.js';

export const StrategyNameSchema = oneOf(STRATEGY_NAMES);

export const WorkloadSpecSchema = Type.Object(
  {
    name: Type.String(),
    file: Type.Optional(Type.String({ description: 'Absolute path of a user workload module.' })),
    ioRatio: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'For the ratio workload: the share of each round spent waiting.',
      }),
    ),
    twinOf: Type.Optional(
      Type.String({
        description:
          "The workload this one stands beside, by name: the simulation of a Python module (--twin) or CPython's side of a simulated one (calibrate). Both are measured as one unit, their rounds taking turns.",
      }),
    ),
    tasks: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'Tasks per batch fixed for this workload, not sized by time: the count the saved baseline ran (--baseline), so that a time compares the same work. Absent otherwise.',
      }),
    ),
  },
  { description: 'A workload to run: a built-in by name, or a user module file.' },
);

export const RunConfigSchema = Type.Object(
  {
    suite: oneOf(SUITE_NAMES),
    workloads: Type.Array(WorkloadSpecSchema, { minItems: 1 }),
    strategies: Type.Array(StrategyNameSchema, {
      minItems: 1,
      description: 'Always includes sequential, the reference.',
    }),
    threads: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      description: 'Thread counts; more than one makes a sweep.',
    }),
    tasks: Type.Integer({
      minimum: 1,
      description: 'Tasks per batch; with batchMs, the fewest a workload gets (each cell records its own).',
    }),
    batchMs: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description:
          "Tasks sized by time: each workload's task count is chosen from a measured pass so that a sequential batch takes about this long, ms. Absent with --tasks, and in older results.",
      }),
    ),
    size: oneOf(SIZES),
    iterations: Type.Integer({ minimum: 1, description: 'Timed batches per strategy at least (the planned rounds).' }),
    timeMs: Type.Integer({
      minimum: 0,
      description:
        'Timed time for the whole run, ms, shared equally by its workloads: each stops when every cell has settled or its share is spent; 0 = no budget (further rounds add at most a fifth). Older results: a budget per cell.',
    }),
    maxIterations: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Timed batches a noisy cell may reach through further rounds. Absent in older results.',
      }),
    ),
    warmup: Type.Integer({ minimum: 0, description: 'Untimed warm-up passes per strategy.' }),
    warmupMs: Type.Integer({
      minimum: 0,
      description: 'Warm-up passes continue until each strategy warmed this long.',
    }),
    seed: Type.Integer({ minimum: 0 }),
    gil: oneOf(GIL_MODES),
    switchIntervalMs: Type.Number({ exclusiveMinimum: 0 }),
    gilWake: Type.Optional(
      oneOf(WAKE_ORDERS, 'Which waiter a release of the lock wakes (--gil-wake). Absent: fifo, and in older results.'),
    ),
    taskTimeoutMs: Type.Integer({ minimum: 0, description: '0 = no limit.' }),
    asyncLimit: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'The most tasks async runs at once (--async-limit). Absent: every task of a batch at once, as asyncio.gather.',
      }),
    ),
    workerMemoryMb: Type.Integer({
      minimum: 0,
      description: "Heap limit of each worker thread, MB; 0 = V8's default.",
    }),
    order: oneOf(['interleaved', 'sequential'] as const),
    estimator: Type.Optional(
      oneOf(
        ESTIMATORS,
        "What speedups compare: each cell's fastest batch (min) or its median. Absent in older results, whose speedups are ratios of medians.",
      ),
    ),
    python: Type.Optional(
      Type.String({
        description:
          "The interpreter of the run's Python workload modules (--python; the first of several). Absent without one.",
      }),
    ),
    pythons: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 2,
        description:
          'Every interpreter of --python LIST, in order, when there are several: each Python workload is measured under each as a variant of the run, their rounds taking turns.',
      }),
    ),
    twinGils: Type.Optional(
      Type.Array(oneOf(GIL_MODES), {
        minItems: 2,
        description:
          "The simulated lock modes a --twin runs in, each a variant of its unit, when there are several: --gil none beside the run's mode where a listed interpreter is free-threaded. Absent otherwise.",
      }),
    ),
    probe: Type.Boolean({ description: 'Measure free cores before the run (the parallel-capacity probe).' }),
    quick: Type.Optional(
      Type.Boolean({ description: 'Run with --quick: small tasks and few batches, a first look. Absent otherwise.' }),
    ),
    isolate: Type.Optional(
      Type.Boolean({
        description:
          "Measured in a child process of its own (--isolate), speaking the engine protocol; absent: in the CLI's process.",
      }),
    ),
    trace: Type.Optional(
      Type.Boolean({
        description:
          "After its timed rounds, each lock-guarded cell (and async's) ran one more batch, untimed, recording every thread event, or each task's turns and awaits (cell.timeline). Absent when not traced.",
      }),
    ),
  },
  { description: 'Everything that decides what a run measures; recorded with its results.' },
);

export type RunConfigData = Static<typeof RunConfigSchema>;
