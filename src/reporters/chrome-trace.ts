/**
 * A timeline in the Chrome Trace Event Format (JSON), which ui.perfetto.dev and chrome://tracing
 * open: a process per cell, a track per thread (its tasks, and within them holding, waiting, I/O…),
 * instants for drop requests and vain wake-ups, and a counter of the threads waiting for the lock.
 */
import type { MarkKind, SpanState, ThreadTimeline, Timeline } from '../results/types.js';

/** One event of the format (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU). */
export interface TraceEvent {
  name: string;
  /** X: a slice with its duration; B/E: begin and end of a slice; i: an instant; C: a counter; M: metadata. */
  ph: 'X' | 'B' | 'E' | 'i' | 'C' | 'M';
  /** Microseconds, from the start of the cell's traced batch. */
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  cat?: string;
  /** Instants: scoped to their thread. */
  s?: 't';
  args?: Record<string, string | number>;
}

export const SPAN_NAMES: Record<SpanState, string> = {
  holding: 'holding the GIL',
  waiting: 'waiting for the GIL',
  waking: 'released, waking a waiter',
  switching: 'forced switch: released on request, waiting for another thread to take it',
  io: 'I/O (GIL released)',
  native: 'native code (GIL released)',
  running: 'no GIL held, not waiting',
  turn: "the task's turn on the event loop",
  awaiting: 'waiting at await',
};

export const MARK_NAMES: Record<MarkKind, string> = {
  'drop-request': 'drop request set',
  'drop-honoured': 'drop request honoured',
  'vain-wakeup': 'vain wake-up: the GIL was taken again',
};

const us = (ms: number): number => Math.round(ms * 1e6) / 1000;

/** The track of a thread: the event loop first, then the pool's threads (or the loop's tasks) in order. */
export const trackOf = (thread: ThreadTimeline): number => (thread.role === 'loop' ? 0 : thread.thread + 1);

export const threadName = (thread: ThreadTimeline): string =>
  thread.role === 'loop'
    ? 'event loop (main thread)'
    : thread.role === 'task'
      ? `task ${thread.thread} (event loop)`
      : `thread ${thread.thread}`;

/** Order of events at the same instant on one track: a task ends before the next begins, and a slice starts inside its task. */
const RANK: Partial<Record<TraceEvent['ph'], number>> = { E: 0, B: 1, X: 2, i: 3 };

function threadEvents(thread: ThreadTimeline, pid: number): TraceEvent[] {
  const tid = trackOf(thread);
  const task = thread.role === 'loop' ? 'loop callback' : 'task';
  const events: TraceEvent[] = [];
  for (const span of thread.tasks) {
    events.push({ name: task, cat: 'task', ph: 'B', ts: us(span.from), pid, tid });
    events.push({ name: task, cat: 'task', ph: 'E', ts: us(span.to), pid, tid });
  }
  for (const span of thread.spans) {
    const ts = us(span.from);
    events.push({
      name: SPAN_NAMES[span.state],
      cat: 'gil',
      ph: 'X',
      ts,
      dur: Math.max(0, us(span.to) - ts),
      pid,
      tid,
    });
  }
  for (const group of thread.marks) {
    for (const at of group.at)
      events.push({ name: MARK_NAMES[group.kind], cat: 'gil', ph: 'i', s: 't', ts: us(at), pid, tid });
  }
  return events.sort((a, b) => a.ts - b.ts || (RANK[a.ph] ?? 0) - (RANK[b.ph] ?? 0));
}

/** The number of threads waiting for the lock, at every change. */
function waitingCounter(timeline: Timeline, pid: number): TraceEvent[] {
  const changes: Array<[number, number]> = [];
  for (const thread of timeline.threads) {
    for (const span of thread.spans) {
      if (span.state !== 'waiting') continue;
      changes.push([us(span.from), 1], [us(span.to), -1]);
    }
  }
  // Ends first at the same instant: one thread handing over to another is not two waiting.
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const events: TraceEvent[] = [
    { name: 'waiting threads', ph: 'C', ts: us(timeline.fromMs), pid, tid: 0, args: { waiting: 0 } },
  ];
  let waiting = 0;
  for (const [ts, delta] of changes) {
    waiting += delta;
    const last = events[events.length - 1] as TraceEvent;
    if (last.ts === ts) last.args = { waiting };
    else events.push({ name: 'waiting threads', ph: 'C', ts, pid, tid: 0, args: { waiting } });
  }
  return events;
}

/** Every event of one cell's traced batch, as process `pid` named `label`; each track in time order. */
export function chromeTraceEvents(label: string, timeline: Timeline, pid: number): TraceEvent[] {
  const meta: TraceEvent[] = [
    { name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name: label } },
    { name: 'process_sort_index', ph: 'M', ts: 0, pid, tid: 0, args: { sort_index: pid } },
  ];
  for (const thread of timeline.threads) {
    const tid = trackOf(thread);
    meta.push(
      { name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name: threadName(thread) } },
      { name: 'thread_sort_index', ph: 'M', ts: 0, pid, tid, args: { sort_index: tid } },
    );
  }
  return [
    ...meta,
    ...timeline.threads.flatMap((thread) => threadEvents(thread, pid)),
    ...waitingCounter(timeline, pid),
  ];
}
