import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../src/measure/timeline.js';
import { cutWindow, representativeWindow } from '../src/measure/timeline-window.js';
import { MAIN_THREAD_SLOT } from '../src/strategies/gil/lock.js';
import { TRACE, TraceRecorder, type RecordedTrace } from '../src/strategies/gil/trace-recorder.js';
import type { Timeline } from '../src/results/types.js';

const T = TRACE;

/** A thread's events as it would send them: times on its own clock, which starts `origin` ms after the main thread's. */
function recorded(thread: number, pairs: Array<[number, number]>, origin = 1000): RecordedTrace {
  return { thread, origin, events: Float64Array.from(pairs.flat()), dropped: 0 };
}

/** The main thread's clock: its origin is 1000, the batch started at its performance.now() = 50. */
const clock = { origin: 1000, start: 50 };

describe('TraceRecorder', () => {
  it('keeps at most its capacity, counts what it could not keep, and starts again empty once taken', () => {
    const recorder = new TraceRecorder(3, 2);
    recorder.at(1, T.TASK_BEGIN);
    recorder.at(2, T.ACQUIRED);
    recorder.at(3, T.RELEASED);
    recorder.at(4, T.TASK_END);
    const taken = recorder.take();
    expect([...taken.events]).toEqual([1, T.TASK_BEGIN, 2, T.ACQUIRED]);
    expect(taken).toMatchObject({ thread: 3, dropped: 2, origin: performance.timeOrigin });
    recorder.at(5, T.TASK_BEGIN);
    expect(recorder.take()).toMatchObject({ events: Float64Array.from([5, T.TASK_BEGIN]), dropped: 0 });
  });
});

describe('buildTimeline', () => {
  it("follows each thread's events into spans of one state, its tasks and its instants, on the batch's clock", () => {
    const timeline = buildTimeline(
      [
        recorded(0, [
          [50, T.TASK_BEGIN],
          [50, T.ACQUIRED],
          [55, T.DROP_HONOURED],
          [55, T.RELEASED],
          [55, T.SWITCH_BEGIN],
          [56, T.SWITCH_END],
          [56, T.WAIT_BEGIN],
          [60, T.ACQUIRED],
          [61, T.RELEASED_WAKING],
          [62, T.WAKE_END],
          [62, T.IO_BEGIN],
          [70, T.IO_END],
          [70, T.ACQUIRED],
          [71, T.RELEASED],
          [71, T.TASK_END],
        ]),
        // Thread 1's clock starts 2 ms later than the main thread's.
        recorded(
          1,
          [
            [48, T.TASK_BEGIN],
            [48, T.WAIT_BEGIN],
            [52, T.VAIN_WAKEUP],
            [53, T.DROP_REQUEST],
            [53, T.ACQUIRED],
            [58, T.NATIVE_BEGIN],
          ],
          1002,
        ),
      ],
      clock,
      30,
    );
    expect(timeline).toMatchObject({ batchMs: 30, fromMs: 0, toMs: 30, dropped: 0 });
    const [zero, one] = timeline.threads;
    expect(zero).toEqual({
      thread: 0,
      role: 'pool',
      tasks: [{ from: 0, to: 21 }],
      spans: [
        { state: 'holding', from: 0, to: 5 },
        { state: 'switching', from: 5, to: 6 },
        { state: 'waiting', from: 6, to: 10 },
        { state: 'holding', from: 10, to: 11 },
        { state: 'waking', from: 11, to: 12 },
        { state: 'io', from: 12, to: 20 },
        { state: 'holding', from: 20, to: 21 },
      ],
      marks: [{ kind: 'drop-honoured', at: [5] }],
    });
    // A task still open when the batch ended ends with it.
    expect(one).toEqual({
      thread: 1,
      role: 'pool',
      tasks: [{ from: 0, to: 30 }],
      spans: [
        { state: 'waiting', from: 0, to: 5 },
        { state: 'holding', from: 5, to: 10 },
        { state: 'native', from: 10, to: 30 },
      ],
      marks: [
        { kind: 'vain-wakeup', at: [4] },
        { kind: 'drop-request', at: [5] },
      ],
    });
  });

  it("orders a thread's tasks by time, names the main thread's lane, and keeps running without a lock (--gil none)", () => {
    const timeline = buildTimeline(
      [
        recorded(0, [
          [60, T.TASK_BEGIN],
          [62, T.IO_BEGIN],
          [64, T.IO_END],
          [66, T.TASK_END],
        ]),
        recorded(0, [
          [50, T.TASK_BEGIN],
          [58, T.TASK_END],
        ]),
        recorded(MAIN_THREAD_SLOT, [
          [51, T.CALLBACK_BEGIN],
          [51, T.WAIT_BEGIN],
          [52, T.ACQUIRED],
          [52.5, T.RELEASED],
          [52.5, T.CALLBACK_END],
        ]),
      ],
      clock,
      20,
    );
    expect(timeline.threads.map((t) => [t.thread, t.role])).toEqual([
      [0, 'pool'],
      [MAIN_THREAD_SLOT, 'loop'],
    ]);
    expect(timeline.threads[0]?.tasks).toEqual([
      { from: 0, to: 8 },
      { from: 10, to: 16 },
    ]);
    expect(timeline.threads[0]?.spans).toEqual([
      { state: 'running', from: 0, to: 8 },
      { state: 'running', from: 10, to: 12 },
      { state: 'io', from: 12, to: 14 },
      { state: 'running', from: 14, to: 16 },
    ]);
    expect(timeline.threads[1]?.spans).toEqual([
      { state: 'waiting', from: 1, to: 2 },
      { state: 'holding', from: 2, to: 2.5 },
    ]);
  });

  it('joins a release and re-take microseconds apart into one span, and keeps a longer stretch between them', () => {
    const timeline = buildTimeline(
      [
        recorded(0, [
          [50, T.TASK_BEGIN],
          [50, T.ACQUIRED],
          [52, T.RELEASED],
          [52.001, T.ACQUIRED],
          [54, T.RELEASED],
          [55, T.ACQUIRED],
          [56, T.RELEASED],
          [56, T.TASK_END],
        ]),
      ],
      clock,
      10,
    );
    expect(timeline.threads[0]?.spans).toEqual([
      { state: 'holding', from: 0, to: 4 },
      { state: 'running', from: 4, to: 5 },
      { state: 'holding', from: 5, to: 6 },
    ]);
  });

  it('gives each thread the shares its tasks reported, to be reconciled with its spans', () => {
    const lock = {
      perThread: [{ thread: 0, holdShare: 0.5, waitShare: 0.25, ioShare: 0, nativeShare: 0.1 }],
    } as unknown as Parameters<typeof buildTimeline>[3];
    const timeline = buildTimeline([recorded(0, [[50, T.TASK_BEGIN]])], clock, 10, lock);
    expect(timeline.threads[0]?.reported).toEqual({ holdShare: 0.5, waitShare: 0.25, ioShare: 0, nativeShare: 0.1 });
  });
});

