/**
 * The shape of a timeline: what every thread of a lock-guarded cell (or every task of async's event
 * loop) did during one traced batch, state by state. A result keeps a short window of it per cell (the HTML lanes, the terminal
 * strips); `--trace FILE` writes the whole batch in the Chrome Trace Event Format.
 */
import { Type } from '@sinclair/typebox';
import { oneOf } from '../config/schema.js';

/**
 * What a thread is doing: holding the lock; waiting for it; having released it, waking a waiter
 * (the system call, and any time the woken thread kept this one off its core); waiting after a
 * release on request until another thread has taken it (the forced switch); in I/O or native code
 * with it released; or in a task holding nothing and waiting for nothing ("running": a task under
 * `--gil none`, or a thread preempted between a release and its next take). A task of the event
 * loop (async) takes its turn on the loop ("turn") or waits at an `await` ("awaiting").
 */
export const SPAN_STATES = [
  'holding',
  'waiting',
  'waking',
  'switching',
  'io',
  'native',
  'running',
  'turn',
  'awaiting',
] as const;

/**
 * Instants: a drop request set by a waiter, a drop request honoured by the holder at a checkpoint,
 * a wake-up that found the lock taken again.
 */
export const MARK_KINDS = ['drop-request', 'drop-honoured', 'vain-wakeup'] as const;

/**
 * Which lane: a thread of the pool, the main thread running its event loop's callbacks, or one
 * task of the event loop (async's tasks all share the main thread, a lane each).
 */
export const THREAD_ROLES = ['pool', 'loop', 'task'] as const;

const ms = (description?: string) => Type.Number({ minimum: 0, ...(description ? { description } : {}) });
const share = () => Type.Number({ minimum: 0 });

export const TimeSpanSchema = Type.Object({ from: ms(), to: ms() });

export const StateSpanSchema = Type.Object({ state: oneOf(SPAN_STATES), from: ms(), to: ms() });

export const MarksSchema = Type.Object({
  kind: oneOf(MARK_KINDS),
  at: Type.Array(ms(), { description: 'Every instant of this kind, in order.' }),
});

export const ThreadTimelineSchema = Type.Object(
  {
    thread: Type.Integer({
      minimum: 0,
      description: "The lock's slot: a pool thread's id, or the main thread's; for a task lane, the task's number.",
    }),
    role: oneOf(THREAD_ROLES),
    tasks: Type.Array(TimeSpanSchema, {
      description: 'Tasks run by a pool thread; callbacks of the event loop run by the main thread.',
    }),
    spans: Type.Array(StateSpanSchema, {
      description: 'In order and never overlapping; outside them the thread holds nothing and waits for nothing.',
    }),
    marks: Type.Array(MarksSchema),
    reported: Type.Optional(
      Type.Object(
        { holdShare: share(), waitShare: share(), ioShare: share(), nativeShare: share() },
        {
          description:
            "The thread's shares of the traced batch's wall time as the lock metrics compute them from its tasks' own figures: the spans of the whole trace reconcile with these.",
        },
      ),
    ),
  },
  { description: 'One thread of a traced batch.' },
);

export const TimelineSchema = Type.Object(
  {
    batchMs: ms('Wall time of the traced batch. Every time here is in ms from its start.'),
    fromMs: ms('Start of the part of the batch shown: a window of it in a saved result.'),
    toMs: ms(),
    resolutionMs: ms(
      'Spans of one state less than this apart were joined into one, to keep a saved result small; the --trace file keeps every event.',
    ),
    dropped: Type.Integer({
      minimum: 0,
      description: "Events lost because a thread's trace buffer was full (0 unless a task made over 130,000).",
    }),
    threads: Type.Array(ThreadTimelineSchema),
  },
  {
    description:
      'What every thread did during one extra, untimed batch of the cell, recorded event by event (--trace, --lanes); kept out of the timed statistics.',
  },
);
