/**
 * The A/B run's owner: two versions of one workload, each in engines of its own (never two versions
 * in one process), measured in process pairs. Within a pair the versions take turns round by round
 * (A B B A …, so the host's changing speed falls on both) or, with alternation "processes", each
 * runs all its rounds in turn; successive pairs swap which version goes first. After the planned
 * pairs, the advisor names the cells still open and further pairs measure only those (with
 * sequential beside them), up to the planned looks. It never prints and never judges.
 */
import type { AgainstPlan, Alternation } from '../config/against.js';
import type { RunConfig } from '../config/types.js';
import type { Engine, EngineFactory, WorkloadHandle } from '../engine/engine.js';
import type { EngineEvent } from '../engine/protocol.js';
import { EngineCrashError } from '../errors.js';
import type { PairMeasure } from '../analysis/paired-compare.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { seededRandom, shuffle } from '../support/random.js';
import type { ProgressEvent } from './types.js';
import { Tracked } from './workload-rounds.js';

export type Version = 'base' | 'head';
export type { Alternation };

/** The pairs to measure: the A/B plan as the options resolved it, less the configuration (given apart). */
export type PairPlan = Omit<AgainstPlan, 'config'>;

/** What the scheduler asks of analysis between looks: the cells (by id) more pairs could settle. */
export interface PairAdvisor {
  open(pairs: readonly PairMeasure[], look: number): string[];
}

export interface PairScheduleOptions {
  /** Starts one version's engine; called twice per pair, and each engine is closed with its pair. */
  engine: EngineFactory;
  advisor: PairAdvisor;
  signal?: AbortSignal;
  onProgress?(event: ProgressEvent): void;
  onEscaped?(message: string): void;
}

export interface PairsScheduled {
  pairs: PairMeasure[];
  looks: number;
  /** The task count both versions ran, chosen by the first pair's base version where batches are sized by time. */
  tasks: number;
  sizing?: NonNullable<SuiteResult['sizing']>[number];
  /** Why the pairs stopped early, when they did: the signal, or an engine that died. */
  stopped?: 'signal' | 'crash';
  crash?: string;
}

interface Side {
  version: Version;
  engine: Engine;
  handle: WorkloadHandle;
  tracked: Tracked;
  rounds: number;
}

const keyOf = (cell: CellResult): string => `${cell.strategy}/${cell.threads}`;

/** The order of turns in a pair: A B B A A B … for rounds, A…A B…B for processes. */
export function turnOrder(first: Version, rounds: number, alternation: Alternation): Version[] {
  const second: Version = first === 'base' ? 'head' : 'base';
  if (alternation === 'processes')
    return [...Array<Version>(rounds).fill(first), ...Array<Version>(rounds).fill(second)];
  const turns: Version[] = [];
  for (let r = 0; r < rounds; r++) turns.push(...(r % 2 === 0 ? [first, second] : [second, first]));
  return turns;
}

