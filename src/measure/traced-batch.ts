/**
 * The traced batch (`--trace`, `--lanes`): after a workload's timed rounds, each lock-guarded cell
 * runs one more batch with every thread recording its events, and async's cell one in which each
 * task records its turns on the loop and its awaits. It is never timed, so the timed
 * statistics are those of untraced batches alone; what it costs is measured by `npm run bench:self`.
 */
import type { RunConfig } from '../config/types.js';
import type { CellResult, Timeline } from '../results/types.js';
import { HostProbe } from './host-probe.js';
import { summarizeLock } from './lock-metrics.js';
import type { Batch, Strategy } from '../strategies/types.js';
import { buildTimeline } from './timeline.js';
import { cutWindow, representativeWindow } from './timeline-window.js';

/** A cell's whole traced batch, for a trace file: the result keeps only a window of it. */
export interface CellTrace {
  cell: Pick<CellResult, 'workload' | 'ioRatio' | 'strategy' | 'threads'>;
  timeline: Timeline;
}

/** What tracing needs of a cell being measured (rounds.ts's LiveCell). */
export interface TracedCell {
  lane: { strategy: Strategy };
  subject: { batch: Batch };
  result: CellResult;
}

export interface TraceHooks {
  /** Receives each cell's whole traced batch as soon as it is done (`--trace FILE` writes it). */
  onTrace?(trace: CellTrace): void | Promise<void>;
  signal?: AbortSignal;
}

/** Runs one traced batch per traced cell that completed, and keeps a window of it in the cell's result. */
export async function traceBatches(cells: readonly TracedCell[], config: RunConfig, hooks: TraceHooks): Promise<void> {
  for (const cell of cells) {
    if (hooks.signal?.aborted) return;
    const { strategy } = cell.lane;
    if (!strategy.traces || cell.result.state !== 'completed') continue;
    // As in its timed batches: where the loop's lag is the figure, its heartbeat runs (and, under
    // async-offload, takes the lock). A probe of its own keeps the timed batches' figures theirs.
    const lagged = cell.result.focus === 'loop-lag';
    const host = new HostProbe();
    await new Promise((resolve) => setImmediate(resolve));
    host.begin(lagged, lagged ? strategy.onMainLoop?.bind(strategy) : undefined);
    const start = performance.now();
    let outcome;
    let wall = 0;
    try {
      outcome = await strategy.run({ ...cell.subject.batch, trace: true });
      wall = performance.now() - start;
    } catch {
      // A pool that broke after the timed rounds: the cell keeps its figures, without a timeline.
      continue;
    } finally {
      host.end();
    }
    if (outcome.failures.length > 0 || !outcome.trace) continue;
    const lock =
      outcome.lock && config.gil !== 'none' ? summarizeLock(outcome.lock, wall, cell.result.threads) : undefined;
    const timeline = buildTimeline(outcome.trace, { origin: performance.timeOrigin, start }, wall, lock);
    const { workload, ioRatio, strategy: name, threads } = cell.result;
    await hooks.onTrace?.({
      cell: { workload, strategy: name, threads, ...(ioRatio !== undefined ? { ioRatio } : {}) },
      timeline,
    });
    cell.result.timeline = cutWindow(timeline, representativeWindow(timeline));
  }
}
