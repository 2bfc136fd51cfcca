/**
 * The engine as the scheduler sees it: one interface whatever runs the batches (the Node engine
 * in this process or in a child, a fake in tests). Built on a channel that carries the protocol's
 * requests, so every engine speaks the same messages.
 */
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import type { CapacityProbe, CellResult } from '../results/types.js';
import type {
  EngineEvent,
  EngineReplies,
  EngineRequest,
  FinishReport,
  OpenOptions,
  RoundReport,
  RoundRequest,
  SizeReport,
  SizeRequest,
  WarmUpReport,
} from './protocol.js';

/** Carries requests to an engine and its replies back; events arrive through the listener it was made with. */
export interface Channel {
  request(request: EngineRequest): Promise<unknown>;
  /** Asks the engine to stop after the batch in flight. */
  abort(): void;
  /** Ends the engine: its threads, and its process for a child. Safe to call twice. */
  close(): Promise<void>;
}

/** A workload opened on an engine: its rounds, its traced batch, its figures, and closing it. */
export interface WorkloadHandle {
  /** Its cells before any batch, in the engine's order (sequential first). */
  readonly cells: readonly CellResult[];
  size(request: SizeRequest): Promise<SizeReport>;
  /** One warm-up pass of these cells; with none, only how warm every cell is. */
  warmUp(cells: string[]): Promise<WarmUpReport>;
  round(request: RoundRequest): Promise<RoundReport>;
  trace(): Promise<void>;
  finish(): Promise<FinishReport>;
  close(): Promise<void>;
}

export interface Engine {
  probe(): Promise<CapacityProbe>;
  open(config: RunConfig, workload: WorkloadSpec, options?: OpenOptions): Promise<WorkloadHandle>;
  abort(): void;
  close(): Promise<void>;
}

/** Starts an engine; `onEvent` hears its batches, traces and escaped errors. */
export type EngineFactory = (onEvent: (event: EngineEvent) => void) => Promise<Engine>;

/** An engine over a channel. */
export function engineOver(channel: Channel): Engine {
  const ask = <R extends EngineRequest>(request: R): Promise<EngineReplies[R['op']]> =>
    channel.request(request) as Promise<EngineReplies[R['op']]>;
  return {
    probe: () => ask({ op: 'probe' }),
    async open(config, workload, options) {
      const { cells } = await ask({ op: 'open', config, workload, ...(options ? { options } : {}) });
      return {
        cells,
        size: (request) => ask({ op: 'size', ...request }),
        warmUp: (cells) => ask({ op: 'warm-up', cells }),
        round: (request) => ask({ op: 'round', ...request }),
        trace: async () => void (await ask({ op: 'trace' })),
        finish: () => ask({ op: 'finish' }),
        close: async () => void (await ask({ op: 'close' })),
      };
    },
    abort: () => channel.abort(),
    close: () => channel.close(),
  };
}
