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
  | { type: 'batch'; workload: string; strategy: StrategyName; threads: number; done: number; total: number; extra?: boolean };

export interface RunHooks {
  onProgress?(event: ProgressEvent): void;
  /** Aborting stops after the batch in flight; the result is then marked partial. */
  signal?: AbortSignal;
}

/** A cell being measured: its lane, its result so far, and its timed lock figures. */
interface LiveCell {
  lane: Lane;
  /** The workload it measures, shared with that workload's other cells. */
  subject: Subject;
  result: CellResult;
  lock: TaskLockStats[];
  ioLatencies: number[];
  host: HostProbe;
  /** Time spent in warm-up passes, ms. */
  warmMs: number;
}

/** A workload ready to run: its batch, its cells, and the checksums every batch must match. */
interface Subject {
  name: string;
  batch: Batch;
  cells: LiveCell[];
  /** The first timed batch's checksums (sequential's: it runs first). */
  reference?: (number | undefined)[];
  teardown(): Promise<void>;
}

/** What the batches of a run share: the planned count done so far, and whether these are further rounds. */
interface Tally {
  done: number;
  total: number;
  extra: boolean;
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
  const tally: Tally = { done: 0, total: lanes.length * (config.warmup + config.iterations) * workloads.length, extra: false };
  hooks.onProgress?.({ type: 'start', batches: tally.total });
  if (config.probe) result.environment.capacity = await probeCapacity();
  const stopPools = async (): Promise<void> => {
    await Promise.allSettled(lanes.map((lane) => lane.strategy.teardown()));
    await gilPools.destroy();
  };
  const subjects: Subject[] = [];
  try {
    for (const [index, kind] of kindsOf(workloads).entries()) {
      if (hooks.signal?.aborted) break;
      // Workloads of a kind share one set of pools, so their rounds can take turns. Each kind gets
      // fresh pools: a thread's heap, grown by one kind's work, is never given back while it lives.
      if (index > 0) await stopPools();
      for (const lane of lanes) {
        if (hooks.signal?.aborted) break;
        delete lane.setupError;
        await setupLane(lane);
      }
      const group: Subject[] = [];
      try {
        for (const { ref, spec, workload } of kind) {
          if (hooks.signal?.aborted) break;
          group.push(await prepare(ref, spec, workload, lanes, config));
        }
        subjects.push(...group);
        await measure(group, config, hooks, tally);
      } finally {
        await Promise.allSettled(group.map((subject) => subject.teardown()));
      }
    }
  } finally {
    await stopPools();
  }
  result.partial = Boolean(hooks.signal?.aborted);
  for (const subject of subjects) {
    // A stopped run keeps what it measured: cells it never reached are left out.
    const reached = result.partial ? subject.cells.filter((cell) => cell.result.samples.length > 0 || cell.result.state !== 'completed') : subject.cells;
    result.cells.push(...finishCells(reached, config, availableParallelism()));
  }
  result.finishedAt = new Date().toISOString();
  result.warnings = collectWarnings(result);
  return result;
}

/** The workloads grouped by kind (cpu, io, mixed), in the order they were asked for. */
function kindsOf<T extends { workload: Workload }>(workloads: readonly T[]): T[][] {
  const kinds = new Map<string, T[]>();
  for (const entry of workloads) kinds.set(entry.workload.kind, [...(kinds.get(entry.workload.kind) ?? []), entry]);
  return [...kinds.values()];
}

/** Sets a workload up (servers, temp folders) and gives it a cell per lane. */
async function prepare(ref: WorkloadRef, spec: WorkloadSpec, workload: Workload, lanes: Lane[], config: RunConfig): Promise<Subject> {
  const setup = workload.setup ? await workload.setup() : undefined;
  const inputs = workload.inputs({ tasks: config.tasks, size: config.size, seed: config.seed, ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}) });
  const subject: Subject = {
    name: workload.name,
    batch: { ref, workload, inputs, env: setup?.env ?? {} },
    cells: [],
    teardown: async () => setup?.teardown(),
  };
  subject.cells = lanes.map((lane) => ({
    lane,
    subject,
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
      // Some workloads have a fixed shape (the convoy is always two tasks).
      tasks: inputs.length,
      samples: [],
      startupMs: Math.round(lane.strategy.startupMs * 100) / 100,
      ...(lane.setupError ? { error: lane.setupError } : {}),
    },
  }));
  return subject;
}

/**
 * Warms every workload up, then measures in rounds. Interleaved, a round gives every cell of every
 * workload one batch: a burst of noise (a vCPU taken away for seconds) then costs each workload a
 * round or two, which its medians outvote, instead of taking every round of the workload it hits.
 */
