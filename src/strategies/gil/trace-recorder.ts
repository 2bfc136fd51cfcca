/**
 * What a thread records about itself while it runs a traced task: a fixed buffer of (time, event)
 * pairs, filled without allocating and handed back with the task's reply. Off (absent) unless a
 * batch is traced, so untraced batches pay one field test per lock operation.
 */

/** What happened, at one instant of one thread. Sections come in begin/end pairs. */
export const TRACE = {
  TASK_BEGIN: 1,
  TASK_END: 2,
  /** A slow acquire starts: the lock was held. */
  WAIT_BEGIN: 3,
  /** The lock is taken (after a wait, or at once). */
  ACQUIRED: 4,
  RELEASED: 5,
  /** Released, and waking a waiter: the lock is free, this thread is in the wake-up (or preempted by it). */
  RELEASED_WAKING: 17,
  WAKE_END: 18,
  /** A release with a drop request pending waits until another thread has taken the lock (FORCE_SWITCHING). */
  SWITCH_BEGIN: 6,
  SWITCH_END: 7,
  IO_BEGIN: 8,
  IO_END: 9,
  NATIVE_BEGIN: 10,
  NATIVE_END: 11,
  /** This thread waited a whole interval and asked the holder to drop the lock. */
  DROP_REQUEST: 12,
  /** This thread, holding the lock, saw a drop request at a checkpoint and is letting go. */
  DROP_HONOURED: 13,
  /** This thread was woken and found the lock taken again. */
  VAIN_WAKEUP: 14,
  /** A callback of the main event loop starts (it needs the lock to run, as asyncio's loop does). */
  CALLBACK_BEGIN: 15,
  CALLBACK_END: 16,
} as const;

export type TraceEvent = (typeof TRACE)[keyof typeof TRACE];

/** One thread's events of one task, as sent back: times are that thread's `performance.now()`. */
export interface RecordedTrace {
  /** Lock slot of the thread (a pool thread's id, or the main thread's slot); a task's number for a task lane. */
  thread: number;
  /** One task of the event loop rather than a thread: its turns on the loop and its awaits (async). */
  lane?: 'task';
  /** The thread's `performance.timeOrigin`: its times plus this are on the process's shared clock. */
  origin: number;
  /** Pairs: time (ms), event. */
  events: Float64Array;
  /** Events not recorded because the buffer was full. */
  dropped: number;
}

/**
 * Events one thread may record per task: 2^17 pairs, 2 MB. A CPU task under the legacy lock
 * releases and re-takes it at every checkpoint while another thread waits (about every 22 µs), two
 * events each: this holds over a second of that battle. The cpython lock's few hundred switches a
 * second fit many times over.
 */
export const TRACE_CAPACITY = 1 << 17;

export class TraceRecorder {
  private readonly buffer: Float64Array;
  private length = 0;
  private dropped = 0;

  constructor(
    private readonly thread: number,
    capacity = TRACE_CAPACITY,
  ) {
    this.buffer = new Float64Array(capacity * 2);
  }

  /** Records `event` at `time` (this thread's performance.now()). */
  at(time: number, event: TraceEvent): void {
    const i = this.length;
    if (i >= this.buffer.length) {
      this.dropped++;
      return;
    }
    this.buffer[i] = time;
    this.buffer[i + 1] = event;
    this.length = i + 2;
  }

  /** Records `event` now. */
  now(event: TraceEvent): void {
    this.at(performance.now(), event);
  }

  /** The events so far, copied out; the buffer starts again empty. */
  take(): RecordedTrace {
    const taken: RecordedTrace = {
      thread: this.thread,
      origin: performance.timeOrigin,
      events: this.buffer.slice(0, this.length),
      dropped: this.dropped,
    };
    this.length = 0;
    this.dropped = 0;
    return taken;
  }
}
