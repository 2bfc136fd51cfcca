import { availableParallelism } from 'node:os';
import { loadWorkload, type WorkloadRef } from '../../workloads/loader.js';
import type { Workload } from '../../workloads/types.js';
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import { SCHEMA_VERSION, type SuiteResult } from '../results/types.js';
import { VERSION } from '../version.js';
import { DEFAULTS } from '../config/defaults.js';
import { GilPools } from '../strategies/gil/pool-set.js';
import { probeCapacity } from './capacity.js';
import { collectEnvironment } from './environment.js';
import { HostProbe } from './host-probe.js';
import { planLanes, setupLane, type Lane } from './lanes.js';
import { finishCells } from './finish.js';
import { Rounds, type RunHooks, type Subject, type Tally } from './rounds.js';
import { YARDSTICK } from './yardstick.js';
import { roundTo } from '../support/round.js';

export type { ProgressEvent, RunHooks } from './rounds.js';

/**
 * Runs every workload under every strategy and returns the results as data. It never prints;
 * progress goes out as events. One tinybench sample is one whole batch.
 */
export async function runSuite(config: RunConfig, hooks: RunHooks = {}): Promise<SuiteResult> {
  // Resolved once and recorded: a result without an estimator reads as medians (older versions).
  const estimator = config.estimator ?? DEFAULTS.estimator;
  const workloads = await Promise.all(
    config.workloads.map(async (spec) => {
      const ref: WorkloadRef = spec.file ? { name: spec.name, file: spec.file } : { name: spec.name };
      return { ref, spec, workload: await loadWorkload(ref) };
    }),
  );
  const result: SuiteResult = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'gil-bench', version: VERSION },
    suite: config.suite,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    partial: false,
    config: { ...config, estimator },
    environment: collectEnvironment(config),
    cells: [],
    warnings: [],
  };
  const gilPools = new GilPools();
  const lanes = planLanes(config, gilPools);
  const tally: Tally = { done: 0, total: lanes.length * (config.warmup + config.iterations) * workloads.length };
  hooks.onProgress?.({ type: 'start', batches: tally.total });
  if (config.probe) result.environment.capacity = await probeCapacity();
  const stopPools = async (): Promise<void> => {
    await Promise.allSettled(lanes.map((lane) => lane.strategy.teardown()));
    await gilPools.destroy();
  };
  const rounds = new Rounds(config, hooks, tally);
  try {
    for (const [index, { ref, spec, workload }] of workloads.entries()) {
      if (hooks.signal?.aborted) break;
      // Fresh pools for every workload: a thread's heap, grown by one workload, is never given
      // back while it lives, and the next workload's figures should not inherit it either (shared
      // pools cost regex's workers speedup a tenth: 1.52x against 1.69x, medians of four runs each).
      if (index > 0) await stopPools();
      for (const lane of lanes) {
        if (hooks.signal?.aborted) break;
        delete lane.setupError;
        await setupLane(lane);
      }
      if (hooks.signal?.aborted) break;
      const { subject, teardown } = await prepare(ref, spec, workload, lanes, config);
      try {
        await rounds.measure(subject);
      } finally {
        await teardown();
      }
      // A stopped run keeps what it measured: cells it never reached are left out.
      const measured = hooks.signal?.aborted
        ? subject.cells.filter((cell) => cell.result.samples.length > 0 || cell.result.state !== 'completed')
        : subject.cells;
      result.cells.push(...finishCells(measured, estimator, config, availableParallelism()));
      if (subject.yardstick.samples.length > 0) {
        (result.yardsticks ??= []).push({
          workload: subject.name,
          ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
          kernel: YARDSTICK.name,
          samples: subject.yardstick.samples.map((s) => roundTo(s, 3)),
          rounds: subject.yardstick.rounds,
        });
      }
    }
  } finally {
    await stopPools();
  }
  result.partial = Boolean(hooks.signal?.aborted);
  result.finishedAt = new Date().toISOString();
  return result;
}

/** Sets a workload up (servers, temp folders) and gives it a cell per lane; `teardown` undoes the setup. */
async function prepare(
  ref: WorkloadRef,
  spec: WorkloadSpec,
  workload: Workload,
  lanes: Lane[],
  config: RunConfig,
): Promise<{ subject: Subject; teardown: () => Promise<void> }> {
  // Inputs first: nothing is left to tear down if they fail.
  const inputs = workload.inputs({
    tasks: config.tasks,
    size: config.size,
    seed: config.seed,
    ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
  });
  const setup = workload.setup ? await workload.setup() : undefined;
  const subject: Subject = {
    name: workload.name,
    batch: { ref, workload, inputs, env: setup?.env ?? {} },
    cells: [],
    yardstick: { samples: [], rounds: [] },
  };
  subject.cells = lanes.map((lane) => ({
    lane,
    subject,
    lock: [],
    ioLatencies: [],
    native: { calls: 0, ms: 0 },
    ioAlone: [],
    host: new HostProbe(),
    warmMs: 0,
    warmPasses: [],
    result: {
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
    },
  }));
  return { subject, teardown: async () => setup?.teardown() };
}