async function measure(subjects: Subject[], config: RunConfig, hooks: RunHooks, tally: Tally): Promise<void> {
  const record = recorder(hooks, tally);
  const stopped = (): boolean => Boolean(hooks.signal?.aborted);
  const random = seededRandom(config.seed);
  const cells = subjects.flatMap((subject) => subject.cells);
  const spent = (cell: LiveCell): number => cell.result.samples.reduce((sum, s) => sum + s, 0);
  const batchOf = (cell: LiveCell): Batch => cell.subject.batch;
  // Each workload is warmed up just before its first timed batches, so a stopped run has figures
  // for the workloads it reached.
  const sequential = config.order === 'sequential';
  for (const subject of subjects) {
    if (stopped()) return;
    await warmUp(subject, config, hooks, record);
    // The first round keeps sequential first: its checksums are the reference.
    await runRound(subject.cells, batchOf, sequential ? config.iterations : 1, true, record, sequential ? config.timeMs : 0);
  }
  if (!sequential) {
    // With a time budget, rounds go on until every live cell has spent it (capped, so it ends).
    const budgetLeft = (): boolean => config.timeMs > 0 && cells.some((cell) => cell.result.state === 'completed' && spent(cell) < config.timeMs);
    for (let round = 1; (round < config.iterations || budgetLeft()) && round < LIMITS.maxIterations && !stopped(); round++) {
      // Later rounds run in a shuffled order, so drift on the machine hits every strategy alike.
      await runTurns(shuffledGroups(cells, random), batchOf, record, stopped);
    }
  }
  // Cells whose estimate has not settled get further rounds, up to the cap: noise on a shared
  // machine comes in bursts, and later samples can outvote a burst that took the first ones.
  // On a machine noisy throughout they would not settle anyway: a fifth more time at most.
  const maxSamples = config.maxIterations ?? config.iterations;
  const timedMs = (): number => cells.reduce((sum, cell) => sum + spent(cell), 0);
  const planned = timedMs();
  tally.extra = true;
  while (!stopped() && timedMs() - planned < planned * EXTRA_TIME_SHARE) {
    const unsettled = cells.filter(
      (cell) => cell.result.state === 'completed' && cell.result.samples.length < maxSamples && summarize(cell.result.samples).rme > MAX_RME,
    );
    if (unsettled.length === 0) break;
    await runTurns(shuffledGroups(unsettled, random), batchOf, record, stopped);
  }
}

/** One batch for each cell, a workload's cells together (they share its setup and compiled code). */
async function runTurns(
  groups: LiveCell[][],
  batchOf: (cell: LiveCell) => Batch,
  record: RecordBatch,
  stopped: () => boolean,
): Promise<void> {
  for (const group of groups) {
    if (stopped()) return;
    await runRound(group, batchOf, 1, true, record);
  }
}

/** The cells grouped by workload, the workloads and the cells within each in a shuffled order. */
function shuffledGroups(cells: readonly LiveCell[], random: () => number): LiveCell[][] {
  const groups = new Map<Subject, LiveCell[]>();
  for (const cell of cells) groups.set(cell.subject, [...(groups.get(cell.subject) ?? []), cell]);
  return shuffle([...groups.values()], random).map((group) => shuffle(group, random));
}

/**
 * Warm-up: one task per thread, enough to load the workload and compile its code in every thread,
 * without the cost of whole batches. Passes repeat until each strategy has also spent the warm-up
 * time: a fresh thread's heap and compiled code take a while to settle on allocation-heavy work.
 */
async function warmUp(subject: Subject, config: RunConfig, hooks: RunHooks, record: RecordBatch): Promise<void> {
  const { cells } = subject;
  const warmBatch = (cell: LiveCell): Batch => ({ ...subject.batch, inputs: subject.batch.inputs.slice(0, Math.max(1, cell.result.threads)) });
  // Strategies on the same threads (sequential and async; gil-threads and async-offload) warm up once.
  const warmers = cells.filter((cell, i) => cells.findIndex((other) => other.lane.strategy.runsOn === cell.lane.strategy.runsOn) === i);
  for (let pass = 0; pass < LIMITS.maxWarmup && !hooks.signal?.aborted; pass++) {
    const cold = warmers.filter((cell) => pass < config.warmup || cell.warmMs < config.warmupMs);
    if (cold.length === 0) break;
    await runRound(cold, warmBatch, 1, false, record);
  }
}

type RecordBatch = (cell: LiveCell, outcome: BatchOutcome, timed: boolean) => void;

/** Counts a batch, reports progress, and checks its outcome; a failed or mismatching batch ends its cell. */
function recorder(hooks: RunHooks, tally: Tally): RecordBatch {
  return (cell, outcome, timed) => {
    // Batches of further rounds are not in the planned total; they are reported as extra.
    if (!tally.extra) tally.done = Math.min(tally.done + 1, tally.total);
    const { done, total, extra } = tally;
    hooks.onProgress?.({ type: 'batch', workload: cell.subject.name, strategy: cell.result.strategy, threads: cell.result.threads, done, total, ...(extra ? { extra } : {}) });
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
  };
}

/** One tinybench run over the live cells: `iterations` batches each, in the given order. */
async function runRound(
  cells: LiveCell[],
  batchFor: (cell: LiveCell) => Batch,
  iterations: number,
  timed: boolean,
  record: RecordBatch,
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

