/**
 * The Python engine: a user's workload module run under CPython's own strategies by a persistent
 * driver (engine/python-driver.ts), behind the same interface as the Node engine. The strategies
 * keep gil-bench's names, each run by its CPython counterpart: sequential (a for loop),
 * gil-threads (a threading pool under the real GIL), async (asyncio), workers (a process pool) and
 * async-offload (asyncio.to_thread). Each batch is one request, so a stop takes effect after the
 * batch in flight; the figures are put together here, as the Node engine's are.
 */
import { availableParallelism } from 'node:os';
import { DEFAULTS, LIMITS } from '../config/defaults.js';
import { warmthPerThread } from '../measure/warm-up.js';
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import { probeCapacity } from '../measure/capacity.js';
import { summarizeIo } from '../measure/finish.js';
import type { Sizing } from '../measure/sizing.js';
import { cellId, cellLabel, cellTitle } from '../results/cell-id.js';
import type { CellResult, HostMetrics } from '../results/types.js';
import { withTimingFigures } from '../results/figures.js';
import { median } from '../stats/summary.js';
import { MAIN_THREAD_STRATEGIES, PYTHON_NAMES, type StrategyName } from '../strategies/names.js';
import { roundTo } from '../support/round.js';
import type { Engine, EngineFactory, WorkloadHandle } from './engine.js';
import type { CellRound, EngineEvent, FinishReport, RoundReport } from './protocol.js';
import { checkInterpreter, startDriver, type Driver, type Interpreter } from './python-driver.js';

/** A sequential batch that waits less than this share of its time has no waits worth reporting. */
const WAITS_SHOWN = 0.05;

interface Opened {
  name: string;
  kind: CellResult['kind'];
  runAsync: boolean;
  startMethod: string;
  gil: boolean | null;
  gilReadBy: string;
  gilForcedBy?: string;
  tasks: number;
  cells: { id: string; startupMs: number }[];
}

interface Batch {
  state: CellResult['state'];
  error?: string;
  ms?: number;
  cpuMs?: number;
  /** Time in CPython's cyclic collector (gc.callbacks), in the driver and its pool's processes. */
  gcMs?: number;
  /** Each task's time off the CPU: its waits (and, under threads, its waits for the GIL). */
  waitsMs?: number[];
  lagsMs?: number[];
  mismatches?: CellResult['mismatches'];
}

/** A cell as it is measured: its result so far, and the raw figures its summary comes from. */
interface Live {
  key: string;
  result: CellResult;
  /** Its warm-up so far: per thread, ms, and each pass's time. */
  warmMs: number;
  warmPasses: number[];
  cpuMs: number[];
  gcMs: number[];
  waitsMs: number[];
  lagsMs: number[];
}

/** Whether a workload spec is a Python module, for the engine router. */
export const isPythonWorkload = (spec: WorkloadSpec): boolean => spec.file?.endsWith('.py') === true;

/** The cells of a run's configuration, sequential first. */
function planCells(config: RunConfig): { strategy: StrategyName; threads: number }[] {
  const strategies = ['sequential' as StrategyName, ...config.strategies.filter((s) => s !== 'sequential')];
  return strategies.flatMap((strategy) =>
    MAIN_THREAD_STRATEGIES.includes(strategy)
      ? [{ strategy, threads: 1 }]
      : config.threads.map((threads) => ({ strategy, threads })),
  );
}

/** A Python engine for the interpreter `command`, checked before it starts. */
export function pythonEngine(command: string): EngineFactory {
  return async (onEvent) => {
    const interpreter = await checkInterpreter(command);
    const driver = await startDriver(interpreter);
    let aborted = false;
    const engine: Engine = {
      probe: () => probeCapacity(),
      open: (config, spec) => openOn(driver, interpreter, config, spec, onEvent, () => aborted),
      abort: () => void (aborted = true),
      close: () => driver.close(),
    };
    return engine;
  };
}