/** Runs the pairs and returns what each measured. */
export async function schedulePairs(
  config: RunConfig,
  plan: PairPlan,
  options: PairScheduleOptions,
): Promise<PairsScheduled> {
  const random = seededRandom(config.seed);
  const stopped = (): boolean => Boolean(options.signal?.aborted);
  const pairs: PairMeasure[] = [];
  let sized: RunConfig = config;
  let sizing: PairsScheduled['sizing'];
  let total = 0;
  let done = 0;
  const onEvent = (event: EngineEvent): void => {
    if (event.type === 'escaped') options.onEscaped?.(event.message);
    if (event.type !== 'batch' || event.warm) return;
    done = Math.min(done + 1, total);
    const { workload, strategy, threads, extra } = event;
    options.onProgress?.({ type: 'batch', workload, strategy, threads, done, total, ...(extra ? { extra } : {}) });
  };
  const live = new Set<Engine>();
  const abort = (): void => {
    for (const engine of live) engine.abort();
  };
  options.signal?.addEventListener('abort', abort);

  const start = async (version: Version): Promise<Side> => {
    const engine = await options.engine(onEvent);
    live.add(engine);
    if (stopped()) engine.abort();
    const spec = version === 'base' ? plan.base : plan.head;
    // Neither version is judged in yardsticks: the pair itself cancels the runner's speed.
    const handle = await engine.open({ ...sized, workloads: [spec] }, spec, { yardstick: false });
    if (total === 0) {
      total = plan.pairs * 2 * plan.rounds * handle.cells.length;
      options.onProgress?.({ type: 'start', batches: total });
    }
    const warmed = await handle.warmUp();
    if (warmed.sizing && !sizing) {
      // Both versions must run the same work: the first count chosen is every later engine's.
      sizing = { workload: handle.cells[0]?.workload ?? spec.name, ...warmed.sizing };
      const { batchMs: _sizedBy, ...fixed } = sized;
      sized = { ...fixed, tasks: warmed.sizing.tasks };
    }
    return { version, engine, handle, tracked: new Tracked(spec.name, handle.cells), rounds: 0 };
  };

  const end = async (sides: readonly Side[]): Promise<void> => {
    for (const side of sides) {
      await side.engine.close().catch(() => undefined);
      live.delete(side.engine);
    }
  };

  /** One pair; its cells limited to `keys` (with sequential) after the first look. */
  const measurePair = async (
    index: number,
    keys: ReadonlySet<string> | undefined,
  ): Promise<PairMeasure | undefined> => {
    const first: Version = index % 2 === 0 ? 'base' : 'head';
    const sides: Side[] = [];
    try {
      const second: Version = first === 'base' ? 'head' : 'base';
      if (stopped()) return undefined;
      if (total === 0) {
        // The first engine's sizing pass fixes the task count for every later one.
        sides.push(await start(first));
        sides.push(await start(second));
      } else {
        // Untimed: both engines start and warm up at once, which halves a pair's overhead.
        const started = await Promise.allSettled([start(first), start(second)]);
        for (const got of started) if (got.status === 'fulfilled') sides.push(got.value);
        const failed = started.find((got): got is PromiseRejectedResult => got.status === 'rejected');
        if (failed) throw failed.reason;
      }
      for (const version of turnOrder(first, plan.rounds, plan.alternation)) {
        if (stopped()) break;
        const side = sides.find((s) => s.version === version) as Side;
        const cells = side.tracked.live().filter((c) => !keys || c.strategy === 'sequential' || keys.has(keyOf(c)));
        // Each version's first round keeps sequential first: its checksums are the reference.
        const order = side.rounds === 0 ? cells : shuffle(cells, random);
        side.rounds++;
        if (order.length === 0) continue;
        side.tracked.add(
          await side.handle.round({ cells: order.map(cellId), iterations: 1, timeMs: 0, extra: index >= plan.pairs }),
        );
      }
      // A pair cut short by the signal is left out: its versions did not take the same turns.
      if (stopped()) return undefined;
      const finished = await Promise.all(sides.map(async (side) => ({ side, report: await side.handle.finish() })));
      const of = (version: Version) => finished.find((f) => f.side.version === version) as (typeof finished)[number];
      const base = of('base');
      const head = of('head');
      const name = head.report.cells[0]?.workload;
      return {
        first,
        // A version may name its workload otherwise: the cells pair by strategy and threads.
        base: base.report.cells.map((cell) => (name ? { ...cell, workload: name } : cell)),
        head: head.report.cells,
        checksums: { base: base.report.checksums, head: head.report.checksums },
      };
    } finally {
      await end(sides);
    }
  };

  let looks = 0;
  let outcome: Pick<PairsScheduled, 'stopped' | 'crash'> = {};
  try {
    let ids: string[] | undefined;
    for (let look = 1; look <= plan.looks; look++) {
      const count = look === 1 ? plan.pairs : plan.furtherPairs;
      if (ids) total += count * 2 * plan.rounds * (ids.length + 1);
      // The versions may name their workload otherwise: further pairs pick cells by strategy and threads.
      const keys = ids && new Set((pairs[0]?.head ?? []).filter((c) => ids?.includes(cellId(c))).map(keyOf));
      for (let k = 0; k < count && !stopped(); k++) {
        const pair = await measurePair(pairs.length, keys);
        if (pair) pairs.push(pair);
      }
      if (stopped()) break;
      looks = look;
      if (look === plan.looks) break;
      ids = options.advisor.open(pairs, look);
      if (ids.length === 0) break;
    }
  } catch (error) {
    if (!(error instanceof EngineCrashError)) throw error;
    outcome = { stopped: 'crash', crash: error.message };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    for (const engine of live) await engine.close().catch(() => undefined);
  }
  if (stopped()) outcome = { stopped: 'signal' };
  return {
    pairs,
    looks: Math.max(1, looks),
    tasks: sized.tasks,
    ...(sizing ? { sizing } : {}),
    ...outcome,
  };
}
