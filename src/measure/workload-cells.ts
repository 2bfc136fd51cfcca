/**
 * A workload made ready to measure: its module loaded, its inputs drawn from the seed, its setup
 * done (servers, temp folders), its strategies' pools started, and a cell per strategy and thread
 * count. Closing it undoes all of that.
 */
import { loadWorkload, type WorkloadRef } from '../../workloads/loader.js';
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import { cellId } from '../results/cell-id.js';
import { GilPools } from '../strategies/gil/pool-set.js';
import { HostProbe } from './host-probe.js';
import { planLanes, setupLane } from './lanes.js';
import type { Subject } from './live.js';

export interface OpenedWorkload {
  subject: Subject;
  close(): Promise<void>;
}

export async function openWorkload(
  config: RunConfig,
  spec: WorkloadSpec,
  signal?: AbortSignal,
): Promise<OpenedWorkload> {
  const ref: WorkloadRef = spec.file ? { name: spec.name, file: spec.file } : { name: spec.name };
  const workload = await loadWorkload(ref);
  // Inputs first: nothing is left to tear down if they fail.
  const inputs = workload.inputs({
    tasks: config.tasks,
    size: config.size,
    seed: config.seed,
    ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
  });
  // Fresh pools for every workload: a thread's heap, grown by one workload, is never given back
  // while it lives, and the next workload's figures should not inherit it either (shared pools
  // cost regex's workers speedup a tenth: 1.52x against 1.69x, medians of four runs each).
  const pools = new GilPools();
  const lanes = planLanes(config, pools);
  const stopPools = async (): Promise<void> => {
    await Promise.allSettled(lanes.map((lane) => lane.strategy.teardown()));
    await pools.destroy();
  };
  let setup: Awaited<ReturnType<NonNullable<typeof workload.setup>>> | undefined;
  try {
    for (const lane of lanes) if (!signal?.aborted) await setupLane(lane);
    setup = workload.setup ? await workload.setup() : undefined;
  } catch (error) {
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
      host: new HostProbe(),
      warmMs: 0,
      warmPasses: [],
    };
  });
  return {
    subject,
    close: async () => {
      try {
        await setup?.teardown();
      } finally {
        await stopPools();
      }
    },
  };
}
