import { setMaxListeners } from 'node:events';
import { Bench } from 'tinybench';
import { seededRandom } from '../support/random.js';
import { warmthPerThread } from './warm-up.js';
import { YARDSTICK } from './yardstick.js';
import type { RunConfig } from '../config/types.js';
import { describeError } from '../errors.js';
import type { Batch, BatchOutcome } from '../strategies/types.js';
import type { LiveCell, MeasureHooks } from './live.js';
import { findMismatches } from './verify.js';

export type { LiveCell, MeasureHooks, Subject } from './live.js';

/** Echoes of a batch's inputs through a pool that measure its transfer cost: their median is kept. */
const TRANSFER_ECHOES = 3;
/** Raised inside a timed batch to make tinybench mark the task errored. */
class CellFailed extends Error {}

/** How a group of cells runs: how many batches each, timed or not, within the planned rounds or beyond. */
export interface RunSettings {
  iterations: number;
  timed: boolean;
  /** Beyond the planned rounds: progress reports the batches as extra. */
  extra?: boolean;
  /** The batch each cell runs (warm-up passes run a smaller one). */
  batchFor?: (cell: LiveCell) => Batch;
}

/**
 * Runs the batches of one workload's cells, as one tinybench `Bench` with a task per cell, in the
 * order it is given. Which cells run and how often is the scheduler's choice, not this class's.
 */
export class Rounds {
  private readonly random: () => number;

  constructor(
    readonly config: RunConfig,
    readonly hooks: MeasureHooks,
  ) {
    // Where the yardstick falls in each round: drawn from the seed, as the order of the cells is.
    this.random = seededRandom(config.seed ^ 0x5eed);
  }

  /** Rounds so far in this workload: a batch's round pairs it with the other strategies' batches of that round. */
  round = 0;

  /** One untimed pass of these cells, each with its own (smaller) batch: warm-up. */
  async warmPass(cells: readonly LiveCell[], batchFor: (cell: LiveCell) => Batch): Promise<void> {
    await this.run(cells, { iterations: 1, timed: false, batchFor });
  }

  /** One tinybench run over the live cells: `iterations` batches each, in the given order. */
  async run(cells: readonly LiveCell[], settings: RunSettings): Promise<void> {
    const { iterations, timed, extra = false } = settings;
    const batchFor = settings.batchFor ?? ((cell: LiveCell): Batch => cell.subject.batch);
    const live = cells.filter((cell) => cell.result.state === 'completed');
    if (live.length === 0) return;
    // The signal stops the run after the batch in flight, not after the whole group. Each Bench
    // gets a signal of its own: tinybench adds a listener per task and never removes them.
    const { signal } = this.hooks;
    const stop = signal ? new AbortController() : undefined;
    const forward = (): void => stop?.abort();
    if (stop && signal) {
      setMaxListeners(live.length + 2, stop.signal); // a listener per task, the yardstick too
      if (signal.aborted) stop.abort();
      signal.addEventListener('abort', forward, { once: true });
    }
    const bench = new Bench({
      iterations,
      // A fixed count of batches: tinybench's time budget would add batches the scheduler did not ask for.
      time: 0,
      warmup: false,
      retainSamples: true,
      throws: false,
      ...(stop ? { signal: stop.signal } : {}),
    });
    // Every timed round also times the yardstick, at a place in the round drawn from the seed; not
    // in --quick's first look, whose rounds are shorter than the yardstick's share would be worth.
    const subject = live[0]?.subject;
    const yardstickAt =
      timed && subject && !this.config.quick && this.hooks.yardstick !== false
        ? Math.floor(this.random() * (live.length + 1))
        : -1;
    let sink = 0;
    const addYardstick = (): void => {
      bench.add('yardstick', () => {
        sink += YARDSTICK.run();
      });
    };
    live.forEach((cell, i) => {
      if (i === yardstickAt) addYardstick();
      bench.add(
        String(i),
        async () => {
          // The heartbeat runs only where responsiveness is the point (it wakes the main thread a
          // thousand times a second); there, main-loop callbacks run as the strategy's twin runs them.
          const lagged = cell.result.focus === 'loop-lag';
          if (timed)
            cell.host.begin(
              lagged || this.hooks.heartbeatEverywhere === true,
              lagged ? cell.lane.strategy.onMainLoop?.bind(cell.lane.strategy) : undefined,
            );
          const start = performance.now();
          const cpu = timed ? undefined : process.cpuUsage();
          const outcome = await cell.lane.strategy.run(batchFor(cell));
          if (timed) cell.host.end();
          else {
            const wall = performance.now() - start;
            const used = process.cpuUsage(cpu);
            cell.warmMs += warmthPerThread(wall, (used.user + used.system) / 1000, cell.result.threads);
            cell.warmPasses.push(wall);
          }
          this.record(cell, outcome, timed, extra);
        },
        {
          // The other programs' share of the cores, sampled outside the batch's timing.
          beforeEach: () => {
            if (timed) cell.host.beginMachine();
          },
          afterEach: async () => {
            if (timed) cell.host.endMachine();
            await turnOfTheLoop();
            if (timed) await this.measureAlone(cell);
            if (timed) await this.measureTransfer(cell);
          },
        },
      );
    });
    if (yardstickAt === live.length) addYardstick();
    try {
      await bench.run();
    } finally {
      signal?.removeEventListener('abort', forward);
    }
    let measured = 0;
    const yardstick = bench.getTask('yardstick')?.result;
    if (
      subject &&
      sink >= 0 &&
      yardstick &&
      (yardstick.state === 'completed' || yardstick.state === 'aborted-with-statistics')
    ) {
      const samples = yardstick.latency.samples ?? [];
      subject.yardstick.samples.push(...samples);
      subject.yardstick.rounds.push(...samples.map((_, k) => this.round + k));
    }
    live.forEach((cell, i) => {
      const taskResult = bench.getTask(String(i))?.result;
      if (!taskResult) return;
      if (taskResult.state === 'errored') {
        if (cell.result.state === 'completed') {
          cell.result.state = 'errored';
          cell.result.error = describeError(taskResult.error);
        }
        return;
      }
      // A cell stopped part-way keeps the batches it finished.
      if (timed && (taskResult.state === 'completed' || taskResult.state === 'aborted-with-statistics')) {
        const samples = taskResult.latency.samples ?? [];
        cell.result.samples.push(...samples);
        (cell.result.rounds ??= []).push(...samples.map((_, k) => this.round + k));
        measured = Math.max(measured, samples.length);
      }
    });
    if (timed) this.round += measured;
  }