async function openOn(
  driver: Driver,
  interpreter: Interpreter,
  config: RunConfig,
  spec: WorkloadSpec,
  emit: (event: EngineEvent) => void,
  aborted: () => boolean,
): Promise<WorkloadHandle> {
  const planned = planCells(config);
  const opened = await driver.request<Opened>({
    op: 'open',
    file: spec.file,
    tasks: config.tasks,
    size: config.size,
    seed: config.seed,
    ...(config.asyncLimit !== undefined ? { asyncLimit: config.asyncLimit } : {}),
    cells: planned.map(({ strategy, threads }) => ({ id: `${strategy}/${threads}`, strategy, threads })),
  });
  const runtime: NonNullable<CellResult['runtime']> = {
    name: interpreter.implementation,
    version: interpreter.version,
    command: interpreter.command,
    gil: opened.gil,
    gilReadBy: opened.gilReadBy,
    ...(opened.gilForcedBy ? { gilForcedBy: opened.gilForcedBy } : {}),
    runAsync: opened.runAsync,
  };
  const live: Live[] = planned.map(({ strategy, threads }, i) => {
    const result: CellResult = {
      workload: opened.name,
      kind: opened.kind,
      focus: 'throughput',
      strategy,
      threads,
      state: 'completed',
      tasks: opened.tasks,
      samples: [],
      rounds: [],
      startupMs: opened.cells[i]?.startupMs ?? 0,
      runtime: {
        ...runtime,
        strategy: PYTHON_NAMES[strategy],
        ...(strategy === 'workers' ? { startMethod: opened.startMethod } : {}),
      },
    };
    return {
      key: `${strategy}/${threads}`,
      result,
      warmMs: 0,
      warmPasses: [],
      cpuMs: [],
      gcMs: [],
      waitsMs: [],
      lagsMs: [],
    };
  });
  const byId = new Map(live.map((cell) => [cellId(cell.result), cell]));
  // A hung task ends the driver: --task-timeout bounds each task, so a batch gets one per task.
  const batchTimeout = config.taskTimeoutMs > 0 ? config.taskTimeoutMs * Math.max(1, opened.tasks) : 0;
  let round = 0;
  const transfers: number[] = [];

  const batch = async (cell: Live, timed: boolean, extra: boolean): Promise<void> => {
    const late = `${cellLabel(cell.result)} ran past ${batchTimeout / 1000} s for ${opened.tasks} tasks (--task-timeout ${config.taskTimeoutMs / 1000} s each)`;
    const answer = await driver.request<Batch>({ op: 'batch', cell: cell.key }, batchTimeout, late);
    const { result } = cell;
    result.state = answer.state;
    if (answer.error !== undefined) result.error = answer.error;
    if (answer.mismatches) result.mismatches = answer.mismatches;
    // Progress names the runtime, as the tables do: a twin in the same run shares the workload's name.
    emit({
      type: 'batch',
      workload: cellTitle(result),
      strategy: result.strategy,
      threads: result.threads,
      warm: !timed,
      extra,
    });
    if (answer.ms === undefined) return;
    if (!timed) {
      cell.warmMs += warmthPerThread(answer.ms, answer.cpuMs ?? 0, result.threads);
      cell.warmPasses.push(answer.ms);
      return;
    }
    result.samples.push(answer.ms);
    result.rounds?.push(round);
    cell.cpuMs.push(answer.cpuMs ?? 0);
    if (answer.gcMs !== undefined) cell.gcMs.push(answer.gcMs);
    cell.waitsMs.push(...(answer.waitsMs ?? []));
    cell.lagsMs.push(...(answer.lagsMs ?? []));
  };

  return {
    cells: live.map((cell) => structuredClone(cell.result)),
    async size(request) {
      if (aborted()) return {};
      const { sizing } = await driver.request<{ sizing?: Sizing }>({ op: 'size', ...request, most: LIMITS.maxTasks });
      for (const cell of live) if (sizing) cell.result.tasks = sizing.tasks;
      return sizing ? { sizing } : {};
    },
    // A whole batch a pass: a process pool's workers and the threads warm up on the work itself.
    async warmUp(ids) {
      for (const id of ids) {
        const cell = byId.get(id);
        if (cell && !aborted()) await batch(cell, false, false);
      }
      return {
        cells: live.map((cell) => ({ id: cellId(cell.result), warmMs: cell.warmMs, passes: [...cell.warmPasses] })),
      };
    },
    async round(request): Promise<RoundReport> {
      const cells = request.cells.map((id) => {
        const cell = byId.get(id);
        if (!cell) throw new Error(`no cell "${id}" in ${opened.name}`);
        return cell;
      });
      const before = new Map(cells.map((cell) => [cell, cell.result.samples.length]));
      for (const cell of cells)
        for (let i = 0; i < request.iterations && !aborted(); i++) await batch(cell, true, request.extra);
      if (!aborted() && live.some((cell) => cell.result.strategy === 'workers')) {
        const { ms } = await driver.request<{ ms: number | null }>({ op: 'transfer' }, batchTimeout);
        if (ms !== null) transfers.push(ms);
      }
      round++;
      return {
        cells: cells.map((cell) => cellRound(cell, before.get(cell) ?? 0)),
        yardstick: { samples: [], rounds: [] },
      };
    },
    trace: () => Promise.resolve(),
    async finish(): Promise<FinishReport> {
      const { checksums } = await driver.request<{ checksums: number[] }>({ op: 'checksums' });
      const estimator = config.estimator ?? DEFAULTS.estimator;
      return {
        cells: finish(live, estimator, transfers),
        checksums,
        yardstick: { kernel: 'none', samples: [], rounds: [] },
      };
    },
    close: async () => void (await driver.request({ op: 'close' })),
  };
}

