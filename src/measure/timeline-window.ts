/**
 * The part of a traced batch a saved result keeps: a short window where every pool thread is busy,
 * with spans of one state that are only microseconds apart joined, so that Python 2's battle (a
 * release and re-take every checkpoint) costs a few spans, not thousands.
 */
import type { StateSpan, ThreadTimeline, Timeline } from '../results/types.js';

/** Long enough for ten switches at the default 5 ms interval, short enough to see each one. */
export const WINDOW_MS = 50;
/** Spans of one state closer than this are joined: far below what a chart or a strip can show. */
export const RESOLUTION_MS = 0.01;
/** Candidate windows start this far apart. */
const STEP_MS = 0.5;

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Time spent inside tasks between `from` and `to`, summed over the pool's threads. */
function busy(threads: readonly ThreadTimeline[], from: number, to: number): number {
  let sum = 0;
  for (const thread of threads) {
    if (thread.role !== 'pool') continue;
    for (const task of thread.tasks) sum += Math.max(0, Math.min(to, task.to) - Math.max(from, task.from));
  }
  return sum;
}

/**
 * The earliest window of `length` ms in which the pool's threads are busiest: the threads'
 * steady state, where the lock is contended, rather than the start or the tail of the batch.
 */
export function representativeWindow(timeline: Timeline, length = WINDOW_MS): { from: number; to: number } {
  const last = timeline.batchMs - length;
  if (last <= 0) return { from: 0, to: timeline.batchMs };
  let best = 0;
  let bestBusy = -1;
  for (let from = 0; from <= last + 1e-9; from += STEP_MS) {
    // Tenths of a ms: gaps between tasks smaller than that do not move the window.
    const score = Math.round(busy(timeline.threads, from, from + length) * 10);
    if (score > bestBusy) {
      bestBusy = score;
      best = from;
    }
  }
  return { from: round(best), to: round(best + length) };
}

function clip<T extends { from: number; to: number }>(spans: readonly T[], from: number, to: number): T[] {
  return spans
    .filter((span) => span.to > from && span.from < to)
    .map((span) => ({ ...span, from: round(Math.max(from, span.from)), to: round(Math.min(to, span.to)) }));
}

function joined(spans: readonly StateSpan[], resolution: number): StateSpan[] {
  const out: StateSpan[] = [];
  for (const span of spans) {
    const previous = out[out.length - 1];
    if (previous && previous.state === span.state && span.from - previous.to < resolution) previous.to = span.to;
    else out.push({ ...span });
  }
  return out;
}

/** The timeline between `from` and `to` (ms from the batch's start), rounded to the microsecond. */
export function cutWindow(
  timeline: Timeline,
  window: { from: number; to: number },
  resolution = RESOLUTION_MS,
): Timeline {
  const { from, to } = window;
  return {
    ...timeline,
    batchMs: round(timeline.batchMs),
    fromMs: round(from),
    toMs: round(to),
    resolutionMs: resolution,
    threads: timeline.threads.map((thread) => ({
      ...thread,
      tasks: clip(thread.tasks, from, to),
      spans: joined(clip(thread.spans, from, to), resolution),
      marks: thread.marks
        .map((group) => ({ kind: group.kind, at: group.at.filter((at) => at >= from && at <= to).map(round) }))
        .filter((group) => group.at.length > 0),
    })),
  };
}