  /** Reports a batch done and checks its outcome; a failed or mismatching batch ends its cell. */
  private record(cell: LiveCell, outcome: BatchOutcome, timed: boolean, extra: boolean): void {
    this.hooks.onBatch?.({
      workload: cell.subject.name,
      strategy: cell.result.strategy,
      threads: cell.result.threads,
      warm: !timed,
      extra,
    });
    const failure = outcome.failures[0];
    if (failure) {
      cell.result.state = 'errored';
      cell.result.error = `task ${failure.task}: ${failure.error}`;
      throw new CellFailed(cell.result.error);
    }
    // Warm-up passes run a few tasks only; every timed batch is checked in full.
    if (!timed) return;
    const subject = cell.subject;
    subject.reference ??= outcome.checksums;
    const mismatches = findMismatches(subject.reference, outcome.checksums);
    if (mismatches.length > 0) {
      cell.result.state = 'mismatch';
      cell.result.mismatches = mismatches;
      throw new CellFailed('checksums differ from sequential');
    }
    if (outcome.lock) cell.lock.push(...outcome.lock);
    cell.ioLatencies.push(...outcome.ioLatencies);
    cell.native.calls += outcome.native.calls;
    cell.native.ms += outcome.native.ms;
    cell.host.addPoolGc(outcome.gcMs);
  }

  /**
   * Runs the workload's I/O tasks alone under the cell's strategy, after a timed batch and outside
   * its timing: the baseline each I/O operation is judged against, under the same threads and loop.
   */
  private async measureAlone(cell: LiveCell): Promise<void> {
    const { batch } = cell.subject;
    if (cell.result.focus !== 'io-latency' || cell.result.state !== 'completed' || !batch.workload.alone) return;
    const outcome = await cell.lane.strategy.run({ ...batch, inputs: batch.workload.alone(batch.inputs) });
    if (outcome.failures.length === 0) cell.ioAlone.push(...outcome.ioLatencies);
  }

  /**
   * Sends the batch's inputs to the cell's pool and back with no work, after a timed batch and
   * outside its timing: what handing the tasks over costs, beside what the work costs. The first
   * few timed batches only: the cost of copying the same inputs moves little, and a run of many
   * short batches would pay it after each.
   */
  private async measureTransfer(cell: LiveCell): Promise<void> {
    const { strategy } = cell.lane;
    if (!strategy.transfer || cell.result.state !== 'completed' || cell.transfers.length >= TRANSFER_ECHOES) return;
    cell.transfers.push(await strategy.transfer(cell.subject.batch.inputs));
  }

  stopped(): boolean {
    return Boolean(this.hooks.signal?.aborted);
  }
}

/**
 * One turn of the event loop, between batches and outside their timing. Batches of main-thread
 * strategies resolve through microtasks only, so without it a run of them would starve the loop:
 * no Ctrl-C, no timer would be seen until the run ended.
 */
const turnOfTheLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
