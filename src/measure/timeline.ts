/**
 * Turns the events each thread recorded during a traced batch into a timeline: per thread, the
 * spans of each state (holding, waiting, …), its tasks, and its instants, in ms from the start of
 * the batch on the main thread's clock.
 */
import { MAIN_THREAD_SLOT } from '../strategies/gil/lock.js';
import { TRACE, type RecordedTrace } from '../strategies/gil/trace-recorder.js';
import type { LockMetrics, MarkKind, SpanState, ThreadTimeline, Timeline } from '../results/types.js';

/**
 * Between two lock operations (a release, then the I/O it was for, or the re-take at Python 2's
 * check) a thread holds nothing for a fraction of a microsecond. Such a gap joins the span before
 * it, so that a release and re-take with nothing between is one span, as the lock figures count it
 * (they read no clock there). Longer stretches are kept: a thread preempted between the two, or a
 * task under `--gil none`, which has no lock to hold.
 */
const MIN_RUNNING_MS = 0.005;

/** Where the batch started: the main thread's time origin and its `performance.now()` then. */
export interface BatchClock {
  origin: number;
  start: number;
}

const MARKS: Partial<Record<number, MarkKind>> = {
  [TRACE.DROP_REQUEST]: 'drop-request',
  [TRACE.DROP_HONOURED]: 'drop-honoured',
  [TRACE.VAIN_WAKEUP]: 'vain-wakeup',
};

/** The state a thread enters at each event that changes it; `null`: it leaves any task. */
const ENTERS: Partial<Record<number, SpanState | 'task' | null>> = {
  [TRACE.TASK_BEGIN]: 'task',
  [TRACE.CALLBACK_BEGIN]: 'task',
  [TRACE.TASK_END]: null,
  [TRACE.CALLBACK_END]: null,
  [TRACE.WAIT_BEGIN]: 'waiting',
  [TRACE.ACQUIRED]: 'holding',
  [TRACE.RELEASED]: 'running',
  [TRACE.RELEASED_WAKING]: 'waking',
  [TRACE.WAKE_END]: 'running',
  [TRACE.SWITCH_BEGIN]: 'switching',
  [TRACE.SWITCH_END]: 'running',
  [TRACE.IO_BEGIN]: 'io',
  [TRACE.IO_END]: 'running',
  [TRACE.NATIVE_BEGIN]: 'native',
  [TRACE.NATIVE_END]: 'running',
};

/**
 * A task of the event loop records the same events as a thread, with other meanings: between its
 * start (or the end of an await) and its next await it has its turn on the loop; in an await it waits.
 */
const TASK_STATES: Partial<Record<SpanState, SpanState>> = { running: 'turn', io: 'awaiting' };

/** One thread's events, in order, through a small state machine. */
function threadTimeline(
  thread: number,
  traces: readonly RecordedTrace[],
  clock: BatchClock,
  end: number,
): ThreadTimeline {
  const role = traces[0]?.lane ?? (thread === MAIN_THREAD_SLOT ? 'loop' : 'pool');
  const timeline: ThreadTimeline = { thread, role, tasks: [], spans: [], marks: [] };
  const marks = new Map<MarkKind, number[]>();
  let state: SpanState | undefined;
  let since = 0;
  let taskFrom: number | undefined;
  const enter = (entered: SpanState | undefined, at: number): void => {
    const next = role === 'task' && entered ? (TASK_STATES[entered] ?? entered) : entered;
    const previous = timeline.spans[timeline.spans.length - 1];
    const adjoining = previous !== undefined && previous.to === since;
    if (state && at > since) {
      if ((state === 'running' || state === 'turn') && at - since < MIN_RUNNING_MS) {
        if (adjoining) previous.to = at;
      } else if (adjoining && previous.state === state) previous.to = at;
      else timeline.spans.push({ state, from: since, to: at });
    }
    state = next;
    since = at;
  };
  for (const trace of traces) {
    // Each thread's times, moved onto the main thread's clock and measured from the batch's start.
    const shift = trace.origin - clock.origin - clock.start;
    const { events } = trace;
    for (let i = 0; i + 1 < events.length; i += 2) {
      const at = Math.min(end, Math.max(0, (events[i] as number) + shift));
      const event = events[i + 1] as number;
      const mark = MARKS[event];
      if (mark) {
        const list = marks.get(mark);
        if (list) list.push(at);
        else marks.set(mark, [at]);
        continue;
      }
      const next = ENTERS[event];
      if (next === 'task') {
        taskFrom = at;
        enter('running', at);
      } else if (next === null) {
        enter(undefined, at);
        if (taskFrom !== undefined) timeline.tasks.push({ from: taskFrom, to: at });
        taskFrom = undefined;
      } else if (next !== undefined) {
        enter(taskFrom === undefined && next === 'running' ? undefined : next, at);
      }
    }
  }
  // A task or callback still open when the batch ended (a heartbeat callback in flight) ends with it.
  enter(undefined, end);
  if (taskFrom !== undefined) timeline.tasks.push({ from: taskFrom, to: end });
  timeline.marks = [...marks].map(([kind, at]) => ({ kind, at }));
  return timeline;
}

/**
 * The timeline of a whole traced batch. `lock`, the batch's own lock metrics, gives each thread the
 * shares its tasks reported, for the spans to be checked against.
 */
export function buildTimeline(
  traces: readonly RecordedTrace[],
  clock: BatchClock,
  batchMs: number,
  lock?: LockMetrics,
): Timeline {
  // Task lanes and threads are numbered apart: a task's number is not a thread's slot.
  const byThread = new Map<string, RecordedTrace[]>();
  for (const trace of traces) {
    const key = `${trace.lane ?? 'thread'} ${trace.thread}`;
    byThread.set(key, [...(byThread.get(key) ?? []), trace]);
  }
  // A thread ran its tasks one after another: their traces, ordered by their first event, are its story.
  const first = (trace: RecordedTrace): number => trace.events[0] ?? 0;
  const threads = [...byThread.values()]
    .map((list) => ({ list, thread: list[0]?.thread ?? 0, task: list[0]?.lane === 'task' }))
    .sort((a, b) => Number(a.task) - Number(b.task) || a.thread - b.thread)
    .map(({ list, thread, task }) => {
      const timeline = threadTimeline(
        thread,
        [...list].sort((a, b) => first(a) + a.origin - (first(b) + b.origin)),
        clock,
        batchMs,
      );
      const row = task ? undefined : lock?.perThread.find((t) => t.thread === thread);
      if (row)
        timeline.reported = {
          holdShare: row.holdShare,
          waitShare: row.waitShare,
          ioShare: row.ioShare,
          nativeShare: row.nativeShare ?? 0,
        };
      return timeline;
    });
  return {
    batchMs,
    fromMs: 0,
    toMs: batchMs,
    resolutionMs: 0,
    dropped: traces.reduce((sum, trace) => sum + trace.dropped, 0),
    threads,
  };
}
