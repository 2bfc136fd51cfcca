/**
 * The shape of a conclusion, stored with each cell: what the analysis decided (src/analysis/) and
 * the measured facts it rests on, so tools read the same conclusions the table prints.
 */
import { Type } from '@sinclair/typebox';
import { oneOf } from '../config/schema.js';

/** What the speedup's 95% interval supports. */
export const DIRECTIONS = ['faster', 'same', 'slower', 'unknown', 'reference', 'failed', 'wrong'] as const;

/**
 * Mechanisms the measurements can show. Each has a premise on measured quantities; a verdict cites
 * only mechanisms whose premise holds.
 */
export const MECHANISMS = [
  /** Several threads computed at once: more than one core was busy. */
  'parallel-compute',
  /** Under a lock, native sections ran with it released, so threads overlapped there. */
  'native-unlocked',
  /** Python threads under CPython's real GIL kept more than one core busy: the work releases the GIL. */
  'gil-released',
  /** The lock was held almost all the time while the work was mostly interpreted CPU: threads took turns. */
  'lock-serialised',
  /** Legacy GIL: waiters woke often only to find the lock taken again. */
  'lock-battle',
  /** Waits were in flight at the same time. */
  'waits-overlapped',
  /** Waits were a real part of the work, yet they did not overlap. */
  'waits-serial',
  /** Each wait took clearly less time than the same wait alone. */
  'waits-shorter',
  /** Each wait took clearly longer than the same wait alone: what they waited on served them slower together. */
  'waits-longer',
  /** One event loop ran the CPU part of every task, one at a time. */
  'loop-runs-cpu',
  /** One thread: nothing can overlap. */
  'one-thread',
  /** Parallel threads on CPU work, yet not much more than one core was busy. */
  'cores-not-free',
  /** Threads with no lock between them kept the cores busy, yet gained nothing: they contended on shared objects, locks in the code or memory. */
  'contention',
  /** Slower with neither overlap nor parallelism measured: handing tasks over cost more than it gained. */
  'handoff-cost',
  /** Sending each task's input to a process and its result back (measured with no work) costs a real share of the work. */
  'transfer-cost',
  /** Garbage collection took a real share more than sequential's (each pool thread collects its own heap). */
  'gc-heavy',
  /** Each I/O operation waited for the lock the CPU task held after its wait ended. */
  'convoy',
  /** I/O operations took about as long as alone. */
  'no-convoy',
  /** A heartbeat on the main event loop fired late. */
  'loop-blocked',
  /** The heartbeat fired on time. */
  'loop-responsive',
  /** The event loop's own callbacks had to wait for the lock. */
  'loop-needs-lock',
] as const;

/** The behaviour a cell showed, named by the mechanism that explains its result. */
/**
 * Beside the mechanisms: too-noisy, an interval that holds both no change and a large one, so no
 * mechanism is asked for; measurement-fault, a speedup beyond what the cores and the work allow,
 * which a stray batch made and which is never shown as a gain; machine-busy, a figure no mechanism
 * explains in a run whose cores other programs held, so it may be theirs; still-warming, a figure
 * no mechanism explains beside batches that were still getting faster while timed.
 */
export const VERDICT_CLASSES = [
  ...MECHANISMS,
  'reference',
  'failed',
  'wrong-results',
  'unexplained',
  'too-noisy',
  'measurement-fault',
  'machine-busy',
  'still-warming',
] as const;

/** Measured quantities (and the run settings) a verdict rests on; absent where not measured. */
export const FactsSchema = Type.Object({
  concurrency: Type.Integer({ minimum: 1, description: 'Tasks that could run at once under this strategy.' }),
  busyCores: Type.Optional(Type.Number({ minimum: 0, description: 'Process CPU time ÷ wall time.' })),
  waitShare: Type.Optional(
    Type.Number({ minimum: 0, description: "Share of the workload's time spent waiting, from its sequential run." }),
  ),
  nativeShare: Type.Optional(
    Type.Number({ minimum: 0, description: "Share in native sections, from the workload's sequential run." }),
  ),
  concurrentWaits: Type.Optional(
    Type.Number({ minimum: 0, description: 'Waits in flight on average: all wait time ÷ wall time.' }),
  ),
  activeTasks: Type.Optional(
    Type.Number({
      minimum: 0,
      description:
        'Tasks computing or waiting at a time, on average: busyCores + concurrentWaits (1 for one after another).',
    }),
  ),
  lockBusy: Type.Optional(
    Type.Number({ minimum: 0, description: 'Lock held ÷ wall time, over all threads (1 = never free).' }),
  ),
  vainWakeupsPerSecond: Type.Optional(Type.Number({ minimum: 0 })),
  loopLagP99: Type.Optional(Type.Number({ minimum: 0 })),
  ioExtraMs: Type.Optional(Type.Number({ description: 'I/O op p50 beyond the same op alone (sequential).' })),
  waitRatio: Type.Optional(
    Type.Number({
      minimum: 0,
      description: "I/O op p50 (less any wait for the lock after it) ÷ the same op's p50 alone (sequential).",
    }),
  ),
  freeCores: Type.Number({ minimum: 0, description: 'Free cores measured at the start, else the cores available.' }),
  taskMs: Type.Optional(
    Type.Number({ minimum: 0, description: "Sequential's typical batch ÷ its tasks: the work of one task, ms." }),
  ),
  transferMs: Type.Optional(
    Type.Number({
      minimum: 0,
      description:
        "A CPython process pool's cost per task of sending its input and result with no work (the engine's transfer batch ÷ tasks), ms.",
    }),
  ),
  bound: Type.Optional(
    Type.Number({
      minimum: 0,
      description:
        'The most speedup the cores and the work allow: computing on the cores kept busy (one under a lock), waits overlapped up to the concurrency.',
    }),
  ),
});

export const VerdictSchema = Type.Object(
  {
    direction: oneOf(DIRECTIONS),
    class: oneOf(VERDICT_CLASSES),
    because: Type.Array(oneOf(MECHANISMS), { description: 'Every mechanism whose measured premise holds.' }),
    headline: Type.String({ description: 'What happened: "1.92× faster", "no measurable difference", …' }),
    reason: Type.String({ description: 'Why, in the words of the mechanisms cited.' }),
    analogue: Type.String({ description: 'What the strategy corresponds to in Python.' }),
    text: Type.String({ description: 'The line the reports print.' }),
    facts: FactsSchema,
  },
  { description: "The analysis's conclusion for a cell, derived from measured quantities only." },
);