/** Two pool threads; thread 1 is idle until 40 ms, then both are busy to the end. */
function twoThreads(): Timeline {
  return {
    batchMs: 200,
    fromMs: 0,
    toMs: 200,
    resolutionMs: 0,
    dropped: 0,
    threads: [
      {
        thread: 0,
        role: 'pool',
        tasks: [{ from: 0, to: 200 }],
        spans: [
          { state: 'holding', from: 0, to: 60 },
          { state: 'holding', from: 60.004, to: 70 },
          { state: 'waiting', from: 70, to: 80 },
          { state: 'holding', from: 80, to: 200 },
        ],
        marks: [{ kind: 'drop-honoured', at: [69.9999] }],
      },
      {
        thread: 1,
        role: 'pool',
        tasks: [{ from: 40, to: 200 }],
        spans: [
          { state: 'waiting', from: 40, to: 70 },
          { state: 'holding', from: 70, to: 80 },
          { state: 'waiting', from: 80, to: 200 },
        ],
        marks: [{ kind: 'drop-request', at: [45, 70, 150] }],
      },
    ],
  };
}

describe('the window a result keeps', () => {
  it('is the earliest stretch where the pool is busiest', () => {
    expect(representativeWindow(twoThreads(), 50)).toEqual({ from: 40, to: 90 });
    expect(representativeWindow({ ...twoThreads(), batchMs: 30 }, 50)).toEqual({ from: 0, to: 30 });
  });

  it('clips to the window, joins spans of one state closer than the resolution, and rounds to the microsecond', () => {
    const window = cutWindow(twoThreads(), { from: 40, to: 90 }, 0.01);
    expect(window).toMatchObject({ fromMs: 40, toMs: 90, batchMs: 200, resolutionMs: 0.01 });
    expect(window.threads[0]?.spans).toEqual([
      { state: 'holding', from: 40, to: 70 },
      { state: 'waiting', from: 70, to: 80 },
      { state: 'holding', from: 80, to: 90 },
    ]);
    expect(window.threads[0]?.marks).toEqual([{ kind: 'drop-honoured', at: [70] }]);
    expect(window.threads[1]?.tasks).toEqual([{ from: 40, to: 90 }]);
    expect(window.threads[1]?.marks).toEqual([{ kind: 'drop-request', at: [45, 70] }]);
  });
});
