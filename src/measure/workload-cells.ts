/**
 * A workload made ready to measure: its module loaded, its inputs drawn from the seed, its setup
 * done (servers, temp folders), its strategies' pools started, and a cell per strategy and thread
 * count. Closing it undoes all of that.
 */
import { loadWorkload, type WorkloadRef } from '../../workloads/loader.js';
import type { InputOptions } from '../../workloads/types.js';
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import { cellId } from '../results/cell-id.js';
import { GilPools } from '../strategies/gil/pool-set.js';
import { HostProbe } from './host-probe.js';
import { planLanes, setupLane, type Lane } from './lanes.js';
import type { Subject } from './live.js';

export interface OpenedWorkload {
  subject: Subject;
  /** What its inputs are drawn from, but the task count. */
  drawn: Omit<InputOptions, 'tasks'>;
  close(): Promise<void>;
}

/** Every lane of a run's configuration, with its pool started. */
export interface StartedLanes {
  lanes: Lane[];
  stop(): Promise<void>;
}

export async function startLanes(config: RunConfig, signal?: AbortSignal): Promise<StartedLanes> {
  const pools = new GilPools();
  const lanes = planLanes(config, pools);
  for (const lane of lanes) if (!signal?.aborted) await setupLane(lane);
  return {
    lanes,
    stop: async () => {
      await Promise.allSettled(lanes.map((lane) => lane.strategy.teardown()));
      await pools.destroy();
    },
  };
}

/**
 * Opens a workload on lanes of its own, started afresh: a thread's heap, grown by one workload, is
 * never given back while it lives, and the next workload's figures should not inherit it either
 * (shared pools cost regex's workers speedup a tenth: 1.52x against 1.69x, medians of four runs
 * each, at size m). `kept` lanes are shared instead (--quick, where starting pools would cost more
 * than the small tasks' timed batches, and the heaps stay small).
 */
export async function openWorkload(
  config: RunConfig,
  spec: WorkloadSpec,
  signal?: AbortSignal,
  kept?: StartedLanes,
): Promise<OpenedWorkload> {
  const ref: WorkloadRef = spec.file ? { name: spec.name, file: spec.file } : { name: spec.name };
  const workload = await loadWorkload(ref);
  const drawn = {
    size: config.size,
    seed: config.seed,
    ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
  };
  // Inputs first: nothing is left to tear down if they fail.
  const inputs = workload.inputs({ ...drawn, tasks: config.tasks });
  const using = kept ?? (await startLanes(config, signal));
  const { lanes } = using;
  const stopPools = async (): Promise<void> => (kept ? undefined : using.stop());
  let setup: Awaited<ReturnType<NonNullable<typeof workload.setup>>> | undefined;
  try {
    setup = workload.setup ? await workload.setup() : undefined;
  } catch (error) {
    await setup?.teardown().catch(() => undefined);
    await stopPools();
    throw error;
  }
  const subject: Subject = {
    name: workload.name,
    batch: { ref, workload, inputs, env: setup?.env ?? {} },
    cells: [],
    yardstick: { samples: [], rounds: [] },
  };
  subject.cells = lanes.map((lane) => {
    const result: Subject['cells'][number]['result'] = {
      workload: workload.name,
      kind: workload.kind,
      focus: workload.focus ?? 'throughput',
      ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
      strategy: lane.info.name,
      threads: lane.strategy.threads,
      state: lane.setupError ? 'errored' : 'completed',
      // Some workloads have a fixed shape (the convoy is always two tasks).
      tasks: inputs.length,
      samples: [],
      startupMs: Math.round(lane.strategy.startupMs * 100) / 100,
      ...(lane.setupError ? { error: lane.setupError } : {}),
    };
    return {
      id: cellId(result),
      lane,
      subject,
      result,
      lock: [],
      ioLatencies: [],
      native: { calls: 0, ms: 0 },
      ioAlone: [],
      transfers: [],
      host: new HostProbe(),
      warmMs: 0,
      warmPasses: [],
    };
  });
  return {
    subject,
    drawn,
    close: async () => {
      try {
        await setup?.teardown();
      } finally {
        await stopPools();
      }
    },
  };
}
