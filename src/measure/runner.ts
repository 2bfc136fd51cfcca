import { availableParallelism } from 'node:os';
import { Bench } from 'tinybench';
import { loadWorkload, type WorkloadRef } from '../../workloads/loader.js';
import { seededRandom } from '../../workloads/random.js';
import type { Workload } from '../../workloads/types.js';
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import { describeError } from '../errors.js';
import { LIMITS } from '../config/defaults.js';
import type { TaskLockStats } from '../strategies/gil/protocol.js';
import type { Batch, BatchOutcome, StrategyName } from '../strategies/types.js';
import { SCHEMA_VERSION, type CellResult, type IoLatency, type SuiteResult } from '../results/types.js';
import { VERSION } from '../version.js';
import { GilPools } from '../strategies/gil/pool-set.js';
import { probeCapacity } from './capacity.js';
import { collectEnvironment } from './environment.js';
import { HostProbe } from './host-probe.js';
import { planLanes, setupLane, type Lane } from './lanes.js';
import { summarizeLock } from './lock-metrics.js';
import { quantileSorted, ratioOfMedians, summarize } from './stats.js';
import { findMismatches } from './verify.js';
import { collectWarnings, MAX_RME } from './warnings.js';

/** Further rounds for unsettled cells may add at most this share of the planned timed time. */
const EXTRA_TIME_SHARE = 0.2;

export type ProgressEvent =
  | { type: 'start'; batches: number }
  | { type: 'batch'; workload: string; strategy: StrategyName; threads: number; done: number; total: number; extra?: boolean }
  | { type: 'workload-done'; workload: string; snapshot: SuiteResult };

export interface RunHooks {
  onProgress?(event: ProgressEvent): void;
  /** Aborting stops after the batch in flight; the result is then marked partial. */
  signal?: AbortSignal;
}

/** A cell being measured: its lane, its result so far, and its timed lock figures. */
interface LiveCell {
  lane: Lane;
  result: CellResult;
  lock: TaskLockStats[];
  ioLatencies: number[];
  host: HostProbe;
  /** Time spent in warm-up passes, ms. */
  warmMs: number;
}

/** Raised inside a timed batch to make tinybench mark the task errored. */
class CellFailed extends Error {}

/**
 * Runs every workload under every strategy and returns the results as data. It never prints;
 * progress goes out as events. One tinybench sample is one whole batch.
 */
export async function runSuite(config: RunConfig, hooks: RunHooks = {}): Promise<SuiteResult> {
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
    config,
    environment: collectEnvironment(config),
    cells: [],
    warnings: [],
  };
  const gilPools = new GilPools();
  const lanes = planLanes(config, gilPools);
  const perWorkload = lanes.length * (config.warmup + config.iterations);
  const progress = { done: 0, total: perWorkload * workloads.length };
  hooks.onProgress?.({ type: 'start', batches: progress.total });
  if (config.probe) result.environment.capacity = await probeCapacity();
  const stopPools = async (): Promise<void> => {
    await Promise.allSettled(lanes.map((lane) => lane.strategy.teardown()));
    await gilPools.destroy();
  };
  try {
    for (const [index, { ref, spec, workload }] of workloads.entries()) {
      if (hooks.signal?.aborted) break;
      // Fresh pools for every workload: a thread's heap, grown by one workload, is never given
      // back while it lives, and the next workload's figures should not inherit it either.
      if (index > 0) await stopPools();
      for (const lane of lanes) {
        if (hooks.signal?.aborted) break;
        delete lane.setupError;
        await setupLane(lane);
      }
      const cells = await measureWorkload(ref, spec, workload, lanes, config, hooks, progress);
      result.cells.push(...cells);
      hooks.onProgress?.({ type: 'workload-done', workload: workload.name, snapshot: { ...result, partial: true } });
    }
  } finally {
    await stopPools();
  }
  result.partial = Boolean(hooks.signal?.aborted);
  result.finishedAt = new Date().toISOString();
  result.warnings = collectWarnings(result);
  return result;
}

