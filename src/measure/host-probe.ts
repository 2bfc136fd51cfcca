import { coreTimes } from './core-times.js';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { HostMetrics } from '../results/types.js';
import { median, quantileSorted } from '../stats/summary.js';
import { gcTimer, type GcTimer } from '../support/gc-time.js';
import { roundTo } from '../support/round.js';

/** The heartbeat's period: how often the main thread's event loop is asked to run a callback. */
const PERIOD_MS = 1;

/**
 * What a batch costs the main thread and the process, measured around each timed batch:
 * - a heartbeat, a 1 ms timer on the main event loop, records how late each tick fires (the lag a
 *   user's timers and sockets would see; the mechanism of `monitorEventLoopDelay`, but keeping
 *   every sample so batches can be pooled, and counting a tick still overdue when the batch ends);
 * - event-loop utilisation, the share of the batch the loop was busy;
 * - CPU time of the whole process (every thread), to tell computing from waiting;
 * - the cores' busy time as the OS counts it, less this process's: what other programs took
 *   from the batches (the start-up probe sees only its own few hundred ms);
 * - garbage collection: the main thread's, read around the batch outside its timing, and the
 *   pool threads', which each task reports.
 */
/** Every core's busy time so far, as the OS counts it, ms. */
const machineBusyMs = (): number => coreTimes().busy;

export class HostProbe {
  private readonly lags: number[] = [];
  private readonly cpuMs: number[] = [];
  private readonly utilisation: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private elu: EventLoopUtilization | undefined;
  private cpu: NodeJS.CpuUsage | undefined;
  private running = false;
  /** Whether any batch ran the heartbeat: only then are there lags to report. */
  private beating = false;
  /** The OS's busy time of every core, this process's CPU time and the time, at the batch's start. */
  private machine: { busy: number; own: NodeJS.CpuUsage; at: number } | undefined;
  /** Over all batches: busy time of other programs, and the wall time, ms. */
  private othersMs = 0;
  private wallMs = 0;
  /** Garbage collection per timed batch, every thread, ms; and the main thread's timer for the batch running. */
  private readonly gcMs: number[] = [];
  private mainGc: GcTimer | undefined;
  private poolGcMs = 0;

  /**
   * Starts the heartbeat. `runCallback`, when given, is how the strategy runs a main-loop
   * callback (async-offload first takes the simulated GIL, as asyncio's loop thread must): the
   * tick counts as run when the callback runs.
   */
  begin(heartbeat: boolean, runCallback?: (callback: () => void) => Promise<void>): void {
    this.elu = performance.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.running = true;
    this.beating ||= heartbeat;
    if (!heartbeat) return;
    const beat = (): void => {
      const now = performance.now();
      this.lags.push(Math.max(0, now - this.due));
      this.due = now + PERIOD_MS;
      if (this.running) this.timer = setTimeout(tick, PERIOD_MS);
    };
    const tick = (): void => {
      if (runCallback) void runCallback(beat);
      else beat();
    };
    this.due = performance.now() + PERIOD_MS;
    this.timer = setTimeout(tick, PERIOD_MS);
  }

  end(): void {
    this.running = false;
    clearTimeout(this.timer);
    // A loop blocked until now has a tick overdue: that wait is the lag that matters most.
    const overdue = performance.now() - this.due;
    if (this.timer && overdue > 0) this.lags.push(overdue);
    this.timer = undefined;
    const cpu = process.cpuUsage(this.cpu);
    this.cpuMs.push((cpu.user + cpu.system) / 1000);

    this.utilisation.push(performance.eventLoopUtilization(this.elu).utilization);
  }

  /**
   * Around a timed batch, outside its timing (reading the OS's counters costs about 50 µs, which
   * would lengthen every batch): what the cores did beyond this process meanwhile.
   */
  beginMachine(): void {
    this.machine = { busy: machineBusyMs(), own: process.cpuUsage(), at: performance.now() };
    this.mainGc = gcTimer();
    this.poolGcMs = 0;
  }

  /** The pool threads' garbage collection during the batch, as their tasks reported it. */
  addPoolGc(ms: number): void {
    this.poolGcMs += ms;
  }

  endMachine(): void {
    if (this.mainGc) this.gcMs.push(this.mainGc.stop() + this.poolGcMs);
    this.mainGc = undefined;
    if (!this.machine) return;
    const own = process.cpuUsage(this.machine.own);
    this.othersMs += Math.max(0, machineBusyMs() - this.machine.busy - (own.user + own.system) / 1000);
    this.wallMs += performance.now() - this.machine.at;
    this.machine = undefined;
  }

  /** Pooled over the cell's timed batches. `wallMs` are the batch times, in the same order. */
  summary(wallMs: readonly number[], cores: number): HostMetrics {
    const lags = [...this.lags].sort((a, b) => a - b);
    const round = roundTo;
    const cpuPerBatch = median(this.cpuMs);
    return {
      ...(this.beating
        ? {
            loopLagP50: round(quantileSorted(lags, 0.5) || 0),
            loopLagP99: round(quantileSorted(lags, 0.99) || 0),
            loopLagMax: round(lags[lags.length - 1] ?? 0),
          }
        : {}),
      loopUtilization: round(median(this.utilisation), 4),
      cpuMsPerBatch: round(cpuPerBatch, 2),
      // CPU time over the wall time the cores could have given: spinning shows high, waiting low.
      cpuUtilization: round(cpuPerBatch / (median(wallMs) * cores), 4),
      ...(this.wallMs > 0 ? { otherCores: round(this.othersMs / this.wallMs, 2) } : {}),
      // The mean, not the median: collections come every few batches, so a typical batch may have none.
      ...(this.gcMs.length > 0
        ? { gcMsPerBatch: round(this.gcMs.reduce((sum, ms) => sum + ms, 0) / this.gcMs.length, 2) }
        : {}),
    };
  }
}
