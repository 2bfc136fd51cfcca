/**
 * The Node engine: gil-bench's strategies on this runtime. It serves the engine protocol's
 * requests one at a time, in whichever process it lives (engine/inline.ts, engine/child-main.ts):
 * a workload is opened, warmed up, run in the rounds the scheduler asks for, traced, finished and
 * closed.
 */
import { availableParallelism } from 'node:os';
import { DEFAULTS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import { probeCapacity } from '../measure/capacity.js';
import { finishCells } from '../measure/finish.js';
import type { LiveCell } from '../measure/live.js';
import { Rounds } from '../measure/rounds.js';
import { sizeWorkload } from '../measure/sizing.js';
import { traceBatches } from '../measure/traced-batch.js';
import { warmerOf, warmPass } from '../measure/warm-up.js';
import { YARDSTICK } from '../measure/yardstick.js';
import { openWorkload, startLanes, type OpenedWorkload, type StartedLanes } from '../measure/workload-cells.js';
import { roundTo } from '../support/round.js';
import type { CellRound, EngineEvent, EngineReplies, EngineRequest, OpenOptions, RoundRequest } from './protocol.js';

interface Current {
  config: RunConfig;
  opened: OpenedWorkload;
  rounds: Rounds;
}

/** How this engine measures beyond what a run's configuration says. */
export interface NodeEngineOptions {
  /**
   * Runs the main loop's heartbeat in every timed batch, not only where loop lag is the figure:
   * for the self-benchmark, which measures what the heartbeat costs the other cells.
   */
  heartbeatEverywhere?: boolean;
}

export class NodeEngine {
  private readonly stop = new AbortController();
  private current: Current | undefined;
  /** Lanes kept from one workload to the next (--quick); stopped when the engine closes. */
  private kept: Promise<StartedLanes> | undefined;

  constructor(
    private readonly emit: (event: EngineEvent) => void,
    private readonly options: NodeEngineOptions = {},
  ) {}

  /** Stops after the batch in flight; every later batch is skipped. */
  abort(): void {
    this.stop.abort();
  }

  async handle<R extends EngineRequest>(request: R): Promise<EngineReplies[R['op']]> {
    return (await this.serve(request)) as EngineReplies[R['op']];
  }

  private async serve(request: EngineRequest): Promise<EngineReplies[EngineRequest['op']]> {
    switch (request.op) {
      case 'probe':
        return probeCapacity();
      case 'open':
        return this.open(request.config, request.workload, request.options ?? {});
      case 'size': {
        const { opened } = this.workload();
        const { op: _size, ...wanted } = request;
        const sizing = this.stop.signal.aborted ? undefined : await sizeWorkload(wanted, opened.subject, opened.drawn);
        return sizing ? { sizing } : {};
      }
      case 'warm-up': {
        const { rounds, opened } = this.workload();
        const { cells } = opened.subject;
        if (request.cells.length > 0 && !this.stop.signal.aborted)
          await warmPass(rounds, opened.subject, this.cellsOf(request.cells));
        return {
          cells: cells.map((cell) => {
            const warmer = warmerOf(cells, cell);
            return { id: cell.id, warmMs: warmer.warmMs, passes: [...warmer.warmPasses] };
          }),
        };
      }
      case 'round':
        return this.round(request);
      case 'trace': {
        const { config, opened } = this.workload();
        await traceBatches(opened.subject.cells, config, {
          signal: this.stop.signal,
          onTrace: (trace) => this.emit({ type: 'trace', trace }),
        });
        return {};
      }
      case 'finish': {
        const { config, opened } = this.workload();
        const estimator = config.estimator ?? DEFAULTS.estimator;
        const { yardstick } = opened.subject;
        return {
          cells: finishCells(opened.subject.cells, estimator, config, availableParallelism()),
          checksums: (opened.subject.reference ?? []).map((sum) => sum ?? null),
          yardstick: {
            kernel: YARDSTICK.name,
            samples: yardstick.samples.map((s) => roundTo(s, 3)),
            rounds: [...yardstick.rounds],
          },
        };
      }
      case 'close':
      case 'end': {
        const current = this.current;
        this.current = undefined;
        try {
          await current?.opened.close();
        } finally {
          if (request.op === 'end') await this.releaseKept();
        }
        return {};
      }
    }
  }

  private async open(config: RunConfig, spec: RunConfig['workloads'][number], options: OpenOptions) {
    if (this.current) throw new Error('a workload is already open: close it first');
    if (config.quick && !this.kept) this.kept = startLanes(config, this.stop.signal);
    const opened = await openWorkload(config, spec, this.stop.signal, await this.kept);
    const rounds = new Rounds(config, {
      signal: this.stop.signal,
      onBatch: (batch) => this.emit({ type: 'batch', ...batch }),
      ...(this.options.heartbeatEverywhere ? { heartbeatEverywhere: true } : {}),
      ...(options.yardstick === false ? { yardstick: false } : {}),
    });
    this.current = { config, opened, rounds };
    return { cells: opened.subject.cells.map((cell) => structuredClone(cell.result)) };
  }

  private async round(request: RoundRequest): Promise<EngineReplies['round']> {
    const { rounds, opened } = this.workload();
    const cells = this.cellsOf(request.cells);
    const counts = new Map(cells.map((cell) => [cell, cell.result.samples.length]));
    const yardstickBefore = opened.subject.yardstick.samples.length;
    await rounds.run(cells, {
      iterations: request.iterations,
      timed: true,
      extra: request.extra,
    });
    const { yardstick } = opened.subject;
    return {
      cells: cells.map((cell) => cellRound(cell, counts.get(cell) ?? 0)),
      yardstick: {
        samples: yardstick.samples.slice(yardstickBefore),
        rounds: yardstick.rounds.slice(yardstickBefore),
      },
    };
  }

  /** The open workload's cells, by id. */
  private cellsOf(ids: readonly string[]): LiveCell[] {
    const { opened } = this.workload();
    return ids.map((id) => {
      const cell = opened.subject.cells.find((c) => c.id === id);
      if (!cell) throw new Error(`no cell "${id}" in ${opened.subject.name}`);
      return cell;
    });
  }

  private async releaseKept(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    await (await kept)?.stop();
  }

  private workload(): Current {
    if (!this.current) throw new Error('no workload is open');
    return this.current;
  }
}

/** What a cell measured since it had `before` batches. */
function cellRound(cell: LiveCell, before: number): CellRound {
  const { result } = cell;
  return {
    id: cell.id,
    samples: result.samples.slice(before),
    rounds: (result.rounds ?? []).slice(before),
    state: result.state,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.mismatches ? { mismatches: result.mismatches } : {}),
  };
}