async function measureWorkload(
  ref: WorkloadRef,
  spec: WorkloadSpec,
  workload: Workload,
  lanes: Lane[],
  config: RunConfig,
  hooks: RunHooks,
  progress: { done: number; total: number },
): Promise<CellResult[]> {
  const cells: LiveCell[] = lanes.map((lane) => ({
    lane,
    lock: [],
    ioLatencies: [],
    host: new HostProbe(),
    warmMs: 0,
    result: {
      workload: workload.name,
      kind: workload.kind,
      focus: workload.focus ?? 'throughput',
      ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
      strategy: lane.info.name,
      threads: lane.strategy.threads,
      state: lane.setupError ? 'errored' : 'completed',
      tasks: config.tasks,
      samples: [],
      startupMs: Math.round(lane.strategy.startupMs * 100) / 100,
      ...(lane.setupError ? { error: lane.setupError } : {}),
    },
  }));
  const setup = workload.setup ? await workload.setup() : undefined;
  try {
    const batch: Batch = {
      ref,
      workload,
      inputs: workload.inputs({ tasks: config.tasks, size: config.size, seed: config.seed, ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}) }),
      env: setup?.env ?? {},
    };
    // Some workloads have a fixed shape (the convoy is always two tasks).
    for (const cell of cells) cell.result.tasks = batch.inputs.length;
    let reference: (number | undefined)[] | undefined;
    // Batches of further rounds are not in the planned total; they are reported as extra.
    let extra = false;
    const record = (cell: LiveCell, outcome: BatchOutcome, timed: boolean): void => {
      if (!extra) progress.done = Math.min(progress.done + 1, progress.total);
      hooks.onProgress?.({ type: 'batch', workload: workload.name, strategy: cell.result.strategy, threads: cell.result.threads, ...progress, ...(extra ? { extra } : {}) });
      const failure = outcome.failures[0];
      if (failure) {
        cell.result.state = 'errored';
        cell.result.error = `task ${failure.task}: ${failure.error}`;
        throw new CellFailed(cell.result.error);
      }
      // Warm-up passes run a few tasks only; every timed batch is checked in full.
      if (!timed) return;
      if (!reference) reference = outcome.checksums;
      const mismatches = findMismatches(reference, outcome.checksums);
      if (mismatches.length > 0) {
        cell.result.state = 'mismatch';
        cell.result.mismatches = mismatches;
        throw new CellFailed('checksums differ from sequential');
      }
      if (outcome.lock) cell.lock.push(...outcome.lock);
      cell.ioLatencies.push(...outcome.ioLatencies);
    };

    const random = seededRandom(config.seed);
    const interleaved = config.order === 'interleaved';
    const rounds = interleaved ? config.iterations : 1;
    const perRound = interleaved ? 1 : config.iterations;
    // With a time budget, rounds go on until every live cell has spent it (capped, so it ends).
    const spent = (cell: LiveCell): number => cell.result.samples.reduce((sum, s) => sum + s, 0);
    const budgetLeft = (): boolean =>
      interleaved && config.timeMs > 0 && cells.some((cell) => cell.result.state === 'completed' && spent(cell) < config.timeMs);
    // Warm-up: one task per thread, enough to load the workload and compile its code in every
    // thread, without the cost of whole batches.
    // Passes repeat until each strategy has also spent the warm-up time: a fresh thread's heap and
    // compiled code take a while to settle on allocation-heavy work.
    const warmBatch = (cell: LiveCell): Batch => ({ ...batch, inputs: batch.inputs.slice(0, Math.max(1, cell.result.threads)) });
    // Strategies on the same threads (sequential and async; gil-threads and async-offload) warm up once.
    const warmers = cells.filter((cell, i) => cells.findIndex((other) => other.lane.strategy.runsOn === cell.lane.strategy.runsOn) === i);
    for (let pass = 0; pass < LIMITS.maxWarmup && !hooks.signal?.aborted; pass++) {
      const cold = warmers.filter((cell) => pass < config.warmup || cell.warmMs < config.warmupMs);
      if (cold.length === 0) break;
      await runRound(cold, warmBatch, 1, false, record);
    }
    for (let round = 0; (round < rounds || budgetLeft()) && round < LIMITS.maxIterations && !hooks.signal?.aborted; round++) {
      // Later rounds run in a shuffled order, so drift on the machine hits every strategy alike.
      const order = round === 0 ? cells : shuffle(cells, random);
      await runRound(order, () => batch, perRound, true, record, interleaved ? 0 : config.timeMs);
    }
    // Cells whose estimate has not settled get further rounds, up to the cap: noise on a shared
    // machine comes in bursts, and later samples can outvote a burst that took the first ones.
    // On a machine noisy throughout they would not settle anyway: a fifth more time at most.
    const maxSamples = config.maxIterations ?? config.iterations;
    const timedMs = (): number => cells.reduce((sum, cell) => sum + spent(cell), 0);
    const planned = timedMs();
    extra = true;
    while (!hooks.signal?.aborted && timedMs() - planned < planned * EXTRA_TIME_SHARE) {
      const unsettled = cells.filter(
        (cell) => cell.result.state === 'completed' && cell.result.samples.length < maxSamples && summarize(cell.result.samples).rme > MAX_RME,
      );
      if (unsettled.length === 0) break;
      await runRound(shuffle(unsettled, random), () => batch, 1, true, record);
    }
  } finally {
    await setup?.teardown();
  }
  return finishCells(cells, config, availableParallelism());
}