function cellRound(cell: Live, before: number): CellRound {
  const { result } = cell;
  return {
    id: cellId(result),
    samples: result.samples.slice(before),
    rounds: (result.rounds ?? []).slice(before),
    state: result.state,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.mismatches ? { mismatches: result.mismatches } : {}),
  };
}

const round3 = (x: number): number => roundTo(x, 3);

/** Statistics, speedups against sequential, cores busy, waits and the loop's lag, per cell. */
function finish(
  live: readonly Live[],
  estimator: NonNullable<RunConfig['estimator']>,
  transfers: number[],
): CellResult[] {
  const timed = withTimingFigures(
    live.map((cell) => cell.result),
    estimator,
  );
  const baseWall = live[0]?.result.samples.reduce((s, x) => s + x, 0) ?? 0;
  const baseWaits = live[0]?.waitsMs.reduce((s, x) => s + x, 0) ?? 0;
  // Waits are a figure of this workload only where its own sequential run waited.
  const waits = baseWall > 0 && baseWaits / baseWall >= WAITS_SHOWN;
  return live.map((cell, i) => {
    const out = timed[i] as CellResult;
    const { samples } = out;
    if (samples.length === 0) return out;
    const cpu = median(cell.cpuMs);
    const host: HostMetrics = {
      cpuMsPerBatch: round3(cpu),
      cpuUtilization: roundTo(cpu / (median(samples) * availableParallelism()), 4),
      // The mean, as the Node engine keeps it: a collection comes every few batches.
      ...(cell.gcMs.length > 0
        ? { gcMsPerBatch: roundTo(cell.gcMs.reduce((sum, ms) => sum + ms, 0) / cell.gcMs.length, 2) }
        : {}),
    };
    if (cell.lagsMs.length > 0) {
      const lag = summarizeIo(cell.lagsMs);
      Object.assign(host, { loopLagP50: lag.p50, loopLagP99: lag.p99, loopLagMax: lag.max });
    }
    out.host = host;
    // Each task's time off the CPU: its waits.
    if (waits) out.io = summarizeIo(cell.waitsMs);
    if (out.strategy === 'workers' && transfers.length > 0 && out.runtime)
      out.runtime = { ...out.runtime, transferMs: round3(median(transfers)) };
    return out;
  });
}
