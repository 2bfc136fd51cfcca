/** `gil-bench calibrate`'s section of a result: the simulation beside real CPython. */
import { Type } from '@sinclair/typebox';
import { oneOf, orNull, StrategyNameSchema } from '../config/schema.js';
import { described, IntervalSchema, ms } from './schema-parts.js';

export const PYTHON_STRATEGIES = ['threads', 'asyncio', 'processes', 'to_thread'] as const;
const PythonStrategySchema = oneOf(PYTHON_STRATEGIES);
// Speedups and fidelities are NaN where a side did not complete, which JSON writes as null.
const figure = Type.Unsafe<number>({ type: ['number', 'null'] });

export const FidelityRowSchema = Type.Object(
  {
    workload: Type.String(),
    kind: oneOf(['cpu', 'io'] as const),
    simulated: StrategyNameSchema,
    real: PythonStrategySchema,
    simulatedSpeedup: figure,
    realSpeedup: figure,
    fidelity: described('simulated ÷ real: 1 is a perfect model.', figure),
    simulatedInterval: Type.Optional(
      described("The simulated speedup's 95% interval, from its rounds.", Type.Tuple([figure, figure])),
    ),
    realInterval: Type.Optional(
      described(
        "CPython's speedup's 95% interval, from its rounds. Absent in older results.",
        Type.Tuple([figure, figure]),
      ),
    ),
    agreement: Type.Optional(
      oneOf(
        ['consistent', 'apart', 'too-noisy', 'unmeasured'] as const,
        'consistent: the two 95% intervals overlap and each is narrow enough to tell a 15% difference (high ÷ low ≤ 1.15); too-noisy: they overlap, but one is wider; apart: they do not overlap; unmeasured: a side has no interval. Absent in older results.',
      ),
    ),
    checked: Type.Boolean({ description: 'Part of the set the simulation is expected to match within ±15%.' }),
  },
  { description: 'One simulated strategy against its CPython twin on one workload.' },
);

export const CalibrationSchema = Type.Object(
  {
    python: Type.Object({
      command: Type.String(),
      version: Type.String(),
      implementation: Type.String(),
      gil: Type.Boolean(),
    }),
    threads: Type.Integer({ minimum: 1 }),
    rows: Type.Array(FidelityRowSchema),
    convoy: Type.Object(
      { simulatedExtraMs: figure, realExtraMs: figure, fidelity: figure },
      { description: 'Extra ms per I/O operation beside a CPU-bound thread, vs the I/O alone.' },
    ),
    loopLag: Type.Object(
      {
        simulatedDirectP99: figure,
        realDirectP99: figure,
        simulatedOffloadP50: figure,
        realOffloadP50: figure,
        simulatedOffloadP99: figure,
        realOffloadP99: figure,
        offloadFidelityP50: figure,
        offloadFidelity: figure,
      },
      { description: 'Heartbeat lag on the event loop, CPU work on the loop vs offloaded to threads, ms.' },
    ),
    processStartupMs: ms("CPython's process pool start-up, reported apart from the batches."),
    legacy: Type.Optional(
      Type.Object(
        {
          python: Type.String({ description: 'The old CPython measured, e.g. 2.7.18.' }),
          simulated: IntervalSchema,
          real: IntervalSchema,
          agreement: oneOf(['consistent', 'apart', 'too-noisy', 'unmeasured'] as const),
        },
        {
          description:
            "Two threads against one after another on a pure-Python countdown: --gil legacy's gil-threads beside a real CPython 2.7 (the old GIL). Absent where no 2.7 is installed.",
        },
      ),
    ),
    worst: orNull(
      Type.Object(
        {
          workload: Type.String(),
          simulated: StrategyNameSchema,
          real: PythonStrategySchema,
          fidelity: figure,
        },
        { description: 'The expected pair whose fidelity is farthest from 1.' },
      ),
    ),
  },
  { description: 'gil-bench calibrate: the simulation beside real CPython, same workloads, same machine, same run.' },
);