/** One tinybench run over the live cells: `iterations` batches each, in the given order. */
async function runRound(
  cells: LiveCell[],
  batchFor: (cell: LiveCell) => Batch,
  iterations: number,
  timed: boolean,
  record: (cell: LiveCell, outcome: BatchOutcome, timed: boolean) => void,
  timeMs = 0,
): Promise<void> {
  const live = cells.filter((cell) => cell.result.state === 'completed');
  if (live.length === 0) return;
  const bench = new Bench({
    iterations,
    time: timeMs,
    warmup: false,
    retainSamples: true,
    throws: false,
  });
  live.forEach((cell, i) => {
    bench.add(String(i), async () => {
      // Where responsiveness is the point, main-loop callbacks run as the strategy's twin runs them.
      if (timed) cell.host.begin(cell.result.focus === 'loop-lag' ? cell.lane.strategy.onMainLoop?.bind(cell.lane.strategy) : undefined);
      const start = performance.now();
      const outcome = await cell.lane.strategy.run(batchFor(cell));
      if (timed) cell.host.end();
      else cell.warmMs += performance.now() - start;
      record(cell, outcome, timed);
    });
  });
  await bench.run();
  live.forEach((cell, i) => {
    const task = bench.getTask(String(i));
    const taskResult = task?.result;
    if (!taskResult) return;
    if (taskResult.state === 'errored') {
      if (cell.result.state === 'completed') {
        cell.result.state = 'errored';
        cell.result.error = describeError(taskResult.error);
      }
      return;
    }
    if (timed && taskResult.state === 'completed') cell.result.samples.push(...(taskResult.latency.samples ?? []));
  });
}

function summarizeIo(latencies: number[]): IoLatency {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { ops: sorted.length, p50: round(quantileSorted(sorted, 0.5)), p99: round(quantileSorted(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Statistics, speedups against sequential, and lock metrics for a workload's cells. */
function finishCells(cells: LiveCell[], config: RunConfig, cores: number): CellResult[] {
  // Microsecond resolution is all a whole batch needs, and keeps result files small.
  for (const cell of cells) cell.result.samples = cell.result.samples.map((s) => Math.round(s * 1000) / 1000);
  const base = cells.find((c) => c.result.strategy === 'sequential' && c.result.state === 'completed' && c.result.samples.length > 0);
  return cells.map(({ result, lock, ioLatencies, host }) => {
    const samples = result.samples;
    const out: CellResult = { ...result };
    if (samples.length === 0) return out;
    out.stats = summarize(samples);
    if (base && result.state === 'completed') {
      out.speedup = ratioOfMedians(base.result.samples, samples, config.seed);
      out.efficiency = out.speedup.value / result.threads;
    }
    if (ioLatencies.length > 0) out.io = summarizeIo(ioLatencies);
    out.host = host.summary(samples, cores);
    if (lock.length > 0) {
      const wall = samples.reduce((s, x) => s + x, 0);
      out.lock = summarizeLock(lock, wall, result.threads);
    }
    return out;
  });
}

